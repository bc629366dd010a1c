// Issue 15: every reply with a body is framed by Content-Length, never chunked (a chunked reply
// halves a client's speed against the sandbox). Read off the wire: raw bytes over loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNT, expectedToken, rawHttp, type Sandbox, startSandbox } from "./helpers.js";

/** The vendor example's session, one of the recordings' fixed sessions. */
const RECORDED = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";

let sandbox: Sandbox;
let failClock = false; // makes the sandbox's clock throw: the plain 500 path
beforeAll(async () => {
  sandbox = await startSandbox({
    log: false,
    now: () => {
      if (failClock) throw new Error("clock failed");
      return Date.now();
    },
  });
});
afterAll(() => sandbox.close());

/** One request as raw bytes; signed (SHA512, secondary key) unless `signed` is false. */
function request(
  method: string,
  target: string,
  { accept = "application/json", body, signed = true, timestamp = new Date() } = {} as {
    accept?: string;
    body?: string;
    signed?: boolean;
    timestamp?: Date;
  },
) {
  const host = `127.0.0.1:${sandbox.port}`;
  const headers: Record<string, string> = { Host: host, Accept: accept, Connection: "close" };
  if (signed) {
    const stamp = timestamp.toISOString().slice(0, 19);
    Object.assign(headers, {
      "API-ID": DEMO_ACCOUNT.apiId,
      "API-TIMESTAMP": stamp,
      "API-ALGORITHM": "SHA512",
      "API-USINGSECONDARYTOKEN": "true",
      "API-RETURNERRORHEADER": "true",
    });
    headers["API-TOKEN"] = expectedToken(
      {
        method,
        url: `http://${host}${target}`,
        headers: { "api-timestamp": stamp },
        ...(body === undefined ? {} : { body: Buffer.from(body) }),
      },
      DEMO_ACCOUNT.secondaryKey,
      "SHA512",
    );
  }
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    headers["Content-Length"] = String(Buffer.byteLength(body));
  }
  const head = [
    `${method} ${target} HTTP/1.1`,
    ...Object.entries(headers).map(([n, v]) => `${n}: ${v}`),
  ];
  return rawHttp(sandbox.port, `${head.join("\r\n")}\r\n\r\n${body ?? ""}`);
}

/** The framing every reply must have: a Content-Length equal to the bytes that followed. */
function expectContentLength(reply: Awaited<ReturnType<typeof rawHttp>>) {
  expect(reply.headers["transfer-encoding"]).toBeUndefined();
  expect(reply.headers["content-length"]).toBeDefined();
  // rawHttp reads Latin-1, one character per byte.
  expect(Number(reply.headers["content-length"])).toBe(reply.body.length);
  expect(reply.body.length).toBeGreaterThan(0);
}

describe("issue 15: replies carry Content-Length, never chunked", () => {
  it("a JSON reply (a signed lookup of a recorded session)", async () => {
    const reply = await request("GET", `/api/SignereId/${RECORDED}?metadata=true`);
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toMatch(/^application\/json/);
    expectContentLength(reply);
    expect(JSON.parse(reply.body)).toHaveProperty("SocialSecurityNumber");
  });

  it("a JSON reply of a create", async () => {
    const body = JSON.stringify({
      SuccessUrl: "http://127.0.0.1:9/ok",
      CancelUrl: "http://127.0.0.1:9/cancel",
      ErrorUrl: "http://127.0.0.1:9/error",
      ExternalReference: "create",
      IdentityProvider: "NO_BANKID_WEB",
    });
    const reply = await request("POST", "/api/SignereId", { body });
    expect(reply.status, reply.body).toBe(200);
    expectContentLength(reply);
  });

  it("an XML reply (the same lookup with Accept: application/xml)", async () => {
    const reply = await request("GET", `/api/SignereId/${RECORDED}?metadata=true`, {
      accept: "application/xml",
    });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toMatch(/^application\/xml/);
    expectContentLength(reply);
    expect(reply.body).toMatch(/^<\?xml /);
  });

  it("error replies: unsigned (400), outside the window (401, a Latin-1 reason), unknown path (404)", async () => {
    const unsigned = await request("GET", `/api/SignereId/${RECORDED}?metadata=true`, {
      signed: false,
    });
    expect(unsigned.status).toBe(400);
    expectContentLength(unsigned);

    const late = await request("GET", `/api/SignereId/${RECORDED}?metadata=true`, {
      timestamp: new Date(Date.now() - 3_600_000),
    });
    expect(late.status).toBe(401);
    expectContentLength(late);
    // The head goes out as Latin-1 even though the body is UTF-8: ± is one byte, not Â±.
    expect(late.headers["x-error-reason"]).toMatch(/\(allowed: \u00b1300 s\)$/);

    const unknown = await request("GET", "/api/Nothing");
    expect(unknown.status).toBe(404);
    expectContentLength(unknown);
  });

  it("the plain 500 when a handler throws", async () => {
    failClock = true;
    try {
      const reply = await request("GET", "/api/Status/ServerTime", { signed: false });
      expect(reply.status).toBe(500);
      expectContentLength(reply);
      expect(reply.body).toBe("Internal sandbox error");
    } finally {
      failClock = false;
    }
  });

  it("pages: the login page (HTML) and the home page (text)", async () => {
    const body = JSON.stringify({
      SuccessUrl: "http://127.0.0.1:9/ok",
      CancelUrl: "http://127.0.0.1:9/cancel",
      ErrorUrl: "http://127.0.0.1:9/error",
      ExternalReference: "page",
      IdentityProvider: "NO_BANKID_WEB",
    });
    const created = await request("POST", "/api/SignereId", { body });
    const { RequestId } = JSON.parse(created.body);
    const login = await request("GET", `/login/${RequestId}`, {
      accept: "text/html",
      signed: false,
    });
    expect(login.status).toBe(200);
    expect(login.headers["content-type"]).toMatch(/^text\/html/);
    expectContentLength(login);

    const home = await request("GET", "/", { accept: "text/plain", signed: false });
    expect(home.status).toBe(200);
    expectContentLength(home);
  });
});
