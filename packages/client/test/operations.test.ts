// Issue 12: the four new operations and syncClock, over loopback HTTP. Bad input is refused
// before any request (the server sees nothing); signatures are checked by the independent
// verifier in helpers.ts (node:crypto) and against the facts file's POST vector.
import vectors from "@signereid/openapi/signing-vectors.json" with { type: "json" };
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script without type declarations
import { operationsFromSpec } from "../scripts/generate.mjs";
import type { ParameterRule } from "../src/core/operation.js";
import { checkValue } from "../src/core/params.js";
import { operations } from "../src/generated/operations.gen.js";
import {
  createSignereIdClient,
  type SignereIdClient,
  type SignereIdCreateRequest,
  SignereIdResponseFormatError,
  SignereIdTimeoutError,
  SignereIdValidationError,
} from "../src/index.js";
import { parseServerTime } from "../src/operations/get-server-time.js";
import {
  CREATED,
  loopbackServers,
  options,
  REQUEST_ID,
  SECONDARY_KEY,
  CREATE_REQUEST as SHARED_CREATE_REQUEST,
  SSN,
  sendJson,
  signatureIsValid,
} from "./helpers.js";

const CREATE_REQUEST: SignereIdCreateRequest = SHARED_CREATE_REQUEST;

const serve = loopbackServers();

