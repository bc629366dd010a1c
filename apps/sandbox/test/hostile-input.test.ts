// Issue 9, items 11, 13 and 14 (server side): hostile request targets and header values, written
// byte for byte to a real mock on 127.0.0.1 over node:net (fetch would normalise the target).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_ACCOUNT,
  expectedToken,
  MAX_CLOCK_SKEW_SECONDS,
  rawHttp,
  type Sandbox,
  startSandbox,
} from "./helpers.js";

const VENDOR_ID = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";
const GOOD = `/api/SignereId/${VENDOR_ID}?metadata=true`;

let mock: Sandbox;
const lines: string[] = [];
beforeAll(async () => {
  mock = await startSandbox({ log: (line) => lines.push(line) });
});
afterAll(() => mock.close());

interface Raw {
  /** The request line's target, verbatim. */
  target?: string;
  /** The Host header; `null` sends none. */
  host?: string | null;
  version?: "1.0" | "1.1";
  /** What the token is computed over; default `http://<host><target>`, what the mock verifies. */
  signedUrl?: string;
  key?: string;
  headers?: Record<string, string>;
}

/** A validly signed request, written as raw bytes. */
function send({
  target = GOOD,
  host = `127.0.0.1:${mock.port}`,
  version = "1.1",
  signedUrl,
  key = DEMO_ACCOUNT.secondaryKey,
  headers = {},
}: Raw = {}) {
  const timestamp = new Date().toISOString().slice(0, 19);
  const all: Record<string, string> = {
    "API-ID": DEMO_ACCOUNT.apiId,
    "API-TIMESTAMP": timestamp,
    "API-ALGORITHM": "SHA512",
    "API-USINGSECONDARYTOKEN": "true",
    "API-RETURNERRORHEADER": "true",
    ...headers,
  };
  const url = signedUrl ?? `http://${host}${target}`;
  all["API-TOKEN"] = expectedToken(
    { method: "GET", url, headers: { "api-timestamp": timestamp } },
    key,
    "SHA512",
  );
  const head = [
    `GET ${target} HTTP/${version}`,
    ...(host === null ? [] : [`Host: ${host}`]),
    ...Object.entries(all).map(([name, value]) => `${name}: ${value}`),
    "Connection: close",
  ];
  return rawHttp(mock.port, `${head.join("\r\n")}\r\n\r\n`);
}

it("the raw signed request itself is served (the control for every refusal below)", async () => {
  const response = await send();
  expect(response.status).toBe(200);
  expect(response.body).toContain("Davidsen");
});

describe("item 11: malformed percent-encoding answers 400 with a reason, not 500 URIError", () => {
  it.each([
    ["%ff in the path (not UTF-8)", `/api/SignereId/%ff?metadata=true`],
    ["%zz in the path (not hex)", `/api/SignereId/%zz?metadata=true`],
    ["a lone % in the path", `/api/SignereId/abc%?metadata=true`],
    ["%ff in the query", `/api/SignereId/${VENDOR_ID}?metadata=%ff`],
  ])("item 11: %s", async (_what, target) => {
    const response = await send({ target });
    expect(response.status).toBe(400);
    expect(response.headers["x-error-reason"]).toMatch(/malformed percent-encoding/);
    expect(response.body).not.toMatch(/URIError/);
  });
});

