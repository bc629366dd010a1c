// Issue 13: the sandbox keeps session state and serves its own login page. Everything here runs
// over real HTTP on loopback with fetch only (no browser): requests are signed by hand, the form
// is submitted as a browser would (form-urlencoded, redirect: "manual").
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeHtml } from "../src/login-page.js";
import { PERSONS } from "../src/persons.js";
import { SessionStore } from "../src/sessions.js";
import { DEMO_ACCOUNT, expectedToken, type Sandbox, startSandbox } from "./helpers.js";

const require = createRequire(import.meta.url);
const START = Date.parse("2024-05-06T07:08:09Z");
let clock = START;
const RP = "http://127.0.0.1:9";
const RETURN_URLS = {
  SuccessUrl: `${RP}/success?status=[0]&id=[1]&ref=[2]`,
  CancelUrl: `${RP}/cancel?status=[0]&id=[1]&ref=[2]`,
  ErrorUrl: `https://rp.example/error?status=[0]&id=[1]&ref=[2]`,
};
// Every e-ID the spec names (but UNKNOWN, tried separately below), from the bundle itself.
const PROVIDERS: string[] = (
  require("@signereid/openapi/openapi.json").components.schemas.IdentityProviderType
    .enum as string[]
).filter((provider) => provider !== "UNKNOWN");

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ log: false, now: () => clock, sessionTtlSeconds: 600 });
});
afterAll(() => sandbox.close());

/** A signed call, as the client would send it, at the sandbox's current clock. */
async function call(method: string, path: string, body?: unknown, key = DEMO_ACCOUNT.primaryKey) {
  const url = `${sandbox.url}${path}`;
  const bytes = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {
    accept: "application/json",
    "api-id": DEMO_ACCOUNT.apiId,
    "api-timestamp": new Date(clock).toISOString().slice(0, 19),
    "api-algorithm": "SHA256",
    "api-returnerrorheader": "true",
  };
  if (bytes !== undefined) headers["content-type"] = "application/json; charset=UTF-8";
  headers["api-token"] = expectedToken(
    { method, url, headers, ...(bytes === undefined ? {} : { body: Buffer.from(bytes) }) },
    key,
    "SHA256",
  );
  const response = await fetch(url, { method, headers, body: bytes });
  const text = await response.text();
  return { status: response.status, reason: response.headers.get("x-error-reason"), text };
}

async function create(extra: Record<string, unknown> = {}) {
  const reply = await call("POST", "/api/SignereId", {
    ...RETURN_URLS,
    ExternalReference: "order-42",
    ...extra,
  });
  expect(reply.status, reply.reason ?? "").toBe(200);
  return JSON.parse(reply.text) as { Url: string; RequestId: string };
}

const loginPage = (url: string) => fetch(url);

/** Submits the login form as a browser does: form-urlencoded, the redirect not followed. */
const submit = (url: string, fields: Record<string, string>) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });

