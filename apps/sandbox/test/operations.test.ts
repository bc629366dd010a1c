// Issue 12: the mock routes, validates and verifies all five operations. Requests are signed by
// hand (the mock's verifier is held to the signing vectors in store-and-signing.test.ts) so that
// they can be wrong in ways the client never is.
import { type LoadedRecording, loadRecordings } from "@signereid/openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNT, expectedToken, type Sandbox, startSandbox } from "./helpers.js";

const VENDOR_ID = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";
const NOW = Date.parse("2024-05-06T07:08:09Z");
const TIMESTAMP = "2024-05-06T07:08:09";
const recordings = loadRecordings();
const of = (operationId: string) => recordings.filter((r) => r.operationId === operationId);
const created = recordings.find((r) => r.file === "create-session.json") as LoadedRecording;
const CREATE = created.request.body as Record<string, unknown>;
const CREATE_BODY = JSON.stringify(CREATE);

let mock: Sandbox;
beforeAll(async () => {
  mock = await startSandbox({ log: false, now: () => NOW });
});
afterAll(() => mock.close());

interface Call {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  /** Sign this body instead of the one sent (a body changed after signing). */
  signedBody?: string;
  signed?: boolean;
}

async function call({ method, path, body, contentType, signedBody, signed = true }: Call) {
  const url = `${mock.url}${path}`;
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined)
    headers["content-type"] = contentType ?? "application/json; charset=UTF-8";
  if (signed) {
    Object.assign(headers, {
      "api-id": DEMO_ACCOUNT.apiId,
      "api-timestamp": TIMESTAMP,
      "api-algorithm": "SHA256",
      "api-usingsecondarytoken": "false",
      "api-returnerrorheader": "true",
    });
    const bytes = signedBody ?? body;
    headers["api-token"] = expectedToken(
      { method, url, headers, ...(bytes === undefined ? {} : { body: Buffer.from(bytes) }) },
      DEMO_ACCOUNT.primaryKey,
      "SHA256",
    );
  }
  const response = await fetch(url, { method, headers, body });
  return {
    status: response.status,
    reason: response.headers.get("x-error-reason"),
    type: response.headers.get("content-type"),
    allow: response.headers.get("allow"),
    text: await response.text(),
  };
}

describe("getServerTime", () => {
  it("is answered without any API-* header, with the mock's clock as a JSON string", async () => {
    const reply = await call({ method: "GET", path: "/api/Status/ServerTime", signed: false });
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^application\/json/);
    expect(JSON.parse(reply.text)).toBe(TIMESTAMP);
  });
});

