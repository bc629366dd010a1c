import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createHmacSigner as createSigner, formatTimestamp, stringToSign } from "../src/signing.js";

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
describe.each([
  ["node:crypto (process.getBuiltinModule)", {}],
  ["Web Crypto", { webCryptoOnly: true }],
])("signing with %s", (_name, signerOptions) => {
  const createHmacSigner = (key: string, algorithm: "SHA256" | "SHA512") =>
    createSigner(key, algorithm, signerOptions);

  it("reproduces the facts file's SHA512 test vector", async () => {
    const message = stringToSign(VECTOR.url, VECTOR.timestamp, "GET");
    expect(message).toBe(`${VECTOR.url}&Timestamp=2017-08-21T10:00:00&Httpverb=GET`);
    expect(await createHmacSigner(VECTOR.key, "SHA512")(message)).toBe(VECTOR.token);
  });

  it("matches node:crypto for SHA256 on the same inputs", async () => {
    const message = stringToSign(VECTOR.url, VECTOR.timestamp, "GET");
    const token = await createHmacSigner(VECTOR.key, "SHA256")(message);
    expect(token).toBe(nodeHmac("sha256", VECTOR.key, message));
    expect(token).toHaveLength(64);
  });

  it("emits uppercase hex only", async () => {
    const token = await createHmacSigner("k", "SHA512")("m");
    expect(token).toMatch(/^[0-9A-F]{128}$/);
  });

  it("uses the key's characters as UTF-8, never base64-decoding it", async () => {
    const base64Key = "c2VjcmV0"; // "secret" in base64
    const token = await createHmacSigner(base64Key, "SHA512")("message");
    expect(token).toBe(nodeHmac("sha512", base64Key, "message"));
    const decoded = createHmac("sha512", Buffer.from(base64Key, "base64"))
      .update("message")
      .digest("hex");
    expect(token).not.toBe(decoded.toUpperCase());
  });

  it("encodes non-ASCII keys and messages as UTF-8", async () => {
    const token = await createHmacSigner("nøkkel-æøå", "SHA256")("blåbær?x=ø");
    expect(token).toBe(nodeHmac("sha256", "nøkkel-æøå", "blåbær?x=ø"));
  });

  it("keeps the URL's ? and appends with &", () => {
    expect(stringToSign("https://h/p?metadata=false", "2020-01-01T00:00:00", "GET")).toBe(
      "https://h/p?metadata=false&Timestamp=2020-01-01T00:00:00&Httpverb=GET",
    );
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