async function failure(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("bad input for every new method is refused before any request", () => {
  const with_ = (patch: Record<string, unknown>) => ({ ...CREATE_REQUEST, ...patch });
  const without = (field: string) => {
    const copy: Record<string, unknown> = { ...CREATE_REQUEST };
    delete copy[field];
    return copy;
  };
  type Case = [string, (client: SignereIdClient) => Promise<unknown>, string];
  const create = (request: unknown) => (client: SignereIdClient) =>
    client.createSignereIdSession(request as never);
  const cases: Case[] = [
    ["create: no request", create(undefined), "request"],
    ["create: an array", create([CREATE_REQUEST]), "request"],
    ["create: a JSON string", create(JSON.stringify(CREATE_REQUEST)), "request"],
    ["create: SuccessUrl missing", create(without("SuccessUrl")), "request.SuccessUrl"],
    [
      "create: ExternalReference missing",
      create(without("ExternalReference")),
      "request.ExternalReference",
    ],
    ["create: a relative CancelUrl", create(with_({ CancelUrl: "/cancel" })), "request.CancelUrl"],
    [
      "create: an ftp ErrorUrl",
      create(with_({ ErrorUrl: "ftp://rp.example/e" })),
      "request.ErrorUrl",
    ],
    [
      "create: a javascript: SuccessUrl",
      create(with_({ SuccessUrl: "javascript:alert(1)" })),
      "request.SuccessUrl",
    ],
    [
      "create: a URL with a newline",
      create(with_({ SuccessUrl: "https://rp.example/\nx" })),
      "request.SuccessUrl",
    ],
    [
      "create: a URL with a NUL",
      create(with_({ SuccessUrl: "https://rp.example/\u0000" })),
      "request.SuccessUrl",
    ],
    [
      "create: a URL with a space",
      create(with_({ SuccessUrl: "https://rp.example/a b" })),
      "request.SuccessUrl",
    ],
    [
      "create: a URL without a host",
      create(with_({ SuccessUrl: "https:///path" })),
      "request.SuccessUrl",
    ],
    [
      "create: a URL that is a URL object",
      create(with_({ SuccessUrl: new URL("https://rp.example") })),
      "request.SuccessUrl",
    ],
    [
      "create: a numeric ExternalReference",
      create(with_({ ExternalReference: 123 })),
      "request.ExternalReference",
    ],
    [
      "create: a null ExternalReference",
      create(with_({ ExternalReference: null })),
      "request.ExternalReference",
    ],
    [
      "create: a string boolean",
      create(with_({ GetSocialSecurityNumber: "true" })),
      "request.GetSocialSecurityNumber",
    ],
    ["create: UseIframe 1", create(with_({ UseIframe: 1 })), "request.UseIframe"],
    ["create: Height 0", create(with_({ Height: 0 })), "request.Height"],
    ["create: Height -400", create(with_({ Height: -400 })), "request.Height"],
    ["create: Height 400.5", create(with_({ Height: 400.5 })), "request.Height"],
    ["create: Height '400'", create(with_({ Height: "400" })), "request.Height"],
    [
      "create: Height Infinity",
      create(with_({ Height: Number.POSITIVE_INFINITY })),
      "request.Height",
    ],
    ["create: an unknown Language", create(with_({ Language: "DE" })), "request.Language"],
    ["create: a lowercase Language", create(with_({ Language: "no" })), "request.Language"],
    [
      "create: an IdentityProvider that is not a string",
      create(with_({ IdentityProvider: 7 })),
      "request.IdentityProvider",
    ],
    [
      "create: a misspelt field",
      create(with_({ SucessUrl: "https://rp.example/s" })),
      "request.SucessUrl",
    ],
    ["create: an unknown field", create(with_({ Colour: "red" })), "request.Colour"],
    [
      "create: a bad timeoutMs",
      (c) => c.createSignereIdSession(CREATE_REQUEST, { timeoutMs: -1 }),
      "timeoutMs",
    ],
    ["completed: an empty id", (c) => c.getSignereIdSessionCompleted(""), "requestId"],
    ["completed: ..", (c) => c.getSignereIdSessionCompleted(".."), "requestId"],
    ["completed: a/b", (c) => c.getSignereIdSessionCompleted("a/b"), "requestId"],
    ["completed: a query", (c) => c.getSignereIdSessionCompleted("a?b=1"), "requestId"],
    ["completed: over-long", (c) => c.getSignereIdSessionCompleted("A".repeat(513)), "requestId"],
    ["completed: not a string", (c) => c.getSignereIdSessionCompleted(42 as never), "requestId"],
    [
      "completed: bad options",
      (c) => c.getSignereIdSessionCompleted("abc", "x" as never),
      "options",
    ],
    ["invalidate: an empty id", (c) => c.invalidateSignereIdSession(""), "requestId"],
    ["invalidate: a quote", (c) => c.invalidateSignereIdSession('a"b'), "requestId"],
    ["invalidate: non-ASCII", (c) => c.invalidateSignereIdSession("blåbær"), "requestId"],
    ["invalidate: over-long", (c) => c.invalidateSignereIdSession("A".repeat(513)), "requestId"],
    ["invalidate: null", (c) => c.invalidateSignereIdSession(null as never), "requestId"],
    [
      "invalidate: bad maxRetries",
      (c) => c.invalidateSignereIdSession("abc", { maxRetries: 1.5 }),
      "maxRetries",
    ],
    ["server time: bad timeoutMs", (c) => c.getServerTime({ timeoutMs: 2 ** 31 }), "timeoutMs"],
    [
      "server time: a signal that is not one",
      (c) => c.getServerTime({ signal: {} as never }),
      "signal",
    ],
    ["syncClock: bad options", (c) => c.syncClock({ maxRetries: -1 }), "maxRetries"],
  ];

  it.each(cases)("%s", async (_what, call, field) => {
    const server = await serve((_req, res) => sendJson(res, 200, true));
    const client = createSignereIdClient(options(server.url));
    const error = await failure(call(client));
    expect(error).toBeInstanceOf(SignereIdValidationError);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
    expect(server.received).toHaveLength(0);
  });

  it("a misspelt field gets a did-you-mean hint; a far one the list of known fields", async () => {
    const client = createSignereIdClient(options("http://127.0.0.1:1"));
    const typo = await failure(
      client.createSignereIdSession({ ...CREATE_REQUEST, getSocialSecuritynumber: true } as never),
    );
    expect(typo.message).toContain("did you mean GetSocialSecurityNumber?");
    for (const [misspelt, meant] of [
      ["SucessUrl", "SuccessUrl"], // a letter missing
      ["CancellUrl", "CancelUrl"], // a letter added
      ["UseIfrmae", "UseIframe"], // two swapped
      ["Languag", "Language"],
    ]) {
      const near = await failure(
        client.createSignereIdSession({ ...CREATE_REQUEST, [misspelt as string]: true } as never),
      );
      expect(near.message).toContain(`did you mean ${meant}?`);
    }
    const two = await failure(
      client.createSignereIdSession({ ...CREATE_REQUEST, PageTit: "x" } as never),
    );
    expect(two.message).toContain("did you mean PageTitle?");
    const three = await failure(
      client.createSignereIdSession({ ...CREATE_REQUEST, Hei: 1 } as never),
    );
    expect(three.message).not.toContain("did you mean");
    const far = await failure(client.createSignereIdSession({ ...CREATE_REQUEST, X: 1 } as never));
    expect(far.message).not.toContain("did you mean");
    expect(far.message).toContain("Known fields: CancelUrl, ErrorUrl, SuccessUrl");
  });

  it("never echoes a value, nor a field name that is a national id number", async () => {
    const client = createSignereIdClient(options("http://127.0.0.1:1"));
    for (const request of [
      { ...CREATE_REQUEST, ExternalReference: Number(SSN) },
      { ...CREATE_REQUEST, SuccessUrl: `https://rp.example/${SSN} x` },
      { ...CREATE_REQUEST, [SSN]: "x" },
    ]) {
      const error = await failure(client.createSignereIdSession(request as never));
      expect(error).toBeInstanceOf(SignereIdValidationError);
      expect(error.message).not.toContain(SSN);
    }
  });
});

describe("the body rules come from the spec (scripts/generate.mjs), not from hand-written code", () => {
  it("derives required fields, URLs, the open enum, the closed enum and the minimum", () => {
    const rule = operations.createSignereIdSession.bodyRule;
    expect(rule.required).toEqual(["CancelUrl", "ErrorUrl", "SuccessUrl", "ExternalReference"]);
    expect(rule.fields.SuccessUrl).toMatchObject({ types: ["string"], url: true });
    expect(rule.fields.IdentityProvider).toMatchObject({ openEnum: true });
    expect(rule.fields.IdentityProvider.enum).toContain("NO_BANKID_WEB");
    expect(rule.fields.Language).toEqual({
      types: ["string"],
      enum: ["EN", "NO", "SV", "DA", "FI"],
    });
    expect(rule.fields.Height).toEqual({ types: ["integer"], minimum: 1 });
    expect(rule.fields.UseIframe).toEqual({ types: ["boolean"] });
    const invalidate = operations.invalidateSignereIdSession.bodyRule;
    expect(invalidate.required).toEqual(["RequestId"]);
    expect(invalidate.fields.RequestId).toEqual(operations.getSignereIdSession.params[0].rule);
  });

  it("takes a URL's placeholders from the spec's x-url-placeholders, never from its pattern", () => {
    const create = operations.createSignereIdSession.bodyRule;
    expect(create.fields.SuccessUrl.placeholders).toEqual(["[0]", "[1]", "[2]"]);
    const ruleOf = (schema: object) =>
      operationsFromSpec({
        paths: {
          "/x": {
            post: {
              operationId: "x",
              requestBody: {
                content: { "application/json": { schema: { properties: { U: schema } } } },
              },
              responses: {},
            },
          },
        },
      }).x.bodyRule.fields.U;
    const pattern = "^https?://[^\\s]+$";
    expect(ruleOf({ type: "string", pattern })).toEqual({ types: ["string"], pattern });
    expect(ruleOf({ type: "string", "x-url-placeholders": ["<id>"] })).toEqual({
      types: ["string"],
      placeholders: ["<id>"],
      url: true,
    });
    expect(() => ruleOf({ type: "string", "x-url-placeholders": "[1]" })).toThrow(
      /x-url-placeholders must be a list of strings/,
    );
  });

  it("the URL check allows exactly the rule's placeholders", () => {
    const url = (placeholders?: string[]): ParameterRule => ({
      types: ["string"],
      url: true,
      ...(placeholders ? { placeholders } : {}),
    });
    const check = (rule: ParameterRule, value: string) => () =>
      checkValue("request.SuccessUrl", rule, value, false);
    // A placeholder in the host is no URL syntax: it passes only when the rule lists it.
    expect(check(url(["<id>"]), "https://<id>.rp.example/done")).not.toThrow();
    expect(check(url(["[1]"]), "https://<id>.rp.example/done")).toThrow(SignereIdValidationError);
    expect(check(url(), "https://[1].rp.example/done")).toThrow(/absolute http\(s\) URL/);
    expect(check(url(["[0]", "[1]"]), "https://[1].rp.example/done")).not.toThrow();
    expect(check(url(["[0]", "[1]"]), 7 as never)).toThrow(
      /the placeholders \[0\] and \[1\] are allowed/,
    );
  });
});

describe("createSignereIdSession", () => {
  it("sends the body signed over its exact bytes, as JSON, and returns the response", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, CREATED));
    const client = createSignereIdClient(options(server.url));
    expect(await client.createSignereIdSession(CREATE_REQUEST)).toEqual(CREATED);
    const [request] = server.received;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(`${server.url}/api/SignereId`);
    expect(request?.headers["content-type"]).toBe("application/json; charset=UTF-8");
    expect(request?.body).toBe(JSON.stringify(CREATE_REQUEST));
    expect(request && signatureIsValid(request, SECONDARY_KEY)).toBe(true);
    // The body recipe, not the URL one: tampering with the body breaks the signature.
    expect(
      request && signatureIsValid({ ...request, body: `${request.body} ` }, SECONDARY_KEY),
    ).toBe(false);
  });

  it("reproduces the facts file's POST vector byte for byte over loopback", async () => {
    const vector = vectors.vectors.find((v) => v.method === "POST");
    if (!vector?.body) throw new Error("the POST vector is missing");
    const server = await serve((_req, res) => sendJson(res, 200, CREATED));
    const client = createSignereIdClient({
      apiId: options("").apiId,
      primaryKey: vector.key,
      algorithm: vector.algorithm as "SHA512",
      baseUrl: server.url,
      now: () => new Date(`${vector.timestamp}Z`),
      onDeprecation: false,
    });
    await client.createSignereIdSession(JSON.parse(vector.body));
    const [request] = server.received;
    expect(request?.body).toBe(vector.body);
    expect(request?.headers["api-timestamp"]).toBe(vector.timestamp);
    expect(request?.headers["api-token"]).toBe(vector.expectedToken);
    expect(request?.headers["api-usingsecondarytoken"]).not.toBe("true");
    expect(request && signatureIsValid(request, vector.key)).toBe(true);
  });

  it("accepts an IdentityProvider it does not know, and sends it as it is", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, CREATED));
    const client = createSignereIdClient(options(server.url));
    await client.createSignereIdSession({ ...CREATE_REQUEST, IdentityProvider: "DK_MITID" });
    expect(JSON.parse(server.received[0]?.body ?? "").IdentityProvider).toBe("DK_MITID");
  });

  it("accepts every optional field with a good value", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { ...CREATED, Extra: 1 }));
    const client = createSignereIdClient(options(server.url));
    const full: SignereIdCreateRequest = {
      ...CREATE_REQUEST,
      GetSocialSecurityNumber: false,
      Language: "NO",
      PageTitle: "Log in",
      UseIframe: true,
      UseWebMessaging: false,
      Domain: "rp.example",
      Height: 400,
    };
    expect(await client.createSignereIdSession(full)).toEqual({ ...CREATED, Extra: 1 });
    expect(JSON.parse(server.received[0]?.body ?? "")).toEqual(full);
  });

  it("is never retried after an error status (POST may have reached the server)", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const client = createSignereIdClient(options(server.url, { maxRetries: 3 }));
    const error = await failure(client.createSignereIdSession(CREATE_REQUEST));
    expect(error.status).toBe(503);
    expect(server.received).toHaveLength(1);
  });

  it("is never retried after a timeout (POST may have reached the server)", async () => {
    const server = await serve(() => undefined); // never answers
    const client = createSignereIdClient(options(server.url, { maxRetries: 3, timeoutMs: 100 }));
    const error = await failure(client.createSignereIdSession(CREATE_REQUEST));
    expect(error).toBeInstanceOf(SignereIdTimeoutError);
    expect(server.received).toHaveLength(1);
  });

  it("is retried when the connection was refused (it provably never left)", async () => {
    const server = await serve(() => undefined);
    const url = server.url;
    await server.close();
    let attempts = 0;
    const client = createSignereIdClient({
      ...options(url, { maxRetries: 2 }),
      fetch: (url, init) => {
        attempts++;
        return fetch(url, init);
      },
    });
    await failure(client.createSignereIdSession(CREATE_REQUEST));
    expect(attempts).toBe(3);
  });
});

