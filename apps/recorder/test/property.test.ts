// Item 1, as a property: random session-like JSON and XML bodies, served over loopback, with a
// random national-id-like number injected anywhere (values, keys, MetaData, unknown nesting, JSON
// in a string, numbers; in XML also CDATA, comments, character references, attributes and element
// names). The recording never contains the injected number.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYNTHETIC } from "../src/allow-list.js";
import { RecorderError, recordExchange } from "../src/record.js";
import { API_ID, type HostileServer, REQUEST_ID, startHostileServer } from "./hostile-server.js";

const MARK = "@@ID@@";
let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.close());

// Ids that a synthetic value cannot contain by chance.
const id = fc
  .stringMatching(/^[1-9][0-9]{5,11}$/)
  .filter((candidate) => !Object.values(SYNTHETIC).some((value) => value.includes(candidate)));
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constant(MARK), fc.constant(""));
const name = fc.stringMatching(/^[A-Z][a-z]{1,8}$/);
const leaf = fc.oneof(text, fc.constant(null), fc.integer(), fc.boolean());
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("tree"), { maxLength: 3 }),
    fc.dictionary(name, tie("tree"), { maxKeys: 3 }),
  ),
}));
// The session's fields that hold text, read from the bundle as src/allow-list.ts does (MetaData,
// the one list, is generated apart), so a field added to the spec is attacked too.
const bundle = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@signereid/openapi/openapi.json"), "utf8"),
) as { components: { schemas: { SignereIdResponse: { properties: object } } } };
const FIELDS = Object.entries(bundle.components.schemas.SignereIdResponse.properties)
  .filter(([, field]: [string, { type?: string | string[] }]) => !field.type?.includes("array"))
  .map(([name]) => name);
const session = (unknown: fc.Arbitrary<unknown>) =>
  fc
    .tuple(
      fc.record(
        Object.fromEntries(FIELDS.map((field) => [field, fc.option(text, { nil: null })])),
        { requiredKeys: [] },
      ),
      fc.option(
        fc.array(
          fc.record({
            Key: fc.oneof(fc.constant("user.certificate.json"), text),
            Value: fc.option(text, { nil: null }),
          }),
          { maxLength: 3 },
        ),
        { nil: null },
      ),
      fc.dictionary(name, unknown, { maxKeys: 3 }),
    )
    // The injected id is always somewhere, at least in an unknown field.
    .map(([known, metaData, extra]) => ({ ...known, MetaData: metaData, ...extra, Zz: MARK }));

let written = 0;
/** The file's text, or "" when the client itself refused the body (then nothing is written). */
async function record(body: string, contentType: string, format: "json" | "xml") {
  server.reply = { headers: { "content-type": contentType }, body };
  const result = await recordExchange({
    client: { apiId: API_ID, secondaryKey: "property-key", baseUrl: server.url },
    requestId: REQUEST_ID,
    metadata: true,
    format,
  }).catch((error: unknown) => {
    // A known field that is not a string is refused by the client: a refusal, never a gate error.
    if (error instanceof RecorderError && /wrong-shape/.test(error.message)) return { text: "" };
    throw error;
  });
  if (result.text) written++;
  return result.text;
}

describe("item 1: property", () => {
  it("item 1: a random JSON session with a random id injected anywhere never leaks it", async () => {
    const injection = fc.constantFrom("plain", "embedded", "json-in-string", "number", "key");
    await fc.assert(
      fc.asyncProperty(session(tree), id, injection, async (value, nin, how) => {
        const inject: Record<string, string> = {
          plain: JSON.stringify(nin),
          embedded: JSON.stringify(`nr. ${nin}, ok`),
          "json-in-string": JSON.stringify(JSON.stringify({ ssn: nin })),
          number: nin,
          key: JSON.stringify(nin),
        };
        let body = JSON.stringify(value).replaceAll(JSON.stringify(MARK), inject[how] as string);
        if (how === "key") body = body.replace(/^\{/, `{"K${nin}":{"n${nin}":1},`);
        const written = await record(body, "application/json", "json");
        expect(written).not.toContain(nin);
      }),
      { numRuns: 150 },
    );
    expect(written).toBeGreaterThan(100); // most runs do write a file
    written = 0;
    // The fields come from the bundle: the national id's field is among them.
    expect(FIELDS).toContain("SocialSecurityNumber");
  });

  it("item 1: a random XML session with a random id injected anywhere, in any XML disguise, never leaks it", async () => {
    const disguise = fc.constantFrom(
      "plain",
      "cdata",
      "comment",
      "entity",
      "attribute",
      "element-name",
    );
    await fc.assert(
      fc.asyncProperty(session(tree), id, disguise, async (value, nin, how) => {
        const written = await record(toXml(value, nin, how), "text/plain", "xml");
        expect(written).not.toContain(nin);
      }),
      { numRuns: 150 },
    );
    expect(written).toBeGreaterThan(100); // most runs do write a file
    written = 0;
  });
});

/** A DataContract-like document; every MARK becomes `nin` in the chosen disguise. */
function toXml(session: Record<string, unknown>, nin: string, how: string): string {
  // Each disguise keeps the element's own content text, so known fields stay strings.
  const disguised = (tag: string): string =>
    ({
      plain: `<${tag}>${nin}</${tag}>`,
      cdata: `<${tag}><![CDATA[${nin}]]></${tag}>`,
      comment: `<${tag}>${nin.slice(0, 3)}<!-- x -->${nin.slice(3)}</${tag}>`,
      entity: `<${tag}>&#${nin.charCodeAt(0)};${nin.slice(1)}</${tag}>`,
      attribute: `<${tag} v="${nin}">x</${tag}>`,
      "element-name": `<${tag}>x</${tag}><E${nin}>x</E${nin}>`,
    })[how] as string;
  const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const element = (tag: string, item: unknown): string => {
    if (item === null) return `<${tag} i:nil="true"/>`;
    if (Array.isArray(item)) return `<${tag}>${item.map((x) => element(tag, x)).join("")}</${tag}>`;
    if (typeof item === "object")
      return `<${tag}>${Object.entries(item as object)
        .map(([k, v]) => element(k, v))
        .join("")}</${tag}>`;
    return item === MARK ? disguised(tag) : `<${tag}>${escapeText(String(item))}</${tag}>`;
  };
  const members = Object.entries(session)
    .map(([k, v]) =>
      k === "MetaData" && Array.isArray(v)
        ? `<MetaData>${v.map((entry) => element("MetaData", entry)).join("")}</MetaData>`
        : element(k, v),
    )
    .join("");
  return `<?xml version="1.0" encoding="utf-8"?><SignereIdResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" data-n="${nin}">${members}</SignereIdResponse>`;
}
