import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createSignereIdClient,
  createSignereIdRawClient,
  SignereIdApiError,
  type SignereIdClientOptions,
} from "@signereid/client";
import { parseSignereIdXml } from "@signereid/client/xml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_ACCOUNT,
  defaultRecordingsDirForTests,
  expectedToken,
  type Sandbox,
  startSandbox,
  toDataContractXml,
} from "./helpers.js";

const VENDOR_ID = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";
const recording = (name: string) =>
  JSON.parse(readFileSync(join(defaultRecordingsDirForTests(), `${name}.json`), "utf8"));

let mock: Sandbox;
const lines: string[] = [];
beforeAll(async () => {
  mock = await startSandbox({
    log: (line) => lines.push(line),
    credentials: [
      DEMO_ACCOUNT,
      {
        apiId: "0b0b0b0b-0000-4000-8000-000000000002",
        primaryKey: "p2",
        secondaryKey: "s2",
        subscriptions: [],
      },
    ],
  });
});
afterAll(() => mock.close());

const client = (extra: Partial<SignereIdClientOptions> = {}) =>
  createSignereIdClient({
    apiId: DEMO_ACCOUNT.apiId,
    secondaryKey: DEMO_ACCOUNT.secondaryKey,
    baseUrl: mock.url,
    onDeprecation: false,
    maxRetries: 0,
    ...extra,
  } as SignereIdClientOptions);

/** A request signed by hand, to send what the client never would. */
async function rawRequest(path: string, headers: Record<string, string> = {}, sign = true) {
  const url = `${mock.url}${path}`;
  const timestamp = new Date().toISOString().slice(0, 19);
  const base: Record<string, string> = {
    "API-ID": DEMO_ACCOUNT.apiId,
    "API-TIMESTAMP": timestamp,
    "API-ALGORITHM": "SHA512",
    "API-USINGSECONDARYTOKEN": "true",
    "API-RETURNERRORHEADER": "true",
  };
  const all = { ...base, ...headers };
  if (sign && !("API-TOKEN" in headers)) {
    all["API-TOKEN"] = expectedToken(
      {
        method: "GET",
        url,
        headers: Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), v])),
      },
      DEMO_ACCOUNT.secondaryKey,
      "SHA512",
    );
  }
  return fetch(url, {
    headers: Object.fromEntries(Object.entries(all).filter(([, v]) => v !== "")),
  });
}

