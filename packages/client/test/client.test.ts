import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import {
  createSignereIdClient,
  DEPRECATION_MESSAGE,
  SignereIdAbortError,
  SignereIdApiError,
  SignereIdNetworkError,
  SignereIdResponseFormatError,
  SignereIdTimeoutError,
} from "../src/index.js";
import {
  loopbackServers,
  options,
  PRIMARY_KEY,
  REQUEST_ID,
  SECONDARY_KEY,
  sendJson,
  signatureIsValid,
  VENDOR_SESSION,
} from "./helpers.js";

const serve = loopbackServers();

describe("a successful call over real HTTP", () => {
  it("sends a signed GET with metadata and Accept, and returns the session", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, VENDOR_SESSION));
    const client = createSignereIdClient(options(server.url));
    const session = await client.getSignereIdSession(REQUEST_ID, { metadata: true });
    expect(session).toEqual(VENDOR_SESSION);

    const [request] = server.received;
    expect(request?.method).toBe("GET");
    expect(request?.url).toBe(`${server.url}/api/SignereId/${REQUEST_ID}?metadata=true`);
    expect(request?.headers.accept).toBe("application/json");
    expect(request?.headers["api-id"]).toBe("6e3bd6b4-7a7c-4b8e-9f0d-2f4a1c9d8e71");
    expect(request?.headers["api-algorithm"]).toBe("SHA512");
    expect(request?.headers["api-usingsecondarytoken"]).toBe("true");
    expect(request?.headers["api-returnerrorheader"]).toBe("true");
    expect(request?.headers["api-timestamp"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(request && signatureIsValid(request, SECONDARY_KEY)).toBe(true);
  });

  it("always sends metadata explicitly, false by default", async () => {
    const server = await serve((_req, res) =>
      sendJson(res, 200, { ...VENDOR_SESSION, MetaData: null }),
    );
    const client = createSignereIdClient(options(server.url));
    await client.getSignereIdSession(REQUEST_ID);
    await client.getSignereIdSession(REQUEST_ID, { metadata: false });
    expect(server.received.map((r) => new URL(r.url).search)).toEqual([
      "?metadata=false",
      "?metadata=false",
    ]);
  });

  it("signs with the primary key and SHA256 when asked, without the secondary-key header", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, VENDOR_SESSION));
    const client = createSignereIdClient({
      ...options(server.url),
      secondaryKey: undefined,
      primaryKey: PRIMARY_KEY,
      algorithm: "SHA256",
    });
    await client.getSignereIdSession(REQUEST_ID, { metadata: true });
    const [request] = server.received;
    expect(request?.headers["api-algorithm"]).toBe("SHA256");
    expect(request?.headers["api-usingsecondarytoken"]).toBeUndefined();
    expect(request && signatureIsValid(request, PRIMARY_KEY)).toBe(true);
    expect(request && signatureIsValid(request, SECONDARY_KEY)).toBe(false);
  });

  it("signs the URL as sent under a base path and a non-default port", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, VENDOR_SESSION));
    const client = createSignereIdClient(options(`${server.url}/proxy/signere/`));
    await client.getSignereIdSession(REQUEST_ID, { metadata: true });
    const [request] = server.received;
    expect(request?.url).toBe(
      `${server.url}/proxy/signere/api/SignereId/${REQUEST_ID}?metadata=true`,
    );
    expect(request && signatureIsValid(request, SECONDARY_KEY)).toBe(true);
  });

  it("uses now() for API-TIMESTAMP, in UTC", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, VENDOR_SESSION));
    const client = createSignereIdClient(
      options(server.url, { now: () => new Date("2017-08-21T12:00:00.750+02:00") }),
    );
    await client.getSignereIdSession(REQUEST_ID);
    expect(server.received[0]?.headers["api-timestamp"]).toBe("2017-08-21T10:00:00");
  });

  it("passes unknown Status and IdentityProvider values and extra fields through untouched", async () => {
    const future = {
      ...VENDOR_SESSION,
      Status: "USERABORTED",
      IdentityProvider: "NO_BANKID_APP",
      Extra: { a: [1] },
    };
    const server = await serve((_req, res) => sendJson(res, 200, future));
    const session = await createSignereIdClient(options(server.url)).getSignereIdSession(
      REQUEST_ID,
    );
    expect(session).toEqual(future);
  });

  it("accepts null and missing fields", async () => {
    const sparse = { Name: null, Status: null, MetaData: null };
    const server = await serve((_req, res) => sendJson(res, 200, sparse));
    expect(
      await createSignereIdClient(options(server.url)).getSignereIdSession(REQUEST_ID),
    ).toEqual(sparse);
  });

  it("asks for XML and returns the same object", async () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><SignereIdResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:x"><DateOfBirth>071283</DateOfBirth><ErrorCode>C307</ErrorCode><ErrorMessage>PKI modul i SIM kort er blokkert.</ErrorMessage><FirstName>Stein</FirstName><IPAddress/><IdentityProvider>NO_BANKID_WEB</IdentityProvider><IdentityProviderUniqueId>9578-6000-4-48855</IdentityProviderUniqueId><LastName>Davidsen</LastName><MetaData><Item><Key>user.certificate.json</Key><Value/></Item><Item><Key>user.certificate.json</Key><Value/></Item></MetaData><MiddleName>Olav Hagen</MiddleName><Name>Stein Olav Hagen Davidsen</Name><SocialSecurityNumber>23071212345</SocialSecurityNumber><Status>LOGIN</Status><UserAgent>WIN</UserAgent></SignereIdResponse>`;
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/xml; charset=utf-8" });
      res.end(xml);
    });
    const client = createSignereIdClient(options(server.url));
    const session = await client.getSignereIdSession(REQUEST_ID, { metadata: true, format: "xml" });
    expect(server.received[0]?.headers.accept).toBe("application/xml");
    expect(session).toEqual(VENDOR_SESSION);
  });

  it("reads JSON even when XML was asked for, if the server says JSON", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, VENDOR_SESSION));
    const client = createSignereIdClient(options(server.url));
    expect(await client.getSignereIdSession(REQUEST_ID, { format: "xml" })).toEqual(VENDOR_SESSION);
  });
});

