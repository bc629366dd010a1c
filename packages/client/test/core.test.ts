// The request core with operations it has never seen: a fixture spec (test/fixtures) run through
// the same generator as the real one, called through the core without any change to it, over
// real HTTP on loopback, its signatures checked by the independent verifier in helpers.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
// @ts-expect-error: a plain .mjs build script without type declarations
import { operationsFromSpec, serversFromSpec } from "../scripts/generate.mjs";
import type { Operation } from "../src/core/operation.js";
import { type Core, createCore } from "../src/core/request.js";
import { retryDecision } from "../src/core/retry.js";
import {
  createSignereIdRawClient,
  SignereIdAbortError,
  SignereIdApiError,
  SignereIdNetworkError,
  SignereIdResponseFormatError,
  SignereIdTimeoutError,
  SignereIdValidationError,
} from "../src/index.js";
import { resolveClientOptions } from "../src/options.js";
import {
  loopbackServers,
  options,
  REQUEST_ID,
  SECONDARY_KEY,
  sendJson,
  signatureIsValid,
  VENDOR_SESSION,
} from "./helpers.js";

const spec = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures/scratch-spec.json"), "utf8"),
);
const ops: Record<string, Operation> = operationsFromSpec(spec);

type Any = any;
// What an operations/ file for each scratch operation would say: a few lines over the core.
const getScratchItem = (core: Core, itemId: unknown, callOptions = {}): Promise<Any> =>
  core.call(ops.getScratchItem as Operation, { path: { ItemId: itemId } }, callOptions);
const createScratchItem = (core: Core, body: unknown, callOptions = {}): Promise<Any> =>
  core.call(ops.createScratchItem as Operation, { body }, callOptions);
const getScratchTime = (core: Core) => core.call(ops.getScratchTime as Operation, {});

const serve = loopbackServers();
const core = (url: string, extra: Record<string, unknown> = {}) =>
  createCore(resolveClientOptions(options(url, extra) as never));
const CREATE = { ExternalReference: "order-123", IdentityProvider: "NO_BANKID_WEB" };
const CREATED = { Url: "https://id.example/start", RequestId: REQUEST_ID };

describe("the generator on a scratch spec", () => {
  it("derives method, path, parameters, media types, shape, XML lists, signing and deprecation", () => {
    expect(serversFromSpec(spec)).toEqual({ test: "https://scratch.example" });
    const item = ops.getScratchItem as Operation;
    expect(item).toMatchObject({ method: "GET", path: "/api/Scratch/{ItemId}", signed: true });
    expect(item.deprecated).toBe("Deprecated: scratch items go away in the next test.");
    expect(item.params?.map((p) => [p.name, p.in, p.required])).toEqual([
      ["ItemId", "path", true],
      ["verbose", "query", false],
    ]);
    const ok = item.responses["200"];
    expect(ok?.media).toEqual(["application/json", "application/xml"]);
    expect(ok?.xml).toEqual({ root: "Item", lists: ["Tags"] });
    // A $ref is followed to its object, not taken for a string.
    expect(ok?.shape?.fields?.Owner).toEqual({
      types: ["object"],
      fields: { Age: { types: ["integer"] } },
    });
    expect(ok?.shape?.fields?.Tags).toEqual({ types: ["array"], items: { types: ["string"] } });
    expect(ops.createScratchItem).toMatchObject({ method: "POST", body: "application/json" });
    expect(ops.getScratchTime?.signed).toBe(false);
  });
});

