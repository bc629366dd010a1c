// Size budgets, checked in CI (pnpm size). min+gzip, dependencies included.
// The JSON entry loads the XML reader with import("./xml.js"); bundlers put that in a lazy chunk,
// so it is left out here, as it is for a JSON-only user. Issue #6 asked for 5 kB for the JSON
// entry; see BENCHMARKS.md for why the enforced budget is higher and where the bytes go. Issue 9
// (hostile servers) raised it from 8.6 to 8.8 kB: decoded-size counting, bounded clock-skew
// correction per request, raw-text excerpts cut before redaction, and redaction of every piece of
// server text cost about 0.36 kB. Issue 11 (the request core) took openapi-fetch out of the
// typed client's path (it calls fetch itself; openapi-fetch serves only createSignereIdRawClient,
// which a JSON-entry user does not import): 8.8 → 8.16 kB, budget lowered to 8.3 kB. The XML entry
// grew 0.42 kB: it reads the root and list names from the generated operation metadata.
const lazyXml = (config) => ({ ...config, external: [...(config.external ?? []), "./xml.js"] });

module.exports = [
  {
    name: "JSON entry: @signereid/client (createSignereIdClient)",
    path: "dist/index.js",
    import: "{ createSignereIdClient }",
    gzip: true,
    limit: "8.3 kB",
    modifyEsbuildConfig: lazyXml,
  },
  {
    name: "XML entry: @signereid/client/xml with fast-xml-parser",
    path: "dist/xml.js",
    import: "{ parseSignereIdXml }",
    gzip: true,
    limit: "23.1 kB",
  },
];