describe("error responses", () => {
  it.each([
    [400, "Missing header API-TIMESTAMP", /could not read the request/],
    [401, "Invalid API-TOKEN", /signature or the account was refused/],
    [403, "No SignereID subscription", /subscription/],
    [404, "No session", /unknown or expired/],
    [500, "Internal error", /try again later/],
    [418, "Teapot", /418/],
  ])(
    "%i becomes a SignereIdApiError with the reason header and a hint",
    async (status, reason, hint) => {
      const server = await serve((_req, res) => {
        res.writeHead(status, { "content-type": "text/plain", "x-error-reason": reason });
        res.end("error body");
      });
      const client = createSignereIdClient(options(server.url, { maxRetries: 0 }));
      const error = await client.getSignereIdSession(REQUEST_ID).catch((e) => e);
      expect(error).toBeInstanceOf(SignereIdApiError);
      expect(error.status).toBe(status);
      expect(error.reason).toBe(reason);
      expect(error.reasonHeader).toBe("x-error-reason");
      expect(error.headers["content-type"]).toBe("text/plain");
      expect(error.bodyExcerpt).toBe("error body");
      expect(error.message).toContain(reason);
      expect(error.message).toMatch(hint);
      expect(server.received).toHaveLength(1);
    },
  );

  it.each(["API-ERRORMESSAGE", "X-Signere-Error", "ErrorReason"])(
    "finds the reason whatever the header is called (%s)",
    async (name) => {
      const server = await serve((_req, res) => {
        res.writeHead(404, { [name]: "Unknown RequestId", "x-content-type-options": "nosniff" });
        res.end();
      });
      const error = await createSignereIdClient(options(server.url))
        .getSignereIdSession(REQUEST_ID)
        .catch((e) => e);
      expect(error.reason).toBe("Unknown RequestId");
    },
  );

  it("has no reason when the server sends none, and keeps a JSON body as the excerpt", async () => {
    const server = await serve((_req, res) => sendJson(res, 404, { Message: "not found" }));
    const error = await createSignereIdClient(options(server.url))
      .getSignereIdSession(REQUEST_ID)
      .catch((e) => e);
    expect(error.reason).toBeUndefined();
    expect(error.bodyExcerpt).toBe('{"Message":"not found"}');
  });

  it("cuts the body excerpt to 200 characters", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(500);
      res.end("x".repeat(5000));
    });
    const client = createSignereIdClient(options(server.url, { maxRetries: 0 }));
    const error = await client.getSignereIdSession(REQUEST_ID).catch((e) => e);
    expect(error.bodyExcerpt).toBe(`${"x".repeat(200)}…`);
  });

  it("does not follow a redirect (the signature covers the URL) and says so", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: "http://127.0.0.1:9/elsewhere" });
      res.end();
    });
    const error = await createSignereIdClient(options(server.url))
      .getSignereIdSession(REQUEST_ID)
      .catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdApiError);
    expect(error.status).toBe(302);
    expect(error.message).toMatch(/redirect/);
    expect(server.received).toHaveLength(1);
  });
});

