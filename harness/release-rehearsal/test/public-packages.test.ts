// The rehearsal publishes PUBLIC_PACKAGES; pnpm knows which workspace packages are public (not
// `private`). The two lists must be equal, so a new public package cannot be left out of the
// release rehearsal, and a listed one cannot quietly turn private or move.
import { execFile } from "node:child_process";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PUBLIC_PACKAGES } from "../src/public-packages.js";

const harness = join(import.meta.dirname, "..");
const root = join(harness, "../..");

describe("PUBLIC_PACKAGES", () => {
  it("equals every workspace package that is not private, by name and folder", async () => {
    // pnpm reads pnpm-workspace.yaml itself: every folder it lists, whatever the globs become.
    const { stdout } = await promisify(execFile)(
      join(harness, "node_modules/.bin/pnpm"),
      ["-r", "ls", "--depth", "-1", "--json"],
      { cwd: root },
    );
    const workspace = JSON.parse(stdout) as { name: string; path: string; private?: boolean }[];
    expect(workspace.length).toBeGreaterThan(PUBLIC_PACKAGES.length);
    const published = workspace
      .filter((pkg) => !pkg.private)
      .map((pkg) => ({ name: pkg.name, dir: relative(root, pkg.path) }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(published.sort(byName)).toEqual(
      PUBLIC_PACKAGES.map(({ name, dir }) => ({ name, dir })).sort(byName),
    );
  });
});