describe("createSignereIdSession", () => {
  it("verifies the body recipe and starts a fresh session even for the recording's body", async () => {
    const replies = [];
    for (let i = 0; i < 2; i++) {
      const reply = await call({ method: "POST", path: "/api/SignereId", body: CREATE_BODY });
      expect(reply.status).toBe(200);
      replies.push(JSON.parse(reply.text) as { Url: string; RequestId: string });
    }
    const recordedId = (created.response.body as { RequestId: string }).RequestId;
    for (const { Url, RequestId } of replies) {
      expect(RequestId).toMatch(/^[A-Za-z0-9]{45}$/);
      expect(RequestId).not.toBe(recordedId);
      // The sandbox's own login page, never the vendor's host in the recording.
      expect(Url).toBe(`${mock.url}/login/${RequestId}`);
    }
    expect(replies[0]?.RequestId).not.toBe(replies[1]?.RequestId);
  });

  it("refuses a body changed after it was signed (the exact bytes received are verified)", async () => {
    const reply = await call({
      method: "POST",
      path: "/api/SignereId",
      body: CREATE_BODY.replace("order-123", "order-124"),
      signedBody: CREATE_BODY,
    });
    expect(reply.status).toBe(401);
    expect(reply.reason).toMatch(/Invalid API-TOKEN/);
  });

  it("refuses a POST signed by the URL recipe", async () => {
    const url = `${mock.url}/api/SignereId`;
    const headers: Record<string, string> = {
      "api-id": DEMO_ACCOUNT.apiId,
      "api-timestamp": TIMESTAMP,
      "api-algorithm": "SHA256",
      "api-returnerrorheader": "true",
      "content-type": "application/json",
    };
    headers["api-token"] = expectedToken(
      { method: "GET", url, headers },
      DEMO_ACCOUNT.primaryKey,
      "SHA256",
    );
    const response = await fetch(url, { method: "POST", headers, body: CREATE_BODY });
    expect(response.status).toBe(401);
  });

  it.each([
    [
      "a required field missing",
      { ...CREATE, SuccessUrl: undefined },
      /requestBody must have required property 'SuccessUrl'/,
    ],
    [
      "a return URL that is not absolute http(s)",
      { ...CREATE, ErrorUrl: "ftp://rp.example/e" },
      /requestBody\.ErrorUrl must match pattern/,
    ],
    [
      "a Height that is not a positive integer",
      { ...CREATE, Height: 0 },
      /requestBody\.Height must be >= 1/,
    ],
    [
      "a boolean that is a string",
      { ...CREATE, UseIframe: "false" },
      /requestBody\.UseIframe must be boolean/,
    ],
    ["a JSON string instead of an object", "order-123", /requestBody must be object/],
  ])("answers a body with %s with a 400 and its reason", async (_what, body, reason) => {
    const reply = await call({
      method: "POST",
      path: "/api/SignereId",
      body: JSON.stringify(body),
    });
    expect(reply.status).toBe(400);
    expect(reply.reason).toMatch(reason);
  });

  it("answers malformed JSON, and a body that is not JSON, with their reasons", async () => {
    const broken = await call({ method: "POST", path: "/api/SignereId", body: "{" });
    expect(broken.status).toBe(400);
    expect(broken.reason).toMatch(/JSON/);
    const text = await call({
      method: "POST",
      path: "/api/SignereId",
      body: CREATE_BODY,
      contentType: "text/plain",
    });
    expect(text.status).toBe(415);
    expect(text.reason).toMatch(/Content-Type must be application\/json/);
  });
});

describe("getSignereIdSessionCompleted", () => {
  it("answers each recording by the RequestId of its path", async () => {
    expect(of("getSignereIdSessionCompleted").length).toBeGreaterThanOrEqual(7);
    for (const recording of of("getSignereIdSessionCompleted")) {
      const reply = await call({ method: "GET", path: recording.request.path });
      expect(reply.status, recording.file).toBe(recording.response.status);
      expect(reply.text, recording.file).toBe(
        typeof recording.response.body === "string"
          ? recording.response.body
          : JSON.stringify(recording.response.body),
      );
    }
  });

  it("answers an unknown RequestId with 404, and an id outside the spec's limit with 400", async () => {
    expect(
      (await call({ method: "GET", path: "/api/SignereId/Completed/NoSuchSession" })).status,
    ).toBe(404);
    const bad = await call({ method: "GET", path: "/api/SignereId/Completed/a%20b" });
    expect(bad.status).toBe(400);
  });
});

describe("invalidateSignereIdSession", () => {
  const put = (requestId: unknown) =>
    call({
      method: "PUT",
      path: "/api/SignereId/Invalidate",
      body: JSON.stringify({ RequestId: requestId }),
    });

  it("answers each recording by the RequestId of its body, signed over the body", async () => {
    expect(of("invalidateSignereIdSession").length).toBeGreaterThanOrEqual(6);
    for (const recording of of("invalidateSignereIdSession")) {
      const { RequestId } = recording.request.body as { RequestId: string };
      const reply = await put(RequestId);
      expect(reply.status, recording.file).toBe(recording.response.status);
      expect(reply.text, recording.file).toBe(String(recording.response.body));
    }
    expect((await put(VENDOR_ID)).text).toBe("");
  });

  it("answers an unknown RequestId with 404 and a bad one with 400", async () => {
    const unknown = await put("NoSuchSession");
    expect(unknown.status).toBe(404);
    expect(unknown.reason).toBe("No SignereID session with this RequestId");
    const bad = await put("../x");
    expect(bad.status).toBe(400);
    expect(bad.reason).toMatch(/requestBody\.RequestId must match pattern/);
  });

  it("says which methods a path takes", async () => {
    const reply = await call({ method: "DELETE", path: "/api/SignereId/Invalidate" });
    expect(reply.status).toBe(405);
    // GET too: the path is also a RequestId under /api/SignereId/{RequestId}.
    expect(reply.allow).toBe("GET, PUT");
  });
});
