// Size budgets, checked in CI (pnpm size). min+gzip, dependencies included.
// The JSON entry loads the XML reader with import("./xml.js"); bundlers put that in a lazy chunk,
// so it is left out here, as it is for a JSON-only user. Issue #6 asked for 5 kB for the JSON
// entry; see BENCHMARKS.md for why the enforced budget is higher and where the bytes go. Issue 9
// (hostile servers) raised it from 8.6 to 8.8 kB: decoded-size counting, bounded clock-skew
// correction per request, raw-text excerpts cut before redaction, and redaction of every piece of
// server text cost about 0.36 kB.
const lazyXml = (config) => ({ ...config, external: [...(config.external ?? []), "./xml.js"] });

module.exports = [
  {
    name: "JSON entry: @signereid/client with openapi-fetch",
    path: "dist/index.js",
    import: "{ createSignereIdClient }",
    gzip: true,
    limit: "8.8 kB",
    modifyEsbuildConfig: lazyXml,
  },
  {
    name: "XML entry: @signereid/client/xml with fast-xml-parser",
    path: "dist/xml.js",
    import: "{ parseSignereIdXml }",
    gzip: true,
    limit: "22.6 kB",
  },
];
