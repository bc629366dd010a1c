// Seeds the registry with the exact third-party packages a consumer installs next to ours
// (their runtime dependencies, TypeScript, Node's types), packed from this workspace's
// node_modules. The registry has no uplink, so this is how `npm install` from it resolves
// openapi-fetch & co. without a byte leaving the machine.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Registry } from "./registry.js";
import { run } from "./run.js";

interface Manifest {
  name: string;
  version: string;
  description?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

/** Where Node would find `name` from `fromDir` (walking up the node_modules folders). */
export function findPackageDir(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Publishes `names` (found from `fromDir`) and everything they need at run time, each at the
 * version installed here. Returns the `name@version`s published.
 */
export async function seedDependencies(
  registry: Registry,
  wanted: { name: string; fromDir: string }[],
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  const packDir = mkdtempSync(join(tmpdir(), "signereid-seed-"));
  const published = new Map<string, string>();
  try {
    const queue = [...wanted.map((entry) => ({ ...entry, optional: false }))];
    while (queue.length > 0) {
      const { name, fromDir, optional } = queue.shift() as (typeof queue)[number];
      const dir = findPackageDir(fromDir, name);
      if (!dir) {
        if (optional) continue;
        throw new Error(`${name} is not installed near ${fromDir}: run pnpm install first`);
      }
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
      const id = `${manifest.name}@${manifest.version}`;
      if (published.has(id)) continue;
      published.set(id, dir);
      await publishFolder(registry, dir, manifest, packDir, env);
      const optionalPeer = (peer: string) => manifest.peerDependenciesMeta?.[peer]?.optional;
      for (const dep of Object.keys(manifest.dependencies ?? {})) {
        queue.push({ name: dep, fromDir: dir, optional: false });
      }
      for (const dep of Object.keys(manifest.optionalDependencies ?? {})) {
        queue.push({ name: dep, fromDir: dir, optional: true });
      }
      // npm installs peers too; an optional one may be absent.
      for (const dep of Object.keys(manifest.peerDependencies ?? {})) {
        queue.push({ name: dep, fromDir: dir, optional: Boolean(optionalPeer(dep)) });
      }
    }
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
  return [...published.keys()];
}

// `npm pack` makes the tarball; the upload is the registry's publish document (what
// libnpmpublish sends), so no manifest field such as publishConfig.registry can send it elsewhere.
async function publishFolder(
  registry: Registry,
  dir: string,
  manifest: Manifest,
  packDir: string,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  // pnpm's store hard-links identical files (index.d.ts, index.d.mts…); npm pack would write
  // them as tar hard links, which npm install then drops. Pack a plain copy.
  const copy = join(packDir, "source", manifest.name);
  cpSync(dir, copy, { recursive: true, dereference: true });
  const { stdout } = await run(
    "npm",
    ["pack", copy, "--ignore-scripts", "--json", "--pack-destination", packDir],
    { cwd: packDir, env, timeoutMs: 60_000 },
  );
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  const tarball = readFileSync(join(packDir, filename));
  const { name, version } = manifest;
  const attachment = `${name}-${version}.tgz`;
  const document = {
    _id: name,
    name,
    description: manifest.description ?? "",
    "dist-tags": { latest: version },
    versions: {
      [version]: {
        ...manifest,
        _id: `${name}@${version}`,
        dist: {
          shasum: createHash("sha1").update(tarball).digest("hex"),
          integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
          tarball: `${registry.url}${name}/-/${attachment}`,
        },
      },
    },
    _attachments: {
      [attachment]: {
        content_type: "application/octet-stream",
        data: tarball.toString("base64"),
        length: tarball.length,
      },
    },
  };
  const response = await fetch(`${registry.url}${name.replace("/", "%2f")}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: "Bearer anonymous-rehearsal" },
    body: JSON.stringify(document),
    signal: AbortSignal.timeout(60_000),
  });
  if (!response.ok) {
    throw new Error(`seeding ${name}@${version}: the registry answered ${response.status}`);
  }
  await response.body?.cancel();
}
