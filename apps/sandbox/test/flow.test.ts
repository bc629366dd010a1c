// Issue 12: the whole login, in order, against the sandbox through the client over loopback HTTP:
// getServerTime → syncClock → createSignereIdSession → (the login, completed in process) →
// getSignereIdSessionCompleted → getSignereIdSession → invalidateSignereIdSession. The sandbox's
// clock runs 90 s ahead and allows only 10 s of skew, so the signed calls pass only once the
// client has taken the server's time. Even the recording's own create body starts a fresh session
// on the sandbox's login page: nothing sends the browser off this machine.

import { createRequire } from "node:module";
import { createSignereIdClient, SignereIdApiError } from "@signereid/client";
import { type LoadedRecording, loadRecordings } from "@signereid/openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERSONS } from "../src/persons.js";
import { DEMO_ACCOUNT, type Sandbox, startSandbox } from "./helpers.js";

const AHEAD_MS = 90_000;
const recordings = loadRecordings();
const recorded = (file: string) => recordings.find((r) => r.file === file) as LoadedRecording;
const bundle: { components: { schemas: { RequestId: { pattern: string; maxLength: number } } } } =
  createRequire(import.meta.url)("@signereid/openapi/openapi.json");
const REQUEST_ID = bundle.components.schemas.RequestId;
const lines: string[] = [];
let mock: Sandbox;
beforeAll(async () => {
  mock = await startSandbox({
    log: (line) => lines.push(line),
    now: () => Date.now() + AHEAD_MS,
    clockSkewSeconds: 10,
  });
});
afterAll(() => mock.close());

describe("the whole SignereID login against the sandbox", () => {
  it("runs in order through the client: a fresh session for the recorded create body, then its login", async () => {
    const client = createSignereIdClient({
      apiId: DEMO_ACCOUNT.apiId,
      primaryKey: DEMO_ACCOUNT.primaryKey,
      baseUrl: mock.url,
      onDeprecation: false,
      maxRetries: 0,
    });

    const { time, raw } = await client.getServerTime();
    expect(raw).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(Math.abs(time.getTime() - (Date.now() + AHEAD_MS))).toBeLessThan(5_000);

    const offset = await client.syncClock();
    expect(Math.abs(offset - AHEAD_MS)).toBeLessThan(5_000);
    expect(client.clockOffsetMs).toBe(offset);

    // The recording's exact create body: a fresh session all the same, not the recorded answer.
    const create = recorded("create-session.json");
    const recordedAnswer = create.response.body as { RequestId: string; Url: string };
    const session = await client.createSignereIdSession(create.request.body as never);
    const requestId = session.RequestId as string;
    expect(requestId).toMatch(new RegExp(REQUEST_ID.pattern));
    expect(requestId.length).toBeLessThanOrEqual(REQUEST_ID.maxLength);
    expect(requestId).not.toBe(recordedAnswer.RequestId);
    expect(session.Url).toBe(`${mock.url}/login/${requestId}`);
    expect(session.Url?.startsWith(`${mock.url}/login/`)).toBe(true);
    expect(session).toMatchObject({ Status: "UNKNOWN" });
    const again = await client.createSignereIdSession(create.request.body as never);
    expect(again.RequestId).not.toBe(requestId);

    expect(await client.getSignereIdSessionCompleted(requestId)).toBe(false);
    mock.completeSession(requestId, { outcome: "login", personId: "no-web-1" });
    expect(await client.getSignereIdSessionCompleted(requestId)).toBe(true);
    const chosen = PERSONS.find((p) => p.id === "no-web-1");
    const person = await client.getSignereIdSession(requestId, { metadata: true });
    expect(person).toMatchObject({
      Name: chosen?.Name,
      Status: "LOGIN",
      IdentityProvider: "NO_BANKID_WEB",
      MetaData: [{ Key: "sandbox.person.id", Value: "no-web-1" }],
    });
    expect(await client.invalidateSignereIdSession(requestId)).toBeUndefined();
    const gone = await client.getSignereIdSession(requestId).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(SignereIdApiError);
    expect((gone as SignereIdApiError).status).toBe(404);

    // The requests in the order of a login (the log is method, route template, status: no id).
    expect(lines.map((line) => line.split(" ").slice(0, 3).join(" "))).toEqual([
      "GET /api/Status/ServerTime 200",
      "GET /api/Status/ServerTime 200",
      "POST /api/SignereId 200",
      "POST /api/SignereId 200",
      "GET /api/SignereId/Completed/{RequestId} 200",
      "GET /api/SignereId/Completed/{RequestId} 200",
      "GET /api/SignereId/{RequestId} 200",
      "PUT /api/SignereId/Invalidate 200",
      "GET /api/SignereId/{RequestId} 404",
    ]);
  });
});