describe("bad bodies on 200", () => {
  it.each([
    ["invalid JSON", "application/json", "{not json", "invalid-json"],
    ["an empty body", "application/json", "", "empty"],
    ["a JSON array", "application/json", "[]", "wrong-shape"],
    ["a number where a string belongs", "application/json", '{"Name":42}', "wrong-shape"],
    ["MetaData that is not a list", "application/json", '{"MetaData":{"a":"b"}}', "wrong-shape"],
    [
      "a MetaData entry that is not an object",
      "application/json",
      '{"MetaData":["x"]}',
      "wrong-shape",
    ],
    [
      "malformed XML",
      "application/xml",
      "<SignereIdResponse><Name>x</SignereIdResponse>",
      "invalid-xml",
    ],
    ["an HTML page", "text/html", "<html><body>Login</body></html>", "invalid-json"],
  ])("%s is a SignereIdResponseFormatError (%s)", async (_what, contentType, body, problem) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": contentType });
      res.end(body);
    });
    const error = await createSignereIdClient(options(server.url))
      .getSignereIdSession(REQUEST_ID)
      .catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdResponseFormatError);
    expect(error.problem).toBe(problem);
    expect(error.status).toBe(200);
    expect(server.received).toHaveLength(1);
  });
});

describe("faults", () => {
  it("retries 503 and re-signs every attempt with a fresh timestamp", async () => {
    let clock = Date.parse("2020-01-01T00:00:00Z");
    const server = await serve((req, res) => {
      if (server.received.length < 3) {
        res.writeHead(503);
        res.end();
      } else sendJson(res, 200, VENDOR_SESSION);
      expect(signatureIsValid(req, SECONDARY_KEY)).toBe(true);
    });
    const client = createSignereIdClient(
      options(server.url, {
        now: () => {
          clock += 1000;
          return new Date(clock);
        },
      }),
    );
    expect(await client.getSignereIdSession(REQUEST_ID)).toEqual(VENDOR_SESSION);
    expect(server.received).toHaveLength(3);
    const stamps = server.received.map((r) => r.headers["api-timestamp"]);
    const tokens = server.received.map((r) => r.headers["api-token"]);
    expect(new Set(stamps).size).toBe(3);
    expect(new Set(tokens).size).toBe(3);
    for (const request of server.received)
      expect(signatureIsValid(request, SECONDARY_KEY)).toBe(true);
  });

  it.each([408, 429, 502, 503, 504])("retries %i up to maxRetries, then throws", async (status) => {
    const server = await serve((_req, res) => {
      res.writeHead(status);
      res.end();
    });
    const client = createSignereIdClient(options(server.url, { maxRetries: 2 }));
    const error = await client.getSignereIdSession(REQUEST_ID).catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdApiError);
    expect(error.status).toBe(status);
    expect(error.attempts).toBe(3);
    expect(server.received).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 500, 501])("does not retry %i", async (status) => {
    const server = await serve((_req, res) => {
      res.writeHead(status);
      res.end();
    });
    await createSignereIdClient(options(server.url))
      .getSignereIdSession(REQUEST_ID)
      .catch(() => {});
    expect(server.received).toHaveLength(1);
  });

  it("honours Retry-After within the cap", async () => {
    const server = await serve((_req, res) => {
      if (server.received.length === 1) {
        res.writeHead(429, { "retry-after": "1" });
        res.end();
      } else sendJson(res, 200, VENDOR_SESSION);
    });
    const started = Date.now();
    await createSignereIdClient(options(server.url)).getSignereIdSession(REQUEST_ID);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.received).toHaveLength(2);
  });

  it("does not wait past maxRetryDelayMs: a longer Retry-After is reported instead", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503, { "retry-after": "120" });
      res.end();
    });
    const client = createSignereIdClient(options(server.url, { maxRetryDelayMs: 1000 }));
    const error = await client.getSignereIdSession(REQUEST_ID).catch((e) => e);
    expect(error.status).toBe(503);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.message).toMatch(/120 s/);
    expect(server.received).toHaveLength(1);
  });

  it("retries network errors, then throws SignereIdNetworkError", async () => {
    const server = await serve(() => {});
    const url = server.url;
    await server.close();
    const client = createSignereIdClient(options(url, { maxRetries: 2 }));
    const error = await client.getSignereIdSession(REQUEST_ID).catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdNetworkError);
    expect(error.attempts).toBe(3);
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it("times out each attempt, retries, then throws SignereIdTimeoutError", async () => {
    const server = await serve(() => {}); // never answers
    const client = createSignereIdClient(options(server.url, { timeoutMs: 100, maxRetries: 1 }));
    const error = await client.getSignereIdSession(REQUEST_ID).catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdTimeoutError);
    expect(error.timeoutMs).toBe(100);
    expect(error.attempts).toBe(2);
    expect(server.received).toHaveLength(2);
  });

  it("times out a body that stalls half-way", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"Name":');
    });
    const client = createSignereIdClient(options(server.url, { timeoutMs: 150, maxRetries: 0 }));
    await expect(client.getSignereIdSession(REQUEST_ID)).rejects.toBeInstanceOf(
      SignereIdTimeoutError,
    );
  });

  it("stops at once when the caller aborts, with the caller's reason", async () => {
    const server = await serve(() => {});
    const controller = new AbortController();
    const client = createSignereIdClient(options(server.url));
    const call = client.getSignereIdSession(REQUEST_ID, { signal: controller.signal });
    const reason = new Error("user cancelled");
    setTimeout(() => controller.abort(reason), 50);
    const error = await call.catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdAbortError);
    expect(error.cause).toBe(reason);
    expect(server.received).toHaveLength(1);
  });

  it("aborts during a retry wait", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503, { "retry-after": "5" });
      res.end();
    });
    const client = createSignereIdClient(options(server.url));
    const started = Date.now();
    const error = await client
      .getSignereIdSession(REQUEST_ID, { signal: AbortSignal.timeout(100) })
      .catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdAbortError);
    expect(error.cause.name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("refuses an already-aborted signal before any request", async () => {
    const server = await serve(() => {});
    const client = createSignereIdClient(options(server.url));
    await expect(
      client.getSignereIdSession(REQUEST_ID, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(SignereIdAbortError);
    expect(server.received).toHaveLength(0);
  });

  it.each([
    ["declared by Content-Length", true],
    ["streamed without a length", false],
  ])("refuses a body over maxResponseBytes (%s)", async (_what, declared) => {
    const size = 64 * 1024;
    const server = await serve((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        ...(declared ? { "content-length": String(size) } : {}),
      });
      res.end(`"${"x".repeat(size - 2)}"`);
    });
    const client = createSignereIdClient(options(server.url, { maxResponseBytes: 1024 }));
    const error = await client.getSignereIdSession(REQUEST_ID).catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdResponseFormatError);
    expect(error.problem).toBe("too-large");
  });

  it("corrects its clock once after a 401 whose Date shows skew, and keeps the correction", async () => {
    // Two hours ahead: within maxClockSkewMs (12 h by default), as a clock on local time would be.
    const serverNow = Date.now() + 2 * 3_600_000;
    const server = await serve((req, res) => {
      const stamp = Date.parse(`${req.headers["api-timestamp"]}Z`);
      if (Math.abs(stamp - serverNow) > 60_000) {
        res.writeHead(401, {
          date: new Date(serverNow).toUTCString(),
          "x-error-reason": "Timestamp out of range",
        });
        res.end();
      } else sendJson(res, 200, VENDOR_SESSION);
    });
    const client = createSignereIdClient(options(server.url));
    expect(await client.getSignereIdSession(REQUEST_ID)).toEqual(VENDOR_SESSION);
    expect(server.received).toHaveLength(2);
    expect(Math.abs(client.clockOffsetMs - (serverNow - Date.now()))).toBeLessThan(5000);
    await client.getSignereIdSession(REQUEST_ID);
    expect(server.received).toHaveLength(3);
  });

  it("retries only once after a skewed 401, then reports the refusal", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(401, { date: new Date(Date.now() + 3_600_000).toUTCString() });
      res.end();
    });
    const client = createSignereIdClient(options(server.url));
    const error = await client.getSignereIdSession(REQUEST_ID).catch((e) => e);
    expect(error.status).toBe(401);
    expect(error.attempts).toBe(2);
    expect(server.received).toHaveLength(2);
    expect(client.clockOffsetMs).toBeGreaterThan(3_590_000);
    expect(error.message).toMatch(/clock/);
  });
});

