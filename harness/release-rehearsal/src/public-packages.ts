// The packages a release publishes, as workspace folders. The rehearsal checks, publishes,
// installs and uses each; a new public package (the sandbox) is one more line here.
// `attw` lists the checks that do not apply: the openapi package is data with an ESM-only loader
// (Node 20.19+ can require() it), and attw cannot resolve a YAML file.
export const PUBLIC_PACKAGES: readonly PublicPackage[] = [
  { name: "@signereid/client", dir: "packages/client", attw: [] },
  {
    name: "@signereid/openapi",
    dir: "openapi",
    attw: ["--exclude-entrypoints", "./openapi.yaml", "--ignore-rules", "cjs-resolves-to-esm"],
  },
];

export interface PublicPackage {
  name: string;
  dir: string;
  attw: string[];
}
