// One signed JSON call and one signed XML call with @signereid/client, in whatever runtime runs
// this file (Node, Bun, Deno): plain ESM, no runtime-specific API but reading the base URL.
import { createSignereIdClient } from "@signereid/client";

const baseUrl = globalThis.Deno?.args?.[0] ?? globalThis.process?.argv?.[2];
const client = createSignereIdClient({
  apiId: "de0de0de-0000-4000-8000-000000000001",
  secondaryKey: "demo-secondary-key",
  baseUrl,
  onDeprecation: false,
});
const requestId = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";
const json = await client.getSignereIdSession(requestId, { metadata: true });
const xml = await client.getSignereIdSession(requestId, { metadata: true, format: "xml" });
// The two forms list fields in different orders; compare them field by field.
const canonical = (value) =>
  JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort())
      : v,
  );
const same = canonical(json) === canonical(xml);
console.log(
  JSON.stringify({ json: json.Name, xml: xml.Name, metaData: xml.MetaData.length, same }),
);