describe("deprecation", () => {
  it("warns once per operation and process through process.emitWarning, in the spec's words", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, VENDOR_SESSION));
    const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const client = createSignereIdClient({ ...options(server.url), onDeprecation: undefined });
    await client.getSignereIdSession(REQUEST_ID);
    await client.getSignereIdSession(REQUEST_ID);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]?.[0]).toBe(DEPRECATION_MESSAGE);
    expect(emit.mock.calls[0]?.[1]).toMatchObject({ type: "DeprecationWarning" });
    expect(DEPRECATION_MESSAGE).toMatch(
      /^GET \/api\/SignereId\/\{RequestId\}: Deprecated by the vendor/,
    );
    expect(DEPRECATION_MESSAGE).toContain("shut down at the end of 2018");
    emit.mockRestore();
  });

  it("can be silenced or redirected", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, VENDOR_SESSION));
    const seen: string[] = [];
    await createSignereIdClient({
      ...options(server.url),
      onDeprecation: (m: string) => seen.push(m),
    }).getSignereIdSession(REQUEST_ID);
    expect(seen).toEqual([DEPRECATION_MESSAGE]);
  });
});

describe("testing code that uses the client (the README's recipe)", () => {
  it("answers in-process through the fetch option, signed like any other request", async () => {
    const seen: Request[] = [];
    const client = createSignereIdClient({
      apiId: "6e3bd6b4-7a7c-4b8e-9f0d-2f4a1c9d8e71",
      secondaryKey: "test-key",
      baseUrl: "http://signereid.test",
      onDeprecation: false,
      // Called as the global fetch is: (url, init).
      fetch: async (url, init) => {
        seen.push(new Request(url, init));
        return Response.json({ Name: "Kari Nordmann", Status: "LOGIN" });
      },
    });
    expect(await client.getSignereIdSession("abc")).toEqual({
      Name: "Kari Nordmann",
      Status: "LOGIN",
    });
    expect(seen[0]?.url).toBe("http://signereid.test/api/SignereId/abc?metadata=false");
    expect(seen[0]?.headers.get("API-TOKEN")).toMatch(/^[0-9A-F]{128}$/);
  });
});