describe("getSignereIdSessionCompleted", () => {
  it.each([
    ["a bare true", "true", true],
    ["a bare false", "false", false],
    ['{"Done": true}', '{"Done":true}', true],
    ['{"Done": false} with other fields', '{"Done":false,"Status":"UNKNOWN"}', false],
  ])("accepts %s", async (_what, body, expected) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    });
    const client = createSignereIdClient(options(server.url));
    expect(await client.getSignereIdSessionCompleted(REQUEST_ID)).toBe(expected);
    const [request] = server.received;
    expect(request?.url).toBe(`${server.url}/api/SignereId/Completed/${REQUEST_ID}`);
    expect(request && signatureIsValid(request, SECONDARY_KEY)).toBe(true);
  });

  it.each([
    ["a string", '"true"', "wrong-shape"],
    ["a number", "1", "wrong-shape"],
    ["null", "null", "wrong-shape"],
    ["an object without Done", '{"Completed":true}', "wrong-shape"],
    ["Done as a string", '{"Done":"true"}', "wrong-shape"],
    ["an array", "[true]", "wrong-shape"],
    ["not JSON", "yes", "invalid-json"],
    ["nothing", "", "empty"],
  ])("refuses %s with a typed format error", async (_what, body, problem) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    });
    const client = createSignereIdClient(options(server.url));
    const error = await failure(client.getSignereIdSessionCompleted(REQUEST_ID));
    expect(error).toBeInstanceOf(SignereIdResponseFormatError);
    expect(error.problem).toBe(problem);
    expect(error.status).toBe(200);
  });
});

