// Attack review of issue 15 (the one-pass request path): each test replays an attack as raw bytes
// over real HTTP on loopback against a started sandbox, and asserts the answer a client can rely on.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNT, expectedToken, rawHttp, type Sandbox, startSandbox } from "./helpers.js";

const VENDOR_ID = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ log: false });
});
afterAll(() => sandbox.close());

const timestamp = () => new Date().toISOString().slice(0, 19);

/** A GET whose token is correct for `http://<host><target>`, written as raw bytes. */
function signedGet(host: string, target: string) {
  const ts = timestamp();
  const token = expectedToken(
    { method: "GET", url: `http://${host}${target}`, headers: { "api-timestamp": ts } },
    DEMO_ACCOUNT.primaryKey,
    "SHA512",
  );
  return rawHttp(
    sandbox.port,
    `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nAPI-ID: ${DEMO_ACCOUNT.apiId}\r\nAPI-TIMESTAMP: ${ts}\r\nAPI-ALGORITHM: SHA512\r\nAPI-TOKEN: ${token}\r\nAPI-RETURNERRORHEADER: true\r\nConnection: close\r\n\r\n`,
  );
}

/** A create whose token is correct for `body` (latin1 string of the bytes sent). */
function signedCreate(body: Buffer) {
  const ts = timestamp();
  const token = createHmac("sha512", DEMO_ACCOUNT.primaryKey)
    .update(body)
    .update(`{Timestamp:"${ts}",Httpverb:"POST"}`)
    .digest("hex")
    .toUpperCase();
  return rawHttp(
    sandbox.port,
    `POST /api/SignereId HTTP/1.1\r\nHost: 127.0.0.1:${sandbox.port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nAPI-ID: ${DEMO_ACCOUNT.apiId}\r\nAPI-TIMESTAMP: ${ts}\r\nAPI-ALGORITHM: SHA512\r\nAPI-TOKEN: ${token}\r\nAPI-RETURNERRORHEADER: true\r\nConnection: close\r\n\r\n${body.toString("latin1")}`,
  );
}

describe("attack: the Host header is part of the signed URL", () => {
  it("attack: the control, a plain host:port, is served", async () => {
    const response = await signedGet(
      `127.0.0.1:${sandbox.port}`,
      `/api/SignereId/${VENDOR_ID}?metadata=true`,
    );
    expect(response.status).toBe(200);
  });

  // A token for http://127.0.0.1:P/api/SignereId/<id>?metadata=true also verifies with the Host
  // `127.0.0.1:P/api/SignereId` and the target `/<id>?metadata=true`: a signature over one path,
  // routed as another. Every such Host is refused before routing.
  it.each([
    ["a /, moving path bytes into the Host", "/api/SignereId", `/${VENDOR_ID}?metadata=true`],
    ["userinfo", "", `/api/SignereId/${VENDOR_ID}?metadata=true`, "user@"],
    ["a ?", "?x=1", `/api/SignereId/${VENDOR_ID}?metadata=true`],
    ["a #", "#x", `/api/SignereId/${VENDOR_ID}?metadata=true`],
  ])("attack: a Host with %s is refused with 400", async (_what, suffix, target, prefix = "") => {
    const response = await signedGet(`${prefix}127.0.0.1:${sandbox.port}${suffix}`, target);
    expect(response.status).toBe(400);
    expect(response.headers["x-error-reason"]).toMatch(/Host/);
  });
});

describe("attack: a signed create whose body is not JSON", () => {
  // V8's JSON.parse message quotes the body: a control character or one outside Latin-1 in it made
  // the X-Error-Reason header unwritable, and the answer a 500 blaming "a recorded header".
  it.each([
    ["a character outside Latin-1", '{"a": x\u20ac'],
    ["a line break", '{"a":\n\r x'],
    ["an 11-digit number", '{"a": x 01018012345'],
  ])("attack: a body with %s is a 400 that does not quote the body", async (_what, text) => {
    const response = await signedCreate(Buffer.from(text, "utf8"));
    expect(response.status).toBe(400);
    expect(response.headers["x-error-reason"]).toMatch(/not valid JSON/);
    expect(response.body).not.toMatch(/01018012345|"a"/);
  });
});