/** The person ids the page offers (the radio group `person`). */
const offered = (html: string) =>
  [...html.matchAll(/<input type="radio" name="person" id="[^"]*" value="([^"]*)"/g)].map(
    (m) => m[1] as string,
  );

describe("issue 13: the whole flow with fetch only, for every identity provider", () => {
  it.each([...PROVIDERS, "UNKNOWN", undefined])(
    "create → login page → form → 303 → completed → get → invalidate → get 404 (%s)",
    async (provider) => {
      const { Url, RequestId } = await create({
        ...(provider ? { IdentityProvider: provider } : {}),
        GetSocialSecurityNumber: true,
      });
      expect(RequestId).toMatch(/^[A-Za-z0-9]{45}$/);
      expect(Url).toBe(`${sandbox.url}/login/${RequestId}`);

      // Before completion: not completed; the lookup answers Status UNKNOWN (a sandbox choice).
      expect((await call("GET", `/api/SignereId/Completed/${RequestId}`)).text).toBe("false");
      const pending = JSON.parse(
        (await call("GET", `/api/SignereId/${RequestId}?metadata=false`)).text,
      );
      expect(pending).toMatchObject({ Status: "UNKNOWN", Name: "" });

      const page = await loginPage(Url);
      expect(page.status).toBe(200);
      const html = await page.text();
      const ids = offered(html);
      const expected = PERSONS.filter((p) => p.identityProvider === provider);
      // A provider's own persons; everyone when none (or UNKNOWN) was asked.
      expect(ids).toEqual((expected.length > 0 ? expected : PERSONS).map((p) => p.id));
      expect(ids.length).toBeGreaterThanOrEqual(2);
      const person = PERSONS.find((p) => p.id === ids[1]);
      if (!person) throw new Error("no person");

      const submitted = await submit(Url, { person: person.id, outcome: "login" });
      expect(submitted.status).toBe(303);
      expect(submitted.headers.get("location")).toBe(
        `${RP}/success?status=LOGIN&id=${RequestId}&ref=order-42`,
      );

      expect((await call("GET", `/api/SignereId/Completed/${RequestId}`)).text).toBe("true");
      const session = JSON.parse(
        (await call("GET", `/api/SignereId/${RequestId}?metadata=true`)).text,
      );
      expect(session).toMatchObject({
        Name: person.Name,
        FirstName: person.FirstName,
        LastName: person.LastName,
        DateOfBirth: person.DateOfBirth,
        Status: "LOGIN",
        SocialSecurityNumber: person.SocialSecurityNumber,
        IdentityProviderUniqueId: person.IdentityProviderUniqueId,
        IdentityProvider: person.identityProvider,
        MetaData: [{ Key: "sandbox.person.id", Value: person.id }],
        IPAddress: "127.0.0.1",
      });

      const invalidated = await call("PUT", "/api/SignereId/Invalidate", { RequestId });
      expect(invalidated).toMatchObject({ status: 200, text: "" });
      const gone = await call("GET", `/api/SignereId/${RequestId}?metadata=true`);
      expect(gone.status).toBe(404);
      expect(gone.reason).toBe("No SignereID session with this RequestId");
      expect((await call("GET", `/api/SignereId/Completed/${RequestId}`)).status).toBe(404);
      expect((await call("PUT", "/api/SignereId/Invalidate", { RequestId })).status).toBe(404);
      expect((await loginPage(Url)).status).toBe(404);
    },
  );

  it("cancel: 303 to CancelUrl with [0] CANCEL; the session says CANCEL, no person", async () => {
    const { Url, RequestId } = await create({ IdentityProvider: "SWE_BANKID" });
    const submitted = await submit(Url, { person: "se-1", outcome: "cancel" });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get("location")).toBe(
      `${RP}/cancel?status=CANCEL&id=${RequestId}&ref=order-42`,
    );
    expect((await call("GET", `/api/SignereId/Completed/${RequestId}`)).text).toBe("true");
    const session = JSON.parse(
      (await call("GET", `/api/SignereId/${RequestId}?metadata=false`)).text,
    );
    expect(session).toMatchObject({ Status: "CANCEL", Name: "", MetaData: null });
    expect(session).not.toHaveProperty("SocialSecurityNumber");
  });

  it("error: 303 to ErrorUrl with [0] the provider's code; the session carries code and message", async () => {
    const { Url, RequestId } = await create({
      IdentityProvider: "NO_BANKID_WEB",
      ExternalReference: "a b&c",
    });
    const submitted = await submit(Url, {
      outcome: "error",
      errorCode: "C307",
      errorMessage: "PKI module blocked",
    });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get("location")).toBe(
      `https://rp.example/error?status=C307&id=${RequestId}&ref=a%20b%26c`,
    );
    const session = JSON.parse(
      (await call("GET", `/api/SignereId/${RequestId}?metadata=false`)).text,
    );
    expect(session).toMatchObject({
      Status: "ERROR",
      ErrorCode: "C307",
      ErrorMessage: "PKI module blocked",
      Name: "",
    });
    // Without a code, [0] is ERROR.
    const other = await create();
    const bare = await submit(other.Url, { outcome: "error" });
    expect(bare.headers.get("location")).toMatch(/status=ERROR&/);
  });

  it("a completed session's form cannot be sent twice, and wrong input is refused with its reason", async () => {
    const { Url } = await create({ IdentityProvider: "NO_BANKID_WEB" });
    expect((await submit(Url, { outcome: "login", person: "se-1" })).status).toBe(400);
    expect((await submit(Url, { outcome: "steal" })).status).toBe(400);
    const long = await submit(Url, { outcome: "error", errorCode: "x".repeat(65) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("64 characters");
    const asJson = await fetch(Url, { method: "POST", body: "{}", redirect: "manual" });
    expect(asJson.status).toBe(415);
    expect((await submit(Url, { outcome: "login", person: "no-web-1" })).status).toBe(303);
    expect((await submit(Url, { outcome: "cancel" })).status).toBe(409);
    expect((await loginPage(Url)).status).toBe(409);
    expect((await fetch(Url, { method: "DELETE" })).status).toBe(405);
  });

  it("GetSocialSecurityNumber absent or false: the session has no SocialSecurityNumber", async () => {
    for (const flag of [{}, { GetSocialSecurityNumber: false }]) {
      const { Url, RequestId } = await create({ IdentityProvider: "FI_TUPAS", ...flag });
      await submit(Url, { outcome: "login", person: "fi-1" });
      const reply = await call("GET", `/api/SignereId/${RequestId}?metadata=true`);
      expect(reply.text).not.toContain("SocialSecurityNumber");
      expect(reply.text).not.toContain("050482-9121");
    }
  });

  it("an XML lookup of a sandbox session is DataContract XML", async () => {
    const { Url, RequestId } = await create({ IdentityProvider: "DA_NEMID" });
    await submit(Url, { outcome: "login", person: "dk-1" });
    const url = `${sandbox.url}/api/SignereId/${RequestId}?metadata=false`;
    const headers: Record<string, string> = {
      accept: "application/xml",
      "api-id": DEMO_ACCOUNT.apiId,
      "api-timestamp": new Date(clock).toISOString().slice(0, 19),
      "api-algorithm": "SHA256",
    };
    headers["api-token"] = expectedToken(
      { method: "GET", url, headers },
      DEMO_ACCOUNT.primaryKey,
      "SHA256",
    );
    const response = await fetch(url, { headers });
    expect(response.headers.get("content-type")).toMatch(/^application\/xml/);
    expect(await response.text()).toContain("<Name>Mette Prøvegaard</Name>");
  });
});

describe("issue 13: create is validated and verified before anything is stored", () => {
  it("a bad body gets a 400 with its reason; a bad signature a 401", async () => {
    const bad = await call("POST", "/api/SignereId", { ...RETURN_URLS, ExternalReference: 5 });
    expect(bad.status).toBe(400);
    expect(bad.reason).toMatch(/requestBody\.ExternalReference must be string/);
    const forged = await call(
      "POST",
      "/api/SignereId",
      { ...RETURN_URLS, ExternalReference: "x" },
      "wrong-key",
    );
    expect(forged.status).toBe(401);
  });
});

describe("issue 13: the login page", () => {
  it("is served under a strict CSP, without script, and allows posting to the return URLs' origins", async () => {
    const { Url } = await create({ IdentityProvider: "NO_BANKID_WEB" });
    const page = await loginPage(Url);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; /);
    expect(csp).toContain(`form-action 'self' ${RP} https://rp.example;`);
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await page.text();
    expect(html).not.toMatch(/<script|\son\w+=|javascript:|https?:\/\/(?!127\.0\.0\.1)/i);
    expect(html).toContain("Norwegian BankID (NO_BANKID_WEB)");
    for (const label of ["Log in", "Cancel", "Fail with a provider error"])
      expect(html).toMatch(
        new RegExp(`<button type="submit" name="outcome" value="\\w+">${label}</button>`),
      );
    // Every control has a label (its accessible name).
    for (const id of ["errorCode", "errorMessage", "person-no-web-1", "person-no-web-2"])
      expect(html).toContain(`<label for="${id}">`);
  });

  it("escapes a hostile ExternalReference and every person's name", async () => {
    const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)>'`;
    const { Url } = await create({ ExternalReference: hostile });
    const html = await (await loginPage(Url)).text();
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain(escapeHtml(hostile));
    for (const person of PERSONS) expect(html).toContain(`>${escapeHtml(person.Name)}</label>`);
    expect(escapeHtml(`<b a="1">'&`)).toBe("&lt;b a=&quot;1&quot;&gt;&#39;&amp;");
  });

  it("answers an unknown RequestId with a 404 page", async () => {
    const page = await loginPage(`${sandbox.url}/login/NoSuchSession`);
    expect(page.status).toBe(404);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});

describe("issue 13: completeSession, the in-process helper", () => {
  it("completes as the form would and answers the return URL; refuses what the form refuses", async () => {
    const { RequestId } = await create({ IdentityProvider: "NO_BUYPASS" });
    expect(() =>
      sandbox.completeSession(RequestId, { outcome: "login", personId: "se-1" }),
    ).toThrow(/Choose one of the test persons/);
    expect(sandbox.completeSession(RequestId, { outcome: "login", personId: "no-buypass-2" })).toBe(
      `${RP}/success?status=LOGIN&id=${RequestId}&ref=order-42`,
    );
    const session = JSON.parse(
      (await call("GET", `/api/SignereId/${RequestId}?metadata=false`)).text,
    );
    expect(session.Name).toBe("Jonas Oppdiktet");
    expect(() => sandbox.completeSession(RequestId, { outcome: "cancel" })).toThrow(
      /already completed/,
    );
    expect(() => sandbox.completeSession("NoSuchSession", { outcome: "cancel" })).toThrow(
      /No SignereID session/,
    );
  });
});

describe("issue 13: sessions expire", () => {
  it("after sessionTtlSeconds a lookup, the completed check and the login page answer 404", async () => {
    const { Url, RequestId } = await create();
    clock += 599_000;
    expect((await call("GET", `/api/SignereId/Completed/${RequestId}`)).text).toBe("false");
    clock += 1_000;
    expect((await call("GET", `/api/SignereId/Completed/${RequestId}`)).status).toBe(404);
    expect((await call("GET", `/api/SignereId/${RequestId}?metadata=false`)).status).toBe(404);
    expect((await loginPage(Url)).status).toBe(404);
  });
});

describe("issue 13: memory is bounded", () => {
  it("20 000 creates with maxSessions 1 000 hold at most 1 000: the oldest gone, the newest answering", () => {
    const store = new SessionStore(600_000, 1_000, () => START);
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      ids.push(store.create({ ...RETURN_URLS, ExternalReference: `r${i}` }, "a").requestId);
      expect(store.size).toBeLessThanOrEqual(1_000);
    }
    expect(store.size).toBe(1_000);
    expect(new Set(ids).size).toBe(20_000);
    expect(store.get(ids[0] as string)).toBeUndefined();
    expect(store.get(ids[18_999] as string)).toBeUndefined();
    expect(store.get(ids[19_000] as string)?.request.ExternalReference).toBe("r19000");
    expect(store.get(ids[19_999] as string)?.request.ExternalReference).toBe("r19999");
  });

  it("expired sessions are dropped on the next create, without a lookup", () => {
    let now = START;
    const store = new SessionStore(1_000, 100, () => now);
    for (let i = 0; i < 50; i++) store.create({ ...RETURN_URLS }, "a");
    now += 1_000;
    store.create({ ...RETURN_URLS }, "a");
    expect(store.size).toBe(1);
  });

  it("over HTTP: a flood of creates past maxSessions evicts the oldest, the newest still answers", async () => {
    const small = await startSandbox({ log: false, now: () => clock, maxSessions: 100 });
    try {
      const saved = sandbox;
      sandbox = small;
      const ids: string[] = [];
      for (let batch = 0; batch < 10; batch++) {
        const replies = await Promise.all(Array.from({ length: 50 }, () => create()));
        ids.push(...replies.map((r) => r.RequestId));
      }
      const oldest = await call("GET", `/api/SignereId/Completed/${ids[0]}`);
      const newest = await call("GET", `/api/SignereId/Completed/${ids.at(-1)}`);
      sandbox = saved;
      expect(oldest.status).toBe(404);
      expect(newest).toMatchObject({ status: 200, text: "false" });
    } finally {
      await small.close();
    }
  });
});

