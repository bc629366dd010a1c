import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { operations } from "../src/generated/operations.gen.js";
import { createSignereIdClient, SignereIdValidationError } from "../src/index.js";
import {
  API_ID,
  options,
  SECONDARY_KEY,
  sendJson,
  signatureIsValid,
  startServer,
  VENDOR_SESSION,
} from "./helpers.js";

const requestIdMaxLength = operations.getSignereIdSession.params[0].rule.maxLength;

const base = { apiId: API_ID, secondaryKey: SECONDARY_KEY, environment: "test" as const };

describe("createSignereIdClient refuses bad options itself", () => {
  it.each([
    ["no options", undefined, "options"],
    ["apiId missing", { ...base, apiId: undefined }, "apiId"],
    ["apiId not a GUID", { ...base, apiId: "my-account" }, "apiId"],
    ["apiId without hyphens", { ...base, apiId: "6e3bd6b47a7c4b8e9f0d2f4a1c9d8e71" }, "apiId"],
    ["no key", { apiId: API_ID, environment: "test" }, "primaryKey/secondaryKey"],
    ["both keys", { ...base, primaryKey: "p" }, "primaryKey/secondaryKey"],
    ["an empty key", { ...base, secondaryKey: "" }, "secondaryKey"],
    ["a key that is not a string", { ...base, secondaryKey: 42 }, "secondaryKey"],
    [
      "a key with a trailing newline",
      { ...base, secondaryKey: `${SECONDARY_KEY}\n` },
      "secondaryKey",
    ],
    ["a lowercase algorithm", { ...base, algorithm: "sha512" }, "algorithm"],
    ["an unknown algorithm", { ...base, algorithm: "MD5" }, "algorithm"],
    [
      "neither environment nor baseUrl",
      { apiId: API_ID, secondaryKey: SECONDARY_KEY },
      "environment/baseUrl",
    ],
    [
      "both environment and baseUrl",
      { ...base, baseUrl: "http://127.0.0.1:1" },
      "environment/baseUrl",
    ],
    ["an unknown environment", { ...base, environment: "staging" }, "environment"],
    [
      "a relative baseUrl",
      { apiId: API_ID, secondaryKey: SECONDARY_KEY, baseUrl: "/api" },
      "baseUrl",
    ],
    [
      "a non-http baseUrl",
      { apiId: API_ID, secondaryKey: SECONDARY_KEY, baseUrl: "ftp://host" },
      "baseUrl",
    ],
    [
      "a baseUrl with a query",
      { apiId: API_ID, secondaryKey: SECONDARY_KEY, baseUrl: "https://h/?x=1" },
      "baseUrl",
    ],
    [
      "a baseUrl with credentials",
      { apiId: API_ID, secondaryKey: SECONDARY_KEY, baseUrl: "https://u:p@h" },
      "baseUrl",
    ],
    ["a zero timeout", { ...base, timeoutMs: 0 }, "timeoutMs"],
    ["an infinite timeout", { ...base, timeoutMs: Number.POSITIVE_INFINITY }, "timeoutMs"],
    ["fractional retries", { ...base, maxRetries: 1.5 }, "maxRetries"],
    ["negative retries", { ...base, maxRetries: -1 }, "maxRetries"],
    ["a fetch that is not a function", { ...base, fetch: "fetch" }, "fetch"],
    ["a signal that is not an AbortSignal", { ...base, signal: {} }, "signal"],
    ["a now that is not a function", { ...base, now: new Date() }, "now"],
    ["onDeprecation true", { ...base, onDeprecation: true }, "onDeprecation"],
  ])("%s", (_what, input, field) => {
    const error = (() => {
      try {
        createSignereIdClient(input as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SignereIdValidationError);
    expect((error as SignereIdValidationError).field).toBe(field);
    expect((error as Error).message.startsWith(`${field}: `)).toBe(true);
    expect((error as Error).message).not.toContain(SECONDARY_KEY);
  });

  it("accepts a GUID in uppercase and sends it lowercase", async () => {
    const server = await startServer((_req, res) => sendJson(res, 200, VENDOR_SESSION));
    const client = createSignereIdClient(options(server.url, { apiId: API_ID.toUpperCase() }));
    await client.getSignereIdSession("abc");
    expect(server.received[0]?.headers["api-id"]).toBe(API_ID);
    await server.close();
  });

  it("knows the vendor's two environments", () => {
    expect(createSignereIdClient({ ...base, environment: "production" }).baseUrl).toBe(
      "https://api.signere.no",
    );
    expect(createSignereIdClient(base).baseUrl).toBe("https://testapi.signere.no");
  });
});

describe("getSignereIdSession refuses bad input before any request", () => {
  const fetch = vi.fn(async () => new Response("{}"));
  const client = createSignereIdClient({ ...base, fetch, onDeprecation: false });

  it.each([
    ["empty", ""],
    [".", "."],
    ["..", ".."],
    ["a/b", "a/b"],
    ["%2e%2e", "%2e%2e"],
    ["a query", "abc?x=1"],
    ["a fragment", "abc#x"],
    ["a NUL", "abc\u0000"],
    ["a newline", "abc\r\n"],
    ["a space", "a b"],
    ["non-ASCII", "blåbær"],
    ["over-long", "A".repeat(requestIdMaxLength + 1)],
    ["not a string", 42],
    ["null", null],
  ])("RequestId %s", async (_what, requestId) => {
    const error = await client.getSignereIdSession(requestId as never).catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdValidationError);
    expect(error.field).toBe("requestId");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("never echoes the RequestId (it could be a national id number pasted by mistake)", async () => {
    const error = await client.getSignereIdSession("23071212345/").catch((e) => e);
    expect(error.message).not.toContain("23071212345");
    expect(error.message).toContain('"/" at position 12');
  });

  it.each([
    ["metadata", { metadata: "true" }],
    ["format", { format: "yaml" }],
    ["options", "json"],
  ])("a bad %s", async (field, callOptions) => {
    const error = await client.getSignereIdSession("abc", callOptions as never).catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdValidationError);
    expect(error.field).toBe(field);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("a now() that returns an invalid date", async () => {
    const bad = createSignereIdClient({
      ...base,
      fetch,
      onDeprecation: false,
      now: () => new Date(Number.NaN),
    });
    await expect(bad.getSignereIdSession("abc")).rejects.toMatchObject({ field: "now" });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("property: any string is refused before I/O or arrives signed and intact", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer((_req, res) => sendJson(res, 200, VENDOR_SESSION));
  });
  afterAll(() => server.close());

  it("holds for arbitrary strings, and for strings over the id alphabet and hostile characters", async () => {
    const client = createSignereIdClient(options(server.url, { maxRetries: 0 }));
    const idAlphabet = fc.constantFrom(..."AZaz09-_./%?#&;\\ \u0000\n\u00e5\uff11~+=@:");
    const candidates = fc.oneof(
      fc.string({ unit: "binary", maxLength: 140 }),
      fc.string({ unit: idAlphabet, minLength: 0, maxLength: 140 }),
      fc.constantFrom(
        ".",
        "..",
        "%2e",
        "%2E%2E",
        "a/..",
        "A".repeat(requestIdMaxLength),
        "A".repeat(requestIdMaxLength + 1),
      ),
    );
    const seen = { sent: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(candidates, async (requestId) => {
        const before = server.received.length;
        const outcome = await client.getSignereIdSession(requestId).then(
          () => "sent" as const,
          (error) => error,
        );
        seen[outcome === "sent" ? "sent" : "refused"] += 1;
        if (outcome === "sent") {
          const request = server.received.at(-1);
          expect(server.received.length).toBe(before + 1);
          expect(new URL(request?.url ?? "").pathname).toBe(`/api/SignereId/${requestId}`);
          expect(request && signatureIsValid(request, SECONDARY_KEY)).toBe(true);
        } else {
          expect(outcome).toBeInstanceOf(SignereIdValidationError);
          expect(server.received.length).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
    // Both branches were exercised, so the property says something about each.
    expect(seen.sent).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(10);
  });
});