describe("clock-skew correction can be turned off", () => {
  it("reports the skew without retrying", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(401, { date: new Date(Date.now() + 600_000).toUTCString() });
      res.end();
    });
    const client = createSignereIdClient(options(server.url, { correctClockSkew: false }));
    const error = await client.getSignereIdSession(REQUEST_ID).catch((e) => e);
    expect(error.status).toBe(401);
    expect(error.clockSkewSeconds).toBeGreaterThanOrEqual(599);
    expect(server.received).toHaveLength(1);
    expect(client.clockOffsetMs).toBe(0);
  });
});

describe("per-attempt deadlines", () => {
  it("leave no listener on the caller's signal once a call is over", async () => {
    const server = await serve((_req, res) => sendJson(res, 200, VENDOR_SESSION));
    const controller = new AbortController();
    const client = createSignereIdClient(options(server.url, { signal: controller.signal }));
    for (let i = 0; i < 5; i++) await client.getSignereIdSession(REQUEST_ID);
    await client.getSignereIdSession(REQUEST_ID, { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("a call's own signal does not switch off the client's: either aborts it (attack review)", async () => {
    const server = await serve(() => undefined);
    const shutdown = new AbortController();
    const client = createSignereIdClient(options(server.url, { signal: shutdown.signal }));
    const own = new AbortController();
    const pending = client
      .getSignereIdSession(REQUEST_ID, { signal: own.signal })
      .catch((caught: unknown) => caught as SignereIdAbortError);
    await vi.waitFor(() => expect(server.received).toHaveLength(1));
    shutdown.abort(new Error("shutting down"));
    const error = await pending;
    expect(error).toBeInstanceOf(SignereIdAbortError);
    expect(error.cause).toEqual(new Error("shutting down"));
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
    expect(getEventListeners(own.signal, "abort")).toHaveLength(0);
  });
});
