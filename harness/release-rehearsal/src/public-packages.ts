// The packages a release publishes, as workspace folders: every workspace package that is not
// private (test/public-packages.test.ts holds the two lists equal). The rehearsal checks,
// publishes, installs and uses each. `attw` lists the checks that do not apply: the openapi
// package is data with an ESM-only loader and the sandbox is ESM-only (Node 20.19+, both their
// engines, can require() them), and attw cannot resolve a YAML file.
export const PUBLIC_PACKAGES: readonly PublicPackage[] = [
  { name: "@signereid/client", dir: "packages/client", attw: [] },
  {
    name: "@signereid/openapi",
    dir: "openapi",
    attw: ["--exclude-entrypoints", "./openapi.yaml", "--ignore-rules", "cjs-resolves-to-esm"],
  },
  {
    name: "@signereid/sandbox",
    dir: "apps/sandbox",
    attw: ["--ignore-rules", "cjs-resolves-to-esm"],
  },
];

export interface PublicPackage {
  name: string;
  dir: string;
  attw: string[];
}