describe("issue 13: startSandbox checks its options", () => {
  it.each([
    [{ sessionTtlSeconds: 0 }, /sessionTtlSeconds must be a whole number from 1 to 86400/],
    [{ sessionTtlSeconds: Number.POSITIVE_INFINITY }, /sessionTtlSeconds/],
    [
      { maxSessions: 0 },
      /maxSessions must be a whole number from 1 to 50000 \(at worst 20 KiB a session, 50000 sessions fit the sandbox.s 1 GiB budget\)/,
    ],
    [{ maxSessions: 1.5 }, /maxSessions/],
    [{ publicUrl: "ftp://x" }, /publicUrl must be an http or https URL/],
  ])("refuses %j with a RangeError", async (options, message) => {
    await expect(startSandbox({ log: false, ...options })).rejects.toThrow(message);
  });

  it("writes publicUrl's origin into login URLs", async () => {
    const proxied = await startSandbox({
      log: false,
      now: () => clock,
      publicUrl: "https://sandbox.test:8443/ignored",
    });
    const saved = sandbox;
    sandbox = proxied;
    try {
      const { Url, RequestId } = await create();
      expect(Url).toBe(`https://sandbox.test:8443/login/${RequestId}`);
    } finally {
      sandbox = saved;
      await proxied.close();
    }
  });
});
