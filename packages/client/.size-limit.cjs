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
// Issue 12 (the whole SignereID resource: create, completed, invalidate, server time, syncClock)
// raised the JSON budget from 8.3 to 10.2 kB: measured 8.16 → 10.05 kB, +1.89 kB. About 0.56 kB
// is the four operations' generated metadata (paths, shapes, and the create body's field rules
// with its two enums and deprecation texts); about 1.33 kB is code: generic body validation from
// those rules (required and unknown fields with a did-you-mean hint, URL and open-enum checks),
// the server-time parser, syncClock and the four thin methods. The XML entry imports the same
// metadata: 23.10 → 23.56 kB, budget 23.1 → 23.7 kB.
// Security finding 6 (pieces of an echoed token): redacting every 8-character piece of the key
// and of the tokens sent, and keeping the last tokens sent, measured 10.07 → 10.33 kB (+0.26 kB)
// for the JSON entry and 23.57 → 23.76 kB (+0.19 kB) for the XML entry: budgets 10.2 → 10.4 kB
// and 23.7 → 23.8 kB.
const lazyXml = (config) => ({ ...config, external: [...(config.external ?? []), "./xml.js"] });

module.exports = [
  {
    name: "JSON entry: @signereid/client (createSignereIdClient)",
    path: "dist/index.js",
    import: "{ createSignereIdClient }",
    gzip: true,
    limit: "10.4 kB",
    modifyEsbuildConfig: lazyXml,
  },
  {
    name: "XML entry: @signereid/client/xml with fast-xml-parser",
    path: "dist/xml.js",
    import: "{ parseSignereIdXml }",
    gzip: true,
    limit: "23.8 kB",
  },
];
