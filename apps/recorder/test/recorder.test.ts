// The recorder end to end against the mock API: the real CLI, real HTTP on loopback, a file on
// disk, then the new recording served back by a mock built from it.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createSignereIdClient } from "@signereid/client";
import { loadRecordings, validateRecording } from "@signereid/openapi";
import { DEMO_ACCOUNT, type Sandbox, startSandbox } from "@signereid/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const VENDOR_ID = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";
const cli = join(import.meta.dirname, "../dist/cli.js");
const out = mkdtempSync(join(tmpdir(), "signereid-recordings-"));
let mock: Sandbox;

beforeAll(async () => {
  mock = await startSandbox({ log: false });
});
afterAll(async () => {
  await mock.close();
  rmSync(out, { recursive: true, force: true });
});

async function record(name: string, extra: string[] = [], env: Record<string, string> = {}) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [cli, "--", "--base-url", mock.url, "--out", out, "--name", name, ...extra],
    {
      env: {
        ...process.env,
        SIGNEREID_API_ID: DEMO_ACCOUNT.apiId,
        SIGNEREID_SECONDARY_KEY: DEMO_ACCOUNT.secondaryKey,
        ...env,
      },
    },
  );
  const text = readFileSync(join(out, `${name}.json`), "utf8");
  const stored = JSON.parse(text);
  // Every file the recorder writes must follow the recording format.
  expect(validateRecording(stored)).toEqual([]);
  // Read as every consumer reads it: the loader fills a left-out `expected` with the body.
  const recording = loadRecordings(out).find((r) => r.file === `${name}.json`) as any;
  return { stdout, text, recording };
}

const PERSONAL = ["23071212345", "Stein", "Davidsen", "Olav Hagen", "071283", "9578-6000-4-48855"];

describe("pnpm record", () => {
  it("records a JSON session with personal data replaced and no signing headers", async () => {
    const { stdout, text, recording } = await record("json", ["--request-id", VENDOR_ID]);
    expect(stdout).toContain(`Recorded 200 to ${join(out, "json.json")}`);
    for (const value of [
      ...PERSONAL,
      DEMO_ACCOUNT.secondaryKey,
      "API-TOKEN",
      "API-ID",
      "API-TIMESTAMP",
    ]) {
      expect(text).not.toContain(value);
    }
    expect(text).not.toMatch(/[0-9A-F]{64}/);
    expect(recording.request).toEqual({
      method: "GET",
      path: `/api/SignereId/${VENDOR_ID}`,
      query: { metadata: "true" },
      headers: { Accept: "application/json" },
    });
    expect(Object.keys(recording.response.headers)).toEqual(["content-type"]);
    expect(recording.response.body).toMatchObject({
      Name: "Kari Nordmann",
      SocialSecurityNumber: "01010000000",
      IPAddress: "",
      Status: "LOGIN",
      IdentityProvider: "NO_BANKID_WEB",
      ErrorCode: "SYNTHETIC",
    });
    expect(recording.expected).toEqual(recording.response.body);
    expect(recording.source).toMatch(
      /^Recorded on \d{4}-\d\d-\d\d from 127\.0\.0\.1:\d+ by @signereid\/recorder/,
    );
  });

  it("records the XML form, anonymised element by element", async () => {
    const { text, recording } = await record("xml", ["--request-id", VENDOR_ID, "--format", "xml"]);
    for (const value of PERSONAL) expect(text).not.toContain(value);
    expect(recording.response.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?><SignereIdResponse xmlns:i="http:\/\/www.w3.org\/2001\/XMLSchema-instance">/,
    );
    expect(recording.response.body).toContain("<Name>Kari Nordmann</Name>");
    expect(recording.expected).toMatchObject({
      Name: "Kari Nordmann",
      MetaData: [{ Key: "user.certificate.json", Value: "" }, {}],
    });
  });

  it("records an error with its reason", async () => {
    const { recording } = await record("missing", [
      "--request-id",
      "NoSuchSession",
      "--metadata",
      "false",
    ]);
    expect(recording.response.status).toBe(404);
    expect(recording.response.headers["x-error-reason"]).toBe(
      "No SignereID session with this RequestId",
    );
    expect(recording.expected).toEqual({
      error: {
        name: "SignereIdApiError",
        status: 404,
        reason: "No SignereID session with this RequestId",
      },
    });
  });

  it("writes recordings the mock can serve back, and the client returns their expected value", async () => {
    const replayed = await startSandbox({ log: false, recordingsDir: out });
    try {
      const client = createSignereIdClient({
        apiId: DEMO_ACCOUNT.apiId,
        secondaryKey: DEMO_ACCOUNT.secondaryKey,
        baseUrl: replayed.url,
        onDeprecation: false,
      });
      const recording = loadRecordings(out).find((r) => r.file === "json.json");
      expect(await client.getSignereIdSession(VENDOR_ID, { metadata: true })).toEqual(
        recording?.expected,
      );
    } finally {
      await replayed.close();
    }
  });

  it("refuses to run without credentials, saying what to set", async () => {
    const error = await record("none", ["--request-id", VENDOR_ID], {
      SIGNEREID_SECONDARY_KEY: "",
    }).catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain("set SIGNEREID_SECONDARY_KEY or SIGNEREID_PRIMARY_KEY");
  });

  it("records a refused signature too (how the real error form is learnt), without the key", async () => {
    const { text, recording } = await record("refused", ["--request-id", VENDOR_ID], {
      SIGNEREID_SECONDARY_KEY: "wrong-key",
    });
    expect(recording.response.status).toBe(401);
    expect(recording.expected.error).toMatchObject({ name: "SignereIdApiError", status: 401 });
    expect(text).not.toContain("wrong-key");
  });

  it("reports what the client refused before any request, and exits 2", async () => {
    const error = await record("invalid", ["--request-id", "../etc"]).catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain("requestId: must be");
  });
});
