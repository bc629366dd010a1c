// The spec-change gate's baseline: a copy of each released bundle of @signereid/openapi in
// openapi/releases/<version>/openapi.json, committed with the version bump, so CI compares the
// current bundle with the last release without asking a registry.
//
//   node scripts/release-baseline.mjs             copy openapi/dist/openapi.json as the bundle of
//                                                 openapi/package.json's version (after `changeset version`)
//   node scripts/release-baseline.mjs <version>   the same, for that version
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
export const releasesDir = join(root, "openapi/releases");

/** The newest committed release: `{ version, file }`, or undefined before the first one. */
export function latestRelease(dir = releasesDir) {
  if (!existsSync(dir)) return undefined;
  const parts = (version) => version.split(".").map(Number);
  const newer = (a, b) => {
    const [x, y] = [parts(a), parts(b)];
    const i = x.findIndex((n, k) => n !== y[k]);
    return i !== -1 && x[i] > y[i];
  };
  const versions = readdirSync(dir).filter((name) => /^\d+\.\d+\.\d+$/.test(name));
  const version = versions.reduce(
    (best, v) => (best === undefined || newer(v, best) ? v : best),
    undefined,
  );
  return version && { version, file: join(dir, version, "openapi.json") };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bundle = join(root, "openapi/dist/openapi.json");
  const version =
    process.argv[2] ?? JSON.parse(readFileSync(join(root, "openapi/package.json"), "utf8")).version;
  if (!/^\d+\.\d+\.\d+$/.test(version)) {
    console.error(`release-baseline: "${version}" is not a release version (x.y.z)`);
    process.exit(2);
  }
  if (!existsSync(bundle)) {
    console.error(`release-baseline: ${bundle} is missing: build @signereid/openapi first`);
    process.exit(2);
  }
  mkdirSync(join(releasesDir, version), { recursive: true });
  copyFileSync(bundle, join(releasesDir, version, "openapi.json"));
  console.log(
    `release-baseline: openapi/releases/${version}/openapi.json is the spec gate's baseline`,
  );
}