describe("invalidateSignereIdSession", () => {
  it.each([
    ["200 with an empty body", 200, "", {}],
    ["200 with JSON", 200, '{"Invalidated":true}', { "content-type": "application/json" }],
    ["200 with text that is not JSON", 200, "OK", { "content-type": "text/plain" }],
    ["204", 204, "", {}],
    ["202 with null", 202, "null", { "content-type": "application/json" }],
  ])("accepts %s", async (_what, status, body, headers) => {
    const server = await serve((_req, res) => {
      res.writeHead(status, headers);
      res.end(body);
    });
    const client = createSignereIdClient(options(server.url));
    expect(await client.invalidateSignereIdSession(REQUEST_ID)).toBeUndefined();
    const [request] = server.received;
    expect(request?.method).toBe("PUT");
    expect(request?.url).toBe(`${server.url}/api/SignereId/Invalidate`);
    expect(request?.body).toBe(JSON.stringify({ RequestId: REQUEST_ID }));
    expect(request?.headers["content-type"]).toBe("application/json; charset=UTF-8");
    expect(request && signatureIsValid(request, SECONDARY_KEY)).toBe(true);
  });

  it("still caps the body it does not parse", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("x".repeat(2048));
    });
    const client = createSignereIdClient(options(server.url, { maxResponseBytes: 1024 }));
    const error = await failure(client.invalidateSignereIdSession(REQUEST_ID));
    expect(error.problem).toBe("too-large");
  });
});

