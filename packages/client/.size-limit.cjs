// Size budgets, checked on every test run (test/size.test.ts): min+gzip, dependencies included,
// a little above today's sizes so that growth is a decision, not a drift. The JSON entry loads
// the XML reader with import("./xml.js"), which bundlers split into a lazy chunk: it is left out,
// as it is for a JSON-only user. `pnpm size:why` says where the bytes go; BENCHMARKS.md has the
// history.
const lazyXml = (config) => ({ ...config, external: [...(config.external ?? []), "./xml.js"] });

module.exports = [
  {
    name: "JSON entry: @signereid/client (createSignereIdClient)",
    path: "dist/index.js",
    import: "{ createSignereIdClient }",
    gzip: true,
    limit: "10.45 kB",
    modifyEsbuildConfig: lazyXml,
  },
  {
    name: "XML entry: @signereid/client/xml with @rgrove/parse-xml",
    path: "dist/xml.js",
    import: "{ parseSignereIdXml }",
    gzip: true,
    limit: "6 kB",
  },
];
