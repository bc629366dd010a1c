// Regression tests for the security review's findings 1, 3, 5 and 7, each replaying its attack
// over real HTTP on loopback against a started sandbox.
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxAccount } from "../src/accounts.js";
import { MAX_EXPANDED_RETURN_URL } from "../src/flow.js";
import { MAX_EXTERNAL_REFERENCE, MAX_RETURN_URL } from "../src/sessions.js";
import { DEMO_ACCOUNT, expectedToken, rawHttp, type Sandbox, startSandbox } from "./helpers.js";

const OTHER: SandboxAccount = {
  apiId: "0be0be0b-0000-4000-8000-000000000002",
  primaryKey: "other-primary-key",
  secondaryKey: "other-secondary-key",
};
const RP = "http://127.0.0.1:9";
const URLS = { SuccessUrl: `${RP}/ok?ref=[2]`, CancelUrl: `${RP}/c`, ErrorUrl: `${RP}/e` };

let sandbox: Sandbox;
const lines: string[] = [];
let explode = false; // makes the sandbox's clock throw: a handler path that fails mid-request
beforeAll(async () => {
  sandbox = await startSandbox({
    credentials: [DEMO_ACCOUNT, OTHER],
    log: (line) => lines.push(line),
    now: () => {
      if (explode) throw new Error("clock failed at /login/secret-in-the-error");
      return Date.now();
    },
  });
});
afterAll(() => sandbox.close());

/** A signed call by `account`, as the client sends it. */
async function call(method: string, path: string, body?: unknown, account = DEMO_ACCOUNT) {
  const url = `${sandbox.url}${path}`;
  const bytes = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {
    accept: "application/json",
    "api-id": account.apiId,
    "api-timestamp": new Date().toISOString().slice(0, 19),
    "api-algorithm": "SHA256",
    "api-returnerrorheader": "true",
  };
  if (bytes !== undefined) headers["content-type"] = "application/json";
  const signed = { method, url, headers, ...(bytes ? { body: Buffer.from(bytes) } : {}) };
  headers["api-token"] = expectedToken(signed, account.primaryKey, "SHA256");
  const response = await fetch(url, { method, headers, body: bytes });
  return {
    status: response.status,
    reason: response.headers.get("x-error-reason") ?? "",
    text: await response.text(),
  };
}

async function create(body: Record<string, unknown>, account = DEMO_ACCOUNT) {
  const reply = await call("POST", "/api/SignereId", body, account);
  expect(reply.status, reply.reason).toBe(200);
  return JSON.parse(reply.text) as { Url: string; RequestId: string };
}

const submit = (url: string, fields: Record<string, string>) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });

describe("security 1: a return URL cannot grow without bound, and no request can crash the sandbox", () => {
  it("security 1: the reviewer's create (SuccessUrl of 7 000 [2], a 40 000-character reference) is a 400", async () => {
    const reply = await call("POST", "/api/SignereId", {
      ...URLS,
      SuccessUrl: `http://127.0.0.1/${"[2]".repeat(7000)}`,
      ExternalReference: "%".repeat(40_000),
    });
    expect(reply.status).toBe(400);
    expect(reply.reason).toBe(
      `SuccessUrl is longer than the sandbox's ${MAX_RETURN_URL} characters`,
    );
  });

  it("security 1: an ExternalReference over the limit is a 400 naming it", async () => {
    const reply = await call("POST", "/api/SignereId", {
      ...URLS,
      ExternalReference: "r".repeat(MAX_EXTERNAL_REFERENCE + 1),
    });
    expect(reply.status).toBe(400);
    expect(reply.reason).toMatch(/^ExternalReference is longer than the sandbox's 256 characters/);
  });

  it("security 1: within the limits, a URL that would expand too far is a 400 at login, and the session stays open", async () => {
    const placeholders = "[2]".repeat(Math.floor((MAX_RETURN_URL - 20) / 3));
    const { Url } = await create({
      ...URLS,
      SuccessUrl: `http://127.0.0.1/${placeholders}`,
      ExternalReference: "%".repeat(MAX_EXTERNAL_REFERENCE),
    });
    const refused = await submit(Url, { outcome: "login", person: "no-web-1" });
    expect(refused.status).toBe(400);
    expect(refused.headers.get("location")).toBeNull();
    expect(await refused.text()).toContain(`at most ${MAX_EXPANDED_RETURN_URL}`);
    // Not completed: cancelling (a short URL) still works.
    const cancelled = await submit(Url, { outcome: "cancel" });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get("location")).toBe(`${RP}/c`);
  });

  it("security 1: a handler path that throws answers a plain 500 and the sandbox serves on", async () => {
    const { Url } = await create({ ...URLS, ExternalReference: "order-1" });
    explode = true;
    const failed = await fetch(Url).finally(() => {
      explode = false;
    });
    expect(failed.status).toBe(500);
    const body = await failed.text();
    expect(body).toBe("Internal sandbox error");
    expect(body).not.toMatch(/clock failed|secret|at /);
    expect(lines.at(-1)).toMatch(/^GET \/login\/\{RequestId\} 500 /);
    expect((await fetch(Url)).status).toBe(200);
  });
});

