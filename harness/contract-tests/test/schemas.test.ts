import { parseSignereIdXml } from "@signereid/client/xml";
import { bodyValue, contentTypeOf, mediaTypeKey } from "@signereid/openapi";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { bundle, declaredResponse, recordings } from "../src/recordings.js";

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema(bundle, "openapi.json");

describe("every recorded body validates against the spec's schema for its status and media type", () => {
  it.each(recordings.map((r) => [r.file, r] as const))("%s", (_file, recording) => {
    const response = declaredResponse(recording.operationId, recording.response.status);
    expect(
      response,
      `${recording.operationId} declares no ${recording.response.status} response`,
    ).toBeDefined();
    const key = mediaTypeKey(response.content ?? {}, contentTypeOf(recording));
    expect(key, `the spec declares no media type for ${contentTypeOf(recording)}`).toBeDefined();
    const schema = response.content[key as string].schema;
    // An empty body under `*/*` (the invalidate example) has nothing to validate.
    if (key === "*/*" && recording.response.body === "") return;
    const body = bodyValue(recording);
    // XML is validated after reading it the way the client does.
    const value = key === "application/xml" ? parseSignereIdXml(body as string) : body;
    const validate = ajv.compile(resolvable(schema));
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });
});

/** A schema taken out of the bundle, its local references pointed back into it. */
function resolvable(schema: unknown) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"openapi.json#/'));
}