describe("scratch operations through the core, unchanged", () => {
  it("GET is signed over its URL and retried on 503", async () => {
    const server = await serve((_req, res) => {
      if (server.received.length < 3) {
        res.writeHead(503);
        res.end();
      } else sendJson(res, 200, { Name: "x", Owner: { Age: 3 }, Tags: ["a"] });
    });
    const result = await getScratchItem(core(server.url), "abc123");
    expect(result).toEqual({ Name: "x", Owner: { Age: 3 }, Tags: ["a"] });
    expect(server.received).toHaveLength(3);
    for (const request of server.received)
      expect(signatureIsValid(request, SECONDARY_KEY)).toBe(true);
  });

  it("GET reads XML by the generated root and lists", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/xml" });
      res.end("<Item><Name>x</Name><Tags><T>a</T><T>b</T></Tags></Item>");
    });
    const result = await core(server.url).call(ops.getScratchItem as Operation, {
      path: { ItemId: "abc" },
      accept: "application/xml",
    });
    expect(result).toEqual({ Name: "x", Tags: ["a", "b"] });
  });

  it("GET's shape check follows the $ref: an Owner that is a string is wrong-shape", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { Owner: "someone" }));
    const error = await getScratchItem(core(server.url), "abc").catch((e: Any) => e);
    expect(error).toBeInstanceOf(SignereIdResponseFormatError);
    expect(error.problem).toBe("wrong-shape");
    expect(error.message).toContain("Owner should be an object, not string");
  });

  it("validates every path parameter from the metadata before any I/O", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, {}));
    for (const bad of ["", "../x", "ABC", "a".repeat(17), 7]) {
      const error = await getScratchItem(core(server.url), bad).catch((e: Any) => e);
      expect(error).toBeInstanceOf(SignereIdValidationError);
      expect(error.field).toBe("itemId");
    }
    expect(server.received).toHaveLength(0);
  });

  it("POST is signed over its exact body bytes, sent as JSON; the verifier agrees", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, CREATED));
    expect(await createScratchItem(core(server.url), CREATE)).toEqual(CREATED);
    const [request] = server.received;
    expect(request?.method).toBe("POST");
    expect(request?.body).toBe(JSON.stringify(CREATE));
    expect(request?.headers["content-type"]).toBe("application/json; charset=UTF-8");
    expect(request && signatureIsValid(request, SECONDARY_KEY)).toBe(true);
    // The body recipe, not the URL one: the same headers do not verify as a GET of that URL.
    expect(request && signatureIsValid({ ...request, method: "GET" }, SECONDARY_KEY)).toBe(false);
  });

  it("POST is not retried on 503", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const error = await createScratchItem(core(server.url), CREATE).catch((e: Any) => e);
    expect(error).toBeInstanceOf(SignereIdApiError);
    expect(error.attempts).toBe(1);
    expect(server.received).toHaveLength(1);
  });

  it("POST is not retried after a timeout", async () => {
    const server = await serve(() => {}); // never answers
    const error = await createScratchItem(core(server.url, { timeoutMs: 100 }), CREATE).catch(
      (e: Any) => e,
    );
    expect(error).toBeInstanceOf(SignereIdTimeoutError);
    expect(error).toBeInstanceOf(SignereIdNetworkError);
    expect(server.received).toHaveLength(1);
  });

  it("POST is retried when the connection was refused (the request never left)", async () => {
    const server = await serve(() => {});
    const url = server.url;
    await server.close();
    const error = await createScratchItem(core(url, { maxRetries: 2 }), CREATE).catch(
      (e: Any) => e,
    );
    expect(error).toBeInstanceOf(SignereIdNetworkError);
    expect(error.attempts).toBe(3);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it("an unsigned operation (security: []) is sent without signing headers", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, "2017-06-13T21:20:13"));
    expect(await getScratchTime(core(server.url))).toBe("2017-06-13T21:20:13");
    const headers = Object.keys(server.received[0]?.headers ?? {});
    expect(headers.filter((name) => name.startsWith("api-"))).toEqual([]);
  });

  it("warns once per deprecated operation, each in its spec's words", async () => {
    const server = await serve((req, res) =>
      sendJson(res, 200, req.method === "POST" ? CREATED : {}),
    );
    const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const warned = core(server.url, { onDeprecation: undefined });
    await getScratchItem(warned, "a");
    await getScratchItem(warned, "b");
    await createScratchItem(warned, CREATE);
    await createScratchItem(warned, CREATE);
    expect(emit.mock.calls.map((call) => call[0])).toEqual([
      expect.stringContaining("GET /api/Scratch/{ItemId}: Deprecated: scratch items"),
      expect.stringContaining("POST /api/Scratch: Deprecated as well."),
    ]);
    emit.mockRestore();
  });
});