describe("security 3: a session belongs to the account that created it", () => {
  it("security 3: another account gets 404 for lookup, completed check and invalidate; the owner keeps it", async () => {
    const { Url, RequestId } = await create({
      ...URLS,
      ExternalReference: "order-3",
      GetSocialSecurityNumber: true,
    });
    expect((await submit(Url, { outcome: "login", person: "no-web-1" })).status).toBe(303);
    const unknown = await call("GET", "/api/SignereId/NoSuchSessionAtAll1?metadata=false");
    for (const [method, path, body] of [
      ["GET", `/api/SignereId/${RequestId}?metadata=true`],
      ["GET", `/api/SignereId/Completed/${RequestId}`],
      ["PUT", "/api/SignereId/Invalidate", { RequestId }],
    ] as const) {
      const reply = await call(method, path, body, OTHER);
      expect(reply.status, `${method} ${path}`).toBe(404);
      // Exactly as for an id that never existed: nothing tells the sessions apart.
      expect(reply.reason).toBe(unknown.reason);
      expect(reply.text).not.toMatch(/SocialSecurityNumber|\d{11}/);
    }
    // The owner's session is untouched (not invalidated), and the browser's page still opens.
    const own = await call("GET", `/api/SignereId/${RequestId}?metadata=false`);
    expect(own.status).toBe(200);
    expect(JSON.parse(own.text).SocialSecurityNumber).toMatch(/^\d{11}$/);
    expect((await call("PUT", "/api/SignereId/Invalidate", { RequestId })).status).toBe(200);
  });

  it("security 3: the login page stays reachable by RequestId, without any account", async () => {
    const { Url } = await create({ ...URLS, ExternalReference: "order-3b" }, OTHER);
    expect((await fetch(Url)).status).toBe(200);
  });

  it("security 3: the recordings' fixed sessions stay readable by any account (demo data)", async () => {
    const [recorded] = sandbox.sessions;
    const path = `/api/SignereId/${recorded?.requestId}?metadata=true`;
    const mine = await call("GET", path);
    const theirs = await call("GET", path, undefined, OTHER);
    expect(mine.status).toBe(200);
    expect(theirs).toEqual(mine);
  });
});

describe("security 5: session memory is bounded in bytes, not only in count", () => {
  it("security 5: a create carrying a 62 KB ExternalReference (under the body cap) is refused", async () => {
    const reply = await call("POST", "/api/SignereId", {
      ...URLS,
      ExternalReference: "x".repeat(62_000),
    });
    expect(reply.status).toBe(400);
  });

  it("security 5: maxSessions stops where the worst case fits 1 GiB, and says so", async () => {
    await expect(startSandbox({ log: false, maxSessions: 1_000_000 })).rejects.toThrow(
      /maxSessions must be a whole number from 1 to 50000 \(at worst 20 KiB a session, 50000 sessions fit the sandbox's 1 GiB budget\)/,
    );
    const root = join(dirname(fileURLToPath(import.meta.url)), "..");
    const failure = await promisify(execFile)(process.execPath, [
      join(root, "dist/cli.js"),
      "--port",
      "0",
      "--max-sessions",
      "1000000",
    ]).catch((error: { code: number; stderr: string }) => error);
    expect((failure as { code: number }).code).toBe(2);
    expect((failure as { stderr: string }).stderr).toMatch(/1 GiB budget/);
  });
});

describe("security 7: the log holds the route, never the target", () => {
  it("security 7: an 11-digit number and a RequestId in the target never reach the log", async () => {
    const { Url, RequestId } = await create({ ...URLS, ExternalReference: "order-7" });
    const before = lines.length;
    await call("GET", "/api/SignereId/12345678901?metadata=true&ssn=12345678901");
    await call("GET", `/api/SignereId/${RequestId}?metadata=false`);
    await call("GET", `/api/SignereId/Completed/${RequestId}?ssn=12345678901`);
    await fetch(`${Url}?ssn=12345678901`);
    await fetch(Url);
    for (const target of ["/no/12345678901", "/api//12345678901"])
      await rawHttp(sandbox.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    const logged = lines.slice(before);
    expect(logged.map((line) => line.replace(/ [\d.]+ ms$/, ""))).toEqual([
      "GET /api/SignereId/{RequestId} 400", // ssn is not a parameter of the operation
      "GET /api/SignereId/{RequestId} 200",
      "GET /api/SignereId/Completed/{RequestId} 400",
      "GET /login/{RequestId} 200",
      "GET /login/{RequestId} 200",
      "GET (no route) 404",
      "GET (refused target) 400",
    ]);
    for (const line of logged) {
      expect(line).not.toContain("12345678901");
      expect(line).not.toContain(RequestId);
      expect(line).not.toMatch(/ssn|metadata|\?/);
    }
  });
});