describe("the mock serves the recordings", () => {
  it("the vendor example as JSON, exactly as recorded", async () => {
    const response = await rawRequest(`/api/SignereId/${VENDOR_ID}?metadata=true`, {
      Accept: "application/json",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(recording("vendor-example").response.body);
  });

  it("the same session for both keys and both algorithms", async () => {
    for (const algorithm of ["SHA256", "SHA512"] as const) {
      expect(
        (await client({ algorithm }).getSignereIdSession(VENDOR_ID, { metadata: true })).Name,
      ).toBe("Stein Olav Hagen Davidsen");
      const primary = client({
        algorithm,
        secondaryKey: undefined,
        primaryKey: DEMO_ACCOUNT.primaryKey,
      } as never);
      expect((await primary.getSignereIdSession(VENDOR_ID)).Name).toBe("Stein Olav Hagen Davidsen");
    }
  });

  it("honours metadata=false", async () => {
    expect(
      (await client().getSignereIdSession(VENDOR_ID, { metadata: false })).MetaData,
    ).toBeNull();
    const derived = await client().getSignereIdSession(
      "pQ0cYWvuo6fTvQMI8pdEoqa1ClgQzg4NO4YfawA5xGGS3",
      { metadata: false },
    );
    expect(derived.MetaData).toBeNull();
    expect(derived.ErrorCode).toBe("C307");
  });

  it("honours Accept: XML, recorded or derived, equal to the JSON session", async () => {
    const json = await client().getSignereIdSession(VENDOR_ID, { metadata: true });
    const xml = await client().getSignereIdSession(VENDOR_ID, { metadata: true, format: "xml" });
    expect(xml).toEqual(json);
    const id = "f4MwSvhTZkXu7sku1a6N49akp6xBnCpJYbObAMXtqtZqU";
    expect(await client().getSignereIdSession(id, { format: "xml", metadata: true })).toEqual(
      await client().getSignereIdSession(id, { metadata: true }),
    );
  });

  it("writes XML the way the recorded XML example is written", () => {
    expect(toDataContractXml(recording("vendor-example").response.body)).toBe(
      recording("vendor-example-xml").response.body,
    );
    expect(parseSignereIdXml(recording("vendor-example-xml").response.body)).toEqual(
      recording("vendor-example").response.body,
    );
  });

  it("replays the recorded errors, with the reason header", async () => {
    const error = await client()
      .getSignereIdSession("mThoiMogBLGPAniTxjzWckIlrldZwwhGKLnpiUS7lHAkQ")
      .catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdApiError);
    expect(error.status).toBe(404);
    expect(error.reason).toBe(recording("error-404").expected.error.reason);
  });
});

describe("the mock refuses what the real server must refuse", () => {
  it("an unknown RequestId: 404", async () => {
    const error = await client()
      .getSignereIdSession("NoSuchSession")
      .catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdApiError);
    expect(error.status).toBe(404);
    expect(error.reason).toBe("No SignereID session with this RequestId");
  });

  it("a wrong signature (another key): 401", async () => {
    const error = await client({ secondaryKey: "not-the-key" })
      .getSignereIdSession(VENDOR_ID)
      .catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdApiError);
    expect(error.status).toBe(401);
    expect(error.reason).toMatch(/Invalid API-TOKEN/);
  });

  it("the wrong key type (primary key sent as secondary): 401, saying so", async () => {
    const response = await rawRequest(`/api/SignereId/${VENDOR_ID}?metadata=true`, {
      "API-USINGSECONDARYTOKEN": "false",
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("x-error-reason")).toMatch(/secondary key/);
  });

  it("a stale timestamp: 401 with the skew, and the client's correction recovers", async () => {
    const stale = () => new Date(Date.now() - 10 * 60_000);
    const error = await client({ now: stale, correctClockSkew: false })
      .getSignereIdSession(VENDOR_ID)
      .catch((e) => e);
    expect(error).toBeInstanceOf(SignereIdApiError);
    expect(error.status).toBe(401);
    expect(error.reason).toMatch(/API-TIMESTAMP is -60\d s from the server's clock/);
    expect(error.clockSkewSeconds).toBeGreaterThanOrEqual(599);

    const corrected = client({ now: stale });
    expect((await corrected.getSignereIdSession(VENDOR_ID)).Name).toBe("Stein Olav Hagen Davidsen");
  });

  it.each([
    ["API-ID", "Missing header API-ID"],
    ["API-TIMESTAMP", "Missing header API-TIMESTAMP"],
    ["API-ALGORITHM", "Missing header API-ALGORITHM (send SHA256 or SHA512)"],
  ])("a missing %s: 400", async (name, reason) => {
    const response = await rawRequest(`/api/SignereId/${VENDOR_ID}?metadata=true`, { [name]: "" });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-error-reason")).toBe(reason);
  });

  it("a missing API-TOKEN: 400", async () => {
    const response = await rawRequest(`/api/SignereId/${VENDOR_ID}?metadata=true`, {}, false);
    expect(response.status).toBe(400);
    expect(response.headers.get("x-error-reason")).toBe("Missing header API-TOKEN");
  });

  it("a lowercase token: 401", async () => {
    const good = await rawRequest(`/api/SignereId/${VENDOR_ID}?metadata=true`);
    expect(good.status).toBe(200);
    const timestamp = new Date().toISOString().slice(0, 19);
    const url = `${mock.url}/api/SignereId/${VENDOR_ID}?metadata=true`;
    const token = expectedToken(
      { method: "GET", url, headers: { "api-timestamp": timestamp } },
      DEMO_ACCOUNT.secondaryKey,
      "SHA512",
    );
    const response = await rawRequest(`/api/SignereId/${VENDOR_ID}?metadata=true`, {
      "API-TIMESTAMP": timestamp,
      "API-TOKEN": token.toLowerCase(),
    });
    expect(response.status).toBe(401);
  });

  it("an unknown API-ID: 401", async () => {
    const response = await rawRequest(`/api/SignereId/${VENDOR_ID}?metadata=true`, {
      "API-ID": "11111111-1111-4111-8111-111111111111",
    });
    expect(response.status).toBe(401);
  });

  it("an account without the SignereID subscription: 403", async () => {
    const error = await client({
      apiId: "0b0b0b0b-0000-4000-8000-000000000002",
      secondaryKey: "s2",
    })
      .getSignereIdSession(VENDOR_ID)
      .catch((e) => e);
    expect(error.status).toBe(403);
    expect(error.reason).toMatch(/subscription/);
  });

  it("an account without the subscription: 403 for every signed operation, 401 when it signs wrongly", async () => {
    const unsubscribed = { apiId: "0b0b0b0b-0000-4000-8000-000000000002", secondaryKey: "s2" };
    const calls = (c: ReturnType<typeof client>) => [
      () => c.getSignereIdSession(VENDOR_ID),
      () => c.getSignereIdSessionCompleted(VENDOR_ID),
      () => c.invalidateSignereIdSession("NoSuchSession"),
      () =>
        c.createSignereIdSession({
          SuccessUrl: "https://rp.example/s",
          CancelUrl: "https://rp.example/c",
          ErrorUrl: "https://rp.example/e",
          ExternalReference: "order-1",
        }),
    ];
    for (const call of calls(client(unsubscribed))) {
      const error = await call().catch((e) => e);
      expect(error.status).toBe(403);
    }
    // Authentication comes first: the missing subscription is told only to a correct signature.
    for (const call of calls(client({ ...unsubscribed, secondaryKey: "wrong" }))) {
      const error = await call().catch((e) => e);
      expect(error.status).toBe(401);
      expect(error.reason).toMatch(/Invalid API-TOKEN/);
    }
    expect((await client(unsubscribed).getServerTime()).raw).toMatch(/^\d{4}-/);
  });

  it.each([
    ["without metadata", `/api/SignereId/${VENDOR_ID}`, /metadata/],
    ["with metadata=yes", `/api/SignereId/${VENDOR_ID}?metadata=yes`, /metadata must be boolean/],
    [
      "with a dot in the RequestId",
      "/api/SignereId/a.b?metadata=true",
      /RequestId must match pattern/,
    ],
  ])("a request %s: 400 from the spec's validation", async (_what, path, reason) => {
    const response = await rawRequest(path);
    expect(response.status).toBe(400);
    expect(response.headers.get("x-error-reason")).toMatch(reason);
  });

  it("only reports the reason when asked to (API-RETURNERRORHEADER)", async () => {
    const response = await rawRequest("/api/SignereId/NoSuchSession?metadata=true", {
      "API-RETURNERRORHEADER": "",
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("x-error-reason")).toBeNull();
  });

  it("leaves a recorded reason intact for later callers after one that did not ask for it", async () => {
    const path = "/api/SignereId/mThoiMogBLGPAniTxjzWckIlrldZwwhGKLnpiUS7lHAkQ?metadata=true";
    const silent = await rawRequest(path, { "API-RETURNERRORHEADER": "" });
    expect(silent.headers.get("x-error-reason")).toBeNull();
    const asked = await rawRequest(path);
    expect(asked.status).toBe(404);
    expect(asked.headers.get("x-error-reason")).toBe(recording("error-404").expected.error.reason);
  });

  it("unknown paths: 404", async () => {
    expect((await fetch(`${mock.url}/api/Other`)).status).toBe(404);
  });

  it("the raw client sees the same answers as { error, response }", async () => {
    const raw = createSignereIdRawClient({
      apiId: DEMO_ACCOUNT.apiId,
      secondaryKey: "wrong",
      baseUrl: mock.url,
    });
    const { error, response } = await raw.GET("/api/SignereId/{RequestId}", {
      params: { path: { RequestId: VENDOR_ID }, query: { metadata: true } },
    });
    expect(response.status).toBe(401);
    expect(error).toMatch(/Invalid API-TOKEN/);
  });
});

describe("logging", () => {
  it("one line per request, with no key, token or personal data", async () => {
    const before = lines.length;
    await client().getSignereIdSession(VENDOR_ID, { metadata: true });
    await client({ secondaryKey: "wrong" })
      .getSignereIdSession(VENDOR_ID)
      .catch(() => {});
    expect(lines.length - before).toBe(2);
    const all = lines.join("\n");
    expect(lines[before]).toMatch(/^GET \/api\/SignereId\/\{RequestId\} 200 \d+\.\d ms$/);
    for (const secret of [
      DEMO_ACCOUNT.secondaryKey,
      DEMO_ACCOUNT.primaryKey,
      "23071212345",
      "Davidsen",
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/[0-9A-F]{64}/);
  });
});

describe("its own address", () => {
  it("GET / says what the sandbox is and how to call it, and only GET is answered so", async () => {
    const response = await fetch(`${mock.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain("not the vendor's");
    for (const path of [
      "/api/Status/ServerTime",
      "/api/SignereId/Invalidate",
      "/login/{RequestId}",
    ])
      expect(text).toContain(path);
    for (const line of mock.calls) expect(text).toContain(line);
    expect(lines.at(-1)).toMatch(/^GET \/ 200 /);
    expect((await fetch(`${mock.url}/`, { method: "POST" })).status).not.toBe(200);
  });
});