describe("item 13: the mock routes on exactly what was signed", () => {
  // Each is signed over http://<Host><target>, which the mock used to verify and then route
  // differently (normalised): every one of them answered 200.
  it.each([
    ["a .. segment", `/api/SignereId/../SignereId/${VENDOR_ID}?metadata=true`, /dot segment/],
    ["a . segment", `/api/SignereId/./${VENDOR_ID}?metadata=true`, /dot segment/],
    ["%2e%2e", `/api/SignereId/%2e%2e/SignereId/${VENDOR_ID}?metadata=true`, /dot segment/],
    ["mixed-case .%2E", `/api/x/.%2E/SignereId/${VENDOR_ID}?metadata=true`, /dot segment/],
    ["%2E alone", `/api/SignereId/%2E/${VENDOR_ID}?metadata=true`, /dot segment/],
    ["a leading //other-host", `//other-host/api/SignereId/${VENDOR_ID}?metadata=true`, /empty/],
    ["an inner //", `/api//SignereId/${VENDOR_ID}?metadata=true`, /empty segment/],
    ["a trailing /", `/api/SignereId/${VENDOR_ID}/?metadata=true`, /empty segment/],
  ])("item 13: %s is refused with 400", async (_what, target, reason) => {
    const response = await send({ target });
    expect(response.status).toBe(400);
    expect(response.headers["x-error-reason"]).toMatch(reason);
  });

  it("item 13: an absolute-form target is refused with 400, however it was signed", async () => {
    const target = `http://127.0.0.1:${mock.port}${GOOD}`;
    for (const signedUrl of [target, `http://127.0.0.1:${mock.port}${target}`]) {
      const response = await send({ target, signedUrl });
      expect(response.status).toBe(400);
      expect(response.headers["x-error-reason"]).toMatch(/absolute-form/);
    }
  });

  it("item 13: an absolute-form target with user:password is not written to the log", async () => {
    const target = `http://user:hunter2@127.0.0.1:${mock.port}${GOOD}`;
    expect((await send({ target })).status).toBe(400);
    expect(lines.join("\n")).not.toContain("hunter2");
  });

  it("item 13: HTTP/1.0 without Host (signed over http://undefined/...) is refused with 400", async () => {
    const response = await send({
      version: "1.0",
      host: null,
      signedUrl: `http://undefined${GOOD}`,
    });
    expect(response.status).toBe(400);
    expect(response.headers["x-error-reason"]).toMatch(/Missing Host header/);
    // HTTP/1.0 with a Host is fine: it is the missing Host that is refused.
    expect((await send({ version: "1.0" })).status).toBe(200);
  });

  it("item 13: an empty Host is refused with 400", async () => {
    const response = await send({ host: "" });
    expect(response.status).toBe(400);
    expect(response.headers["x-error-reason"]).toMatch(/Missing Host header/);
  });

  it("a percent-encoded RequestId is verified over the bytes sent, not the decoded id", async () => {
    const target = `/api/SignereId/%33${VENDOR_ID.slice(1)}?metadata=true`;
    expect((await send({ target })).status).toBe(200);
    const decoded = await send({ target, signedUrl: `http://127.0.0.1:${mock.port}${GOOD}` });
    expect(decoded.status).toBe(401);
  });
});

describe("item 14: boolean signing headers are validated strictly", () => {
  it.each(["1", "0", "yes", "on", ""])(
    "item 14: API-USINGSECONDARYTOKEN: %j is refused with 400, not taken as false",
    async (value) => {
      // Signed with the primary key, so treating the value as false used to answer 200.
      const response = await send({
        key: DEMO_ACCOUNT.primaryKey,
        headers: { "API-USINGSECONDARYTOKEN": value },
      });
      expect(response.status).toBe(400);
      expect(response.headers["x-error-reason"]).toBe(
        "API-USINGSECONDARYTOKEN must be true or false",
      );
    },
  );

  it("item 14: true and false in any case are accepted (as .NET sends them: True)", async () => {
    for (const value of ["True", "TRUE", "true"]) {
      expect((await send({ headers: { "API-USINGSECONDARYTOKEN": value } })).status).toBe(200);
    }
    for (const value of ["False", "false"]) {
      const response = await send({
        key: DEMO_ACCOUNT.primaryKey,
        headers: { "API-USINGSECONDARYTOKEN": value },
      });
      expect(response.status).toBe(200);
    }
  });

  it("item 14: API-RETURNERRORHEADER: 1 is refused with 400 (the reason is in the body)", async () => {
    const response = await send({ headers: { "API-RETURNERRORHEADER": "1" } });
    expect(response.status).toBe(400);
    expect(response.body).toContain("API-RETURNERRORHEADER must be true or false");
  });
});

describe("item 14: the clock-skew window is a finite, bounded number", () => {
  it.each([Number.POSITIVE_INFINITY, Number.NaN, -1, MAX_CLOCK_SKEW_SECONDS + 1, "300"])(
    "item 14: clockSkewSeconds %s is refused before the mock starts",
    async (clockSkewSeconds) => {
      await expect(
        startSandbox({ clockSkewSeconds: clockSkewSeconds as number, log: false }),
      ).rejects.toThrow(/clockSkewSeconds must be a number of seconds from 0 to 86400/);
    },
  );

  it("the largest window (a day) still checks the timestamp", async () => {
    const wide = await startSandbox({ clockSkewSeconds: MAX_CLOCK_SKEW_SECONDS, log: false });
    try {
      const stale = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 19);
      const url = `${wide.url}${GOOD}`;
      const response = await fetch(url, {
        headers: {
          "API-ID": DEMO_ACCOUNT.apiId,
          "API-TIMESTAMP": stale,
          "API-ALGORITHM": "SHA512",
          "API-USINGSECONDARYTOKEN": "true",
          "API-RETURNERRORHEADER": "true",
          "API-TOKEN": expectedToken(
            { method: "GET", url, headers: { "api-timestamp": stale } },
            DEMO_ACCOUNT.secondaryKey,
            "SHA512",
          ),
        },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("x-error-reason")).toMatch(/allowed: ±86400 s/);
    } finally {
      await wide.close();
    }
  });
});