describe("getServerTime", () => {
  it("is unsigned and reads the time as UTC", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, "2017-06-13T21:20:13"));
    const client = createSignereIdClient(options(server.url));
    const answer = await client.getServerTime();
    expect(answer.raw).toBe("2017-06-13T21:20:13");
    expect(answer.time.toISOString()).toBe("2017-06-13T21:20:13.000Z");
    const [request] = server.received;
    expect(request?.url).toBe(`${server.url}/api/Status/ServerTime`);
    expect(Object.keys(request?.headers ?? {}).filter((name) => name.startsWith("api-"))).toEqual(
      [],
    );
  });

  it.each([
    ["2017-06-13T21:20:13", "2017-06-13T21:20:13.000Z"],
    ["2017-06-13T21:20:13Z", "2017-06-13T21:20:13.000Z"],
    ["2017-06-13T21:20:13.5", "2017-06-13T21:20:13.500Z"],
    ["2017-06-13T21:20:13.1234567Z", "2017-06-13T21:20:13.123Z"],
    ["2016-02-29T00:00:00", "2016-02-29T00:00:00.000Z"],
    ["2017-12-31T23:59:59.9991", "2017-12-31T23:59:59.999Z"],
  ])("parses %s", (raw, iso) => {
    expect(parseServerTime(raw)?.time.toISOString()).toBe(iso);
  });

  it.each([
    ["a number", 1497388813],
    ["an object", { time: "2017-06-13T21:20:13" }],
    ["an offset", "2017-06-13T21:20:13+02:00"],
    ["a space for T", "2017-06-13 21:20:13"],
    ["no seconds", "2017-06-13T21:20"],
    ["a date only", "2017-06-13"],
    ["February 30", "2017-02-30T10:00:00"],
    ["hour 24", "2017-06-13T24:00:00"],
    ["April 31", "2017-04-31T10:00:00"],
    ["February 29 of a common year", "2017-02-29T10:00:00"],
    ["month 13", "2017-13-01T10:00:00"],
    ["minute 60", "2017-06-13T21:60:13"],
    ["a two-digit year", "17-06-13T21:20:13"],
    ["an HTTP date", "Tue, 13 Jun 2017 21:20:13 GMT"],
    ["text around it", "x2017-06-13T21:20:13"],
  ])("refuses %s with a typed format error", async (_what, body) => {
    const server = await serve((_req, res) => sendJson(res, 200, body));
    const client = createSignereIdClient(options(server.url));
    const error = await failure(client.getServerTime());
    expect(error).toBeInstanceOf(SignereIdResponseFormatError);
    expect(error.problem).toBe("wrong-shape");
  });
});

