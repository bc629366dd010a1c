// A temporary copy of the repository for the Changesets flow, so `changeset version` rewrites
// manifests, changelogs and changesets there and never in the working tree. Built `dist/`
// folders come along (the rehearsal publishes what the build made); node_modules does not.
// The root one is linked, so Changesets and its changelog generator resolve, and each
// `workspace:` dependency is linked to its copied package, as pnpm install would, so that
// `pnpm publish` writes the copy's new versions in its place.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";

const LEFT_OUT = new Set([
  "node_modules",
  ".git",
  ".turbo",
  "test-results.json",
  "coverage",
  "screenshots",
]);
const FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];

export function copyWorkspace(root: string, destination: string): void {
  cpSync(root, destination, {
    recursive: true,
    filter: (source) => !LEFT_OUT.has(basename(source)) && !source.endsWith(".tgz"),
  });
  symlinkSync(join(root, "node_modules"), join(destination, "node_modules"), "dir");

  const packages = workspacePackages(destination);
  const dirs = new Map(packages.map(({ dir, manifest }) => [String(manifest.name), dir]));
  for (const { dir, manifest } of packages) {
    for (const field of FIELDS) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        const target = dirs.get(name);
        if (!target || !String(range).startsWith("workspace:")) continue;
        const link = join(dir, "node_modules", name);
        mkdirSync(dirname(link), { recursive: true });
        symlinkSync(target, link, "dir");
      }
    }
  }
}

// The folders pnpm-workspace.yaml lists: openapi and every folder under packages, apps, harness.
function workspacePackages(root: string) {
  const dirs = [
    join(root, "openapi"),
    ...["packages", "apps", "harness"].flatMap((parent) =>
      existsSync(join(root, parent))
        ? readdirSync(join(root, parent)).map((name) => join(root, parent, name))
        : [],
    ),
  ];
  return dirs
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<
        string,
        Record<string, string>
      >,
    }));
}