describe("per-call options", () => {
  it("override maxRetries and timeoutMs, validated like the client's, before any I/O", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const client = core(server.url, { maxRetries: 2 });
    const error = await getScratchItem(client, "a", { maxRetries: 0 }).catch((e: Any) => e);
    expect(error.attempts).toBe(1);
    for (const [field, value] of [
      ["maxRetries", -1],
      ["maxRetries", 0.5],
      ["timeoutMs", 0],
      ["timeoutMs", 2 ** 31],
      ["signal", {}],
    ] as const) {
      const refused = await getScratchItem(client, "a", { [field]: value }).catch((e: Any) => e);
      expect(refused).toBeInstanceOf(SignereIdValidationError);
      expect(refused.field).toBe(field);
    }
    expect(server.received).toHaveLength(1);
    const slow = await serve(() => {});
    const timedOut = await getScratchItem(core(slow.url), "a", {
      timeoutMs: 50,
      maxRetries: 0,
    }).catch((e: Any) => e);
    expect(timedOut).toBeInstanceOf(SignereIdTimeoutError);
    expect(timedOut.timeoutMs).toBe(50);
  });
});

describe("retryDecision, the retry policy", () => {
  const limits = { maxRetries: 2, retryDelayMs: 100, maxRetryDelayMs: 1000, random: () => 1 };
  const refused = new SignereIdNetworkError("x", {
    attempts: 1,
    cause: new TypeError("fetch failed", {
      cause: Object.assign(new Error(), { code: "ECONNREFUSED" }),
    }),
  });
  const reset = new SignereIdNetworkError("x", {
    attempts: 1,
    cause: new TypeError("fetch failed", {
      cause: Object.assign(new Error(), { code: "ECONNRESET" }),
    }),
  });
  const timeout = new SignereIdTimeoutError("x", { attempts: 1, timeoutMs: 1 });
  it.each([
    ["GET", 503, true],
    ["PUT", 429, true],
    ["DELETE", 408, true],
    ["GET", 500, false],
    ["GET", 404, false],
    ["POST", 503, false],
    ["POST", 429, false],
    ["GET", timeout, true],
    ["PUT", reset, true],
    ["POST", timeout, false],
    ["POST", reset, false],
    ["POST", refused, true],
  ] as const)("%s after %s: retry %s", (method, outcome, retry) => {
    expect(retryDecision(method, outcome, 1, new Headers(), limits).retry).toBe(retry);
  });

  it("stops after maxRetries, backs off exponentially, honours Retry-After within the cap", () => {
    expect(retryDecision("GET", 503, 3, undefined, limits)).toEqual({ retry: false });
    expect(retryDecision("GET", 503, 2, undefined, limits)).toEqual({ retry: true, delayMs: 200 });
    const retryAfter = (value: string) => new Headers({ "retry-after": value });
    expect(retryDecision("GET", 429, 1, retryAfter("1"), limits)).toEqual({
      retry: true,
      delayMs: 1000,
    });
    expect(retryDecision("GET", 429, 1, retryAfter("2"), limits)).toEqual({
      retry: false,
      retryAfterMs: 2000,
    });
  });

  it("reads Retry-After as an HTTP date too; an unreadable one falls back to the backoff", () => {
    const nowMs = Date.parse("Tue, 13 Jun 2017 21:20:13 GMT");
    const at = { ...limits, nowMs };
    const retryAfter = (value: string) => new Headers({ "retry-after": value });
    expect(retryDecision("GET", 503, 1, retryAfter("Tue, 13 Jun 2017 21:20:13 GMT"), at)).toEqual({
      retry: true,
      delayMs: 0,
    });
    expect(retryDecision("GET", 503, 1, retryAfter("Tue, 13 Jun 2017 21:20:14 GMT"), at)).toEqual({
      retry: true,
      delayMs: 1000,
    });
    expect(retryDecision("GET", 503, 1, retryAfter("Tue, 13 Jun 2017 21:20:15 GMT"), at)).toEqual({
      retry: false,
      retryAfterMs: 2000,
    });
    // A date in the past: no wait at all.
    expect(retryDecision("GET", 503, 1, retryAfter("Mon, 12 Jun 2017 00:00:00 GMT"), at)).toEqual({
      retry: true,
      delayMs: 0,
    });
    expect(retryDecision("GET", 503, 1, retryAfter(" 1 "), at)).toEqual({
      retry: true,
      delayMs: 1000,
    });
    expect(retryDecision("GET", 503, 1, retryAfter("soon"), at)).toEqual({
      retry: true,
      delayMs: 100,
    });
  });
});

