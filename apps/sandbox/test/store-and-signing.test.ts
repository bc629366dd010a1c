// Issue 11: the mock files recordings by operationId, verifies both signing recipes against the
// spec package's vectors, and never lets a reply it cannot write end the process.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LoadedRecording, loadRecordings } from "@signereid/openapi";
import { afterAll, describe, expect, it } from "vitest";
import { RecordingStore } from "../src/recordings.js";
import { expectedToken } from "../src/signature.js";
import { DEMO_ACCOUNT, rawHttp, startSandbox } from "./helpers.js";

const vectors: {
  name: string;
  method: string;
  url: string;
  body?: string;
  timestamp: string;
  algorithm: "SHA256" | "SHA512";
  key: string;
  expectedToken: string;
}[] = createRequire(import.meta.url)("@signereid/openapi/signing-vectors.json").vectors;

const scratch = mkdtempSync(join(tmpdir(), "signereid-mock-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const recordings = loadRecordings();
const vendor = recordings.find((r) => r.file === "vendor-example.json") as LoadedRecording;

describe("the mock's verifier, against every vector of signing-vectors.json", () => {
  it("covers both recipes", () => {
    expect(new Set(vectors.map((v) => v.method))).toEqual(new Set(["GET", "POST"]));
  });

  it.each(vectors.map((v) => [v.name, v] as const))("%s", (_name, vector) => {
    const request = {
      method: vector.method,
      url: vector.url,
      headers: { "api-timestamp": vector.timestamp },
      ...(vector.body === undefined ? {} : { body: Buffer.from(vector.body, "utf8") }),
    };
    expect(expectedToken(request, vector.key, vector.algorithm)).toBe(vector.expectedToken);
    // The same request with one byte changed signs differently (the recipe covers it).
    const changed = vector.body
      ? { ...request, body: Buffer.from(`${vector.body} `, "utf8") }
      : { ...request, url: `${vector.url}x` };
    expect(expectedToken(changed, vector.key, vector.algorithm)).not.toBe(vector.expectedToken);
  });

  it("a POST is signed over its body, not its URL", () => {
    const post = vectors.find((v) => v.method === "POST");
    const request = {
      method: "POST",
      url: "http://elsewhere.invalid/other",
      headers: { "api-timestamp": post?.timestamp },
      body: Buffer.from(post?.body ?? "", "utf8"),
    };
    expect(expectedToken(request, post?.key ?? "", "SHA512")).toBe(post?.expectedToken);
  });
});

describe("recordings are filed by operationId", () => {
  const invalidate: LoadedRecording = {
    file: "invalidate.json",
    title: "An invalidation",
    source: "Synthetic, for this test: a PUT whose path ends in Invalidate.",
    operationId: "invalidateSignereIdSession",
    request: {
      method: "PUT",
      path: "/api/SignereId/Invalidate",
      query: {},
      headers: { Accept: "application/json", "Content-Type": "application/json; charset=UTF-8" },
      body: { RequestId: "abc" },
    },
    response: { status: 200, headers: { "content-type": "application/json" }, body: true },
    expected: true,
  };
  const store = new RecordingStore([vendor, invalidate]);

  it("a PUT /api/SignereId/Invalidate is never a session with the id Invalidate", () => {
    expect(store.of("getSignereIdSession")).toEqual([vendor]);
    const asSession = {
      operationId: "getSignereIdSession",
      path: "/api/SignereId/Invalidate",
      query: { metadata: "true" },
      format: "json",
    } as const;
    expect(store.reply(asSession)).toBeUndefined();
    const asInvalidate = { ...asSession, operationId: "invalidateSignereIdSession", query: {} };
    // Served by the RequestId of the body, never by the path alone.
    expect(store.reply({ ...asInvalidate, body: { RequestId: "abc" } })).toMatchObject({
      status: 200,
      body: "true",
    });
    expect(store.reply({ ...asInvalidate, body: { RequestId: "other" } })).toBeUndefined();
  });

  it("a recording answers only the exact request it was made by (query, format, body)", () => {
    const lookup = {
      operationId: "getSignereIdSession",
      path: vendor.request.path,
      query: { metadata: "true" },
      format: "json",
    } as const;
    expect(store.reply(lookup)).toMatchObject({ status: 200 });
    // The path compared decoded: %33 and 3 are the same session.
    const encoded = `${vendor.request.path.slice(0, -45)}%33${vendor.request.path.slice(-44)}`;
    expect(vendor.request.path.at(-45)).toBe("3");
    expect(store.reply({ ...lookup, path: encoded })).toMatchObject({ status: 200 });
    // Adapting to another query or format is the lookup handler's business, not the store's.
    expect(store.reply({ ...lookup, query: { metadata: "false" } })).toBeUndefined();
    expect(store.reply({ ...lookup, format: "xml" })).toBeUndefined();
    const put = {
      operationId: "invalidateSignereIdSession",
      path: "/api/SignereId/Invalidate",
      query: {},
      format: "json",
    } as const;
    expect(store.reply({ ...put, body: { RequestId: "abc", Extra: 1 } })).toBeUndefined();
  });

  it("the mock refuses recordings whose operationId the spec does not define", async () => {
    const dir = mkdtempSync(join(scratch, "unknown-"));
    const { file: _file, ...stored } = { ...vendor, operationId: "noSuchOperation" };
    writeFileSync(join(dir, "x.json"), JSON.stringify(stored));
    await expect(startSandbox({ log: false, recordingsDir: dir })).rejects.toThrow(
      /noSuchOperation, which the spec does not define/,
    );
  });
});

describe("a reply node:http cannot write", () => {
  it("is a plain 500, and the mock keeps serving", async () => {
    const dir = mkdtempSync(join(scratch, "bad-header-"));
    const { file: _file, ...stored } = vendor;
    const broken = { ...stored, response: { ...stored.response, headers: { "x-note": "snø ☃" } } };
    writeFileSync(join(dir, "broken.json"), JSON.stringify(broken));
    const mock = await startSandbox({ log: false, recordingsDir: dir });
    try {
      const path = `${vendor.request.path}?metadata=true`;
      const url = `${mock.url}${path}`;
      const timestamp = new Date().toISOString().slice(0, 19);
      const headers: Record<string, string> = {
        "api-id": DEMO_ACCOUNT.apiId,
        "api-timestamp": timestamp,
        "api-algorithm": "SHA512",
        "api-usingsecondarytoken": "true",
        "api-returnerrorheader": "true",
        accept: "application/json",
      };
      headers["api-token"] = expectedToken(
        { method: "GET", url, headers },
        DEMO_ACCOUNT.secondaryKey,
        "SHA512",
      );
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
      const send = () =>
        rawHttp(
          mock.port,
          `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${mock.port}\r\nConnection: close\r\n${lines.join("")}\r\n`,
        );
      const first = await send();
      expect(first.status).toBe(500);
      expect(first.headers["x-error-reason"]).toMatch(
        /could not write its reply \(ERR_INVALID_CHAR\)/,
      );
      expect(first.body).toMatch(/not valid HTTP/);
      expect((await send()).status).toBe(500);
    } finally {
      await mock.close();
    }
  });
});

describe("the server time", () => {
  it("is the sandbox's clock, with no recording of it at all", async () => {
    const dir = mkdtempSync(join(scratch, "no-time-"));
    const { file: _file, ...stored } = vendor;
    writeFileSync(join(dir, "vendor.json"), JSON.stringify(stored));
    const sandbox = await startSandbox({
      log: false,
      recordingsDir: dir,
      now: () => Date.parse("2030-01-02T03:04:05.678Z"),
    });
    try {
      const response = await fetch(`${sandbox.url}/api/Status/ServerTime`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toBe("2030-01-02T03:04:05");
    } finally {
      await sandbox.close();
    }
  });
});
