import { createHmac } from "node:crypto";
import vectors from "@signereid/openapi/signing-vectors.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import {
  createHmacSigner,
  createWebCryptoSigner,
  formatTimestamp,
  messageToSign,
  stringToSign,
} from "../src/signing.js";
import { expectedToken } from "./helpers.js";

const VECTOR = {
  key: "example-secondary-key",
  url: "https://testapi.signere.no/api/SignereId/3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2?metadata=true",
  timestamp: "2017-08-21T10:00:00",
  token:
    "03A5727858B9DDED535A3F5BDA5EA5FAEFD95BFB7DC669CCA8BB56ED942796267773DA4AECF0C050A376746A52D576E4ADF325A8C26B0DD081DD3A8E1E7596A7",
};

const nodeHmac = (algorithm: string, key: string, message: string) =>
  createHmac(algorithm, Buffer.from(key, "utf8"))
    .update(message, "utf8")
    .digest("hex")
    .toUpperCase();

// Both signers: node:crypto where the runtime offers it, Web Crypto everywhere else.
// Both signers: node:crypto where the runtime offers it, Web Crypto everywhere else (an internal
// export, so tests reach it without a switch in the public API).
describe.each([
  ["node:crypto (process.getBuiltinModule)", createHmacSigner],
  ["Web Crypto", createWebCryptoSigner],
])("signing with %s", (_name, createSigner) => {
  it.each(vectors.vectors.map((vector) => [vector.name, vector] as const))(
    "reproduces the spec package's vector: %s",
    async (_vector, vector) => {
      const message = messageToSign(vector.method, vector.url, vector.body, vector.timestamp);
      const algorithm = vector.algorithm as "SHA256" | "SHA512";
      expect(await createSigner(vector.key, algorithm)(message)).toBe(vector.expectedToken);
    },
  );

  it("reproduces the facts file's SHA512 test vector", async () => {
    const message = stringToSign(VECTOR.url, VECTOR.timestamp, "GET");
    expect(message).toBe(`${VECTOR.url}&Timestamp=2017-08-21T10:00:00&Httpverb=GET`);
    expect(await createSigner(VECTOR.key, "SHA512")(message)).toBe(VECTOR.token);
  });

  it("matches node:crypto for SHA256 on the same inputs", async () => {
    const message = stringToSign(VECTOR.url, VECTOR.timestamp, "GET");
    const token = await createSigner(VECTOR.key, "SHA256")(message);
    expect(token).toBe(nodeHmac("sha256", VECTOR.key, message));
    expect(token).toHaveLength(64);
  });

  it("emits uppercase hex only", async () => {
    const token = await createSigner("k", "SHA512")("m");
    expect(token).toMatch(/^[0-9A-F]{128}$/);
  });

  it("uses the key's characters as UTF-8, never base64-decoding it", async () => {
    const base64Key = "c2VjcmV0"; // "secret" in base64
    const token = await createSigner(base64Key, "SHA512")("message");
    expect(token).toBe(nodeHmac("sha512", base64Key, "message"));
    const decoded = createHmac("sha512", Buffer.from(base64Key, "base64"))
      .update("message")
      .digest("hex");
    expect(token).not.toBe(decoded.toUpperCase());
  });

  it("encodes non-ASCII keys and messages as UTF-8", async () => {
    const token = await createSigner("nøkkel-æøå", "SHA256")("blåbær?x=ø");
    expect(token).toBe(nodeHmac("sha256", "nøkkel-æøå", "blåbær?x=ø"));
  });

  it("keeps the URL's ? and appends with &", () => {
    expect(stringToSign("https://h/p?metadata=false", "2020-01-01T00:00:00", "GET")).toBe(
      "https://h/p?metadata=false&Timestamp=2020-01-01T00:00:00&Httpverb=GET",
    );
  });
});

describe("the test verifier (test/helpers.ts, node:crypto)", () => {
  it.each(vectors.vectors.map((vector) => [vector.name, vector] as const))(
    "reproduces the spec package's vector: %s",
    (_vector, vector) => {
      const algorithm = vector.algorithm as "SHA256" | "SHA512";
      expect(expectedToken(vector, vector.timestamp, algorithm, vector.key)).toBe(
        vector.expectedToken,
      );
    },
  );

  it("has both of the facts file's vectors, one per recipe", () => {
    expect(vectors.vectors.map((vector) => vector.method).sort()).toEqual(["GET", "POST"]);
  });
});

describe("formatTimestamp", () => {
  it.each([
    ["2017-08-21T10:00:00.000Z", "2017-08-21T10:00:00"],
    ["2017-08-21T10:00:00.999Z", "2017-08-21T10:00:00"],
    ["2017-08-21T10:00:59.999Z", "2017-08-21T10:00:59"],
    ["2017-08-21T10:00:59.9995Z", "2017-08-21T10:00:59"],
    ["2017-08-21T10:01:00.000Z", "2017-08-21T10:01:00"],
    ["2017-12-31T23:59:59.999Z", "2017-12-31T23:59:59"],
    ["2018-01-01T00:00:00.001Z", "2018-01-01T00:00:00"],
    ["2016-02-29T12:00:00Z", "2016-02-29T12:00:00"],
  ])("%s → %s (truncated, never rounded up)", (iso, expected) => {
    expect(formatTimestamp(new Date(iso))).toBe(expected);
  });

  it("is in UTC whatever the offset the time was written with", () => {
    expect(formatTimestamp(new Date("2017-08-21T12:00:00+02:00"))).toBe("2017-08-21T10:00:00");
    expect(formatTimestamp(new Date("2017-08-20T23:30:00-10:30"))).toBe("2017-08-21T10:00:00");
  });

  it("has no fraction, no Z and no offset", () => {
    expect(formatTimestamp(new Date())).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });
});
