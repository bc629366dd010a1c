// The example app without a browser (fetch on loopback, the real sandbox): what it refuses.
import { createSignereIdClient } from "@signereid/client";
import { DEMO_ACCOUNT, personsFor, startSandbox } from "@signereid/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExampleRp } from "../src/index.js";

const credentials = { apiId: DEMO_ACCOUNT.apiId, secondaryKey: DEMO_ACCOUNT.secondaryKey };
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let app: Awaited<ReturnType<typeof startExampleRp>>;
const log: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
  app = await startExampleRp({ sandboxUrl: sandbox.url, credentials, log: (l) => log.push(l) });
});
afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});

const post = (body: string) =>
  fetch(new URL("/login", app.url), {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });

describe("the example app", () => {
  it("serves its start page with a strict CSP and no script", async () => {
    const response = await fetch(app.url);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`form-action 'self' ${new URL(sandbox.url).origin}`);
    const html = await response.text();
    expect(html).toContain('value="NO_BANKID_WEB"');
    expect(html).toContain('value="SWE_BANKID"');
    expect(html).not.toContain("<script");
  });

  it("sends the browser to the sandbox's login page for a known provider only", async () => {
    const ok = await post("provider=SWE_BANKID");
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toMatch(new RegExp(`^${sandbox.url}/login/[A-Za-z0-9]+$`));
    expect((await post("provider=FI_TUPAS")).status).toBe(400);
    expect((await post(`provider=${"x".repeat(2000)}`)).status).toBe(413);
  });

  it("refuses a forged return: a completed session this app did not start", async () => {
    // Someone else's session, logged in, with their own reference: the app must not accept it.
    const client = createSignereIdClient({
      ...credentials,
      baseUrl: sandbox.url,
      onDeprecation: false,
    });
    const base = "http://127.0.0.1:1";
    const created = await client.createSignereIdSession({
      SuccessUrl: `${base}/s`,
      CancelUrl: `${base}/c`,
      ErrorUrl: `${base}/e`,
      ExternalReference: "forged",
      IdentityProvider: "NO_BANKID_WEB",
    });
    const RequestId = created.RequestId ?? "";
    sandbox.completeSession(RequestId, {
      outcome: "login",
      personId: personsFor("NO_BANKID_WEB")[0]?.id,
    });
    for (const path of ["success", "cancel", "error"]) {
      const response = await fetch(new URL(`/${path}?id=${RequestId}&ref=forged`, app.url));
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("Login not recognised");
    }
    // Refused before any call: the session is still there, not read, not invalidated.
    expect(await client.getSignereIdSessionCompleted(RequestId)).toBe(true);
  });

  it("logs one line per request and nothing else", () => {
    expect(log).toContain("GET / 200");
    expect(log).toContain("POST /login 303");
    expect(log.every((line) => /^(GET|POST) \/\w* \d{3}$/.test(line))).toBe(true);
  });
});