describe("the error classes", () => {
  it("take their details as fields; a cause stays the Error's own, not enumerable", () => {
    const cause = new Error("inner");
    const network = new SignereIdNetworkError("m", { attempts: 2, cause });
    expect(network).toMatchObject({ name: "SignereIdNetworkError", message: "m", attempts: 2 });
    expect(network.cause).toBe(cause);
    expect(Object.keys(network)).toEqual(["name", "attempts"]);
    const timeout = new SignereIdTimeoutError("t", { attempts: 3, timeoutMs: 50 });
    expect(timeout).toBeInstanceOf(SignereIdNetworkError);
    expect(timeout).toMatchObject({ name: "SignereIdTimeoutError", attempts: 3, timeoutMs: 50 });
    expect("cause" in timeout).toBe(false);
    const invalid = new SignereIdValidationError("f: x", { field: "f" });
    expect(Object.keys(invalid)).toEqual(["name", "field"]);
    expect("cause" in invalid).toBe(false);
  });
});

describe("the raw client goes through the same core", () => {
  it("is signed, retried on 503 and capped, as { data, error, response }", async () => {
    const server = await serve((_req, res) => {
      if (server.received.length === 1) {
        res.writeHead(503);
        res.end();
      } else if (server.received.length === 2) sendJson(res, 200, VENDOR_SESSION);
      else sendJson(res, 404, { Message: "x".repeat(5000) });
    });
    const raw = createSignereIdRawClient(options(server.url, { maxResponseBytes: 4096 }));
    const params = { params: { path: { RequestId: REQUEST_ID }, query: { metadata: true } } };
    const { data, response } = await raw.GET("/api/SignereId/{RequestId}", params);
    expect(response.status).toBe(200);
    expect(data).toEqual(VENDOR_SESSION);
    expect(server.received).toHaveLength(2);
    for (const request of server.received)
      expect(signatureIsValid(request, SECONDARY_KEY)).toBe(true);
    const tooLarge = await raw.GET("/api/SignereId/{RequestId}", params).catch((e: Any) => e);
    expect(tooLarge).toBeInstanceOf(SignereIdResponseFormatError);
    expect(tooLarge.problem).toBe("too-large");
  });

  it("returns an error status as { error } without throwing", async () => {
    const server = await serve((_req, res) => sendJson(res, 404, { Message: "not found" }));
    const raw = createSignereIdRawClient(options(server.url));
    const { error, response } = await raw.GET("/api/SignereId/{RequestId}", {
      params: { path: { RequestId: REQUEST_ID }, query: { metadata: false } },
    });
    expect(response.status).toBe(404);
    expect(error).toEqual({ Message: "not found" });
  });

  it("honours the client's signal option as well as the call's (review finding)", async () => {
    const server = await serve(() => undefined);
    const clientWide = new AbortController();
    const raw = createSignereIdRawClient(options(server.url, { signal: clientWide.signal }));
    const pending = raw
      .GET("/api/SignereId/{RequestId}", {
        params: { path: { RequestId: REQUEST_ID }, query: { metadata: false } },
      })
      .catch((e: Any) => e);
    await vi.waitFor(() => expect(server.received).toHaveLength(1));
    clientWide.abort(new Error("shutting down"));
    const error = await pending;
    expect(error).toBeInstanceOf(SignereIdAbortError);
  });
});
