// The replay server's verifier against every vector of @signereid/openapi/signing-vectors.json.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { signatureMatches, tokenFor } from "../src/signature.js";

const { vectors } = createRequire(import.meta.url)("@signereid/openapi/signing-vectors.json") as {
  vectors: {
    name: string;
    method: string;
    url: string;
    body?: string;
    timestamp: string;
    algorithm: string;
    key: string;
    expectedToken: string;
  }[];
};

describe("the replay server's verifier", () => {
  it.each(vectors.map((v) => [v.name, v] as const))("%s", (_name, vector) => {
    const signed = {
      ...vector,
      body: vector.body === undefined ? undefined : Buffer.from(vector.body),
    };
    expect(tokenFor(signed, vector.key)).toBe(vector.expectedToken);
    expect(signatureMatches(signed, vector.key, vector.expectedToken)).toBe(true);
    expect(signatureMatches(signed, `${vector.key}x`, vector.expectedToken)).toBe(false);
  });

  it("the vectors cover both recipes", () => {
    expect(new Set(vectors.map((v) => v.method))).toEqual(new Set(["GET", "POST"]));
  });
});