describe("syncClock", () => {
  const hour = 3_600_000;

  it("adopts a server time within the bound, and later signed requests use it", async () => {
    const server = await serve((req, res) => {
      if (req.url.endsWith("/api/Status/ServerTime")) {
        const time = new Date(Date.now() + 3 * hour).toISOString().slice(0, 19);
        return sendJson(res, 200, time);
      }
      sendJson(res, 200, true);
    });
    const client = createSignereIdClient(options(server.url));
    const offset = await client.syncClock();
    expect(Math.abs(offset - 3 * hour)).toBeLessThan(2000);
    expect(client.clockOffsetMs).toBe(offset);
    await client.getSignereIdSessionCompleted(REQUEST_ID);
    const signed = server.received[1];
    const stamp = Date.parse(`${signed?.headers["api-timestamp"]}Z`);
    expect(Math.abs(stamp - (Date.now() + 3 * hour))).toBeLessThan(3000);
    expect(signed && signatureIsValid(signed, SECONDARY_KEY)).toBe(true);
  });

  it("refuses a server time ten years off with a clear error, and keeps the offset", async () => {
    const tenYears = 10 * 365 * 24 * hour;
    let answer = new Date(Date.now() + hour).toISOString().slice(0, 19);
    const server = await serve((_req, res) => sendJson(res, 200, answer));
    const client = createSignereIdClient(options(server.url));
    const first = await client.syncClock();
    answer = new Date(Date.now() + tenYears).toISOString().slice(0, 19);
    const error = await failure(client.syncClock());
    expect(error).toBeInstanceOf(SignereIdResponseFormatError);
    expect(error.problem).toBe("implausible-time");
    expect(error.message).toMatch(/more than maxClockSkewMs \(43200000 ms\): it was not adopted/);
    expect(client.clockOffsetMs).toBe(first);
  });

  it("follows maxClockSkewMs", async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, new Date(Date.now() + 120_000).toISOString().slice(0, 19)),
    );
    const strict = createSignereIdClient(options(server.url, { maxClockSkewMs: 60_000 }));
    expect((await failure(strict.syncClock())).problem).toBe("implausible-time");
    expect(strict.clockOffsetMs).toBe(0);
    const loose = createSignereIdClient(options(server.url, { maxClockSkewMs: 600_000 }));
    expect(Math.abs((await loose.syncClock()) - 120_000)).toBeLessThan(2000);
  });
});
