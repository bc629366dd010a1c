// Issue 12: the whole login, in order, against the mock through the client over loopback HTTP:
// getServerTime → syncClock → createSignereIdSession → getSignereIdSessionCompleted →
// getSignereIdSession → invalidateSignereIdSession. The mock's clock runs 90 s ahead and allows
// only 10 s of skew, so the signed calls pass only once the client has taken the server's time.

import { createSignereIdClient } from "@signereid/client";
import { type LoadedRecording, loadRecordings } from "@signereid/openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNT, type MockApi, startMockApi } from "./helpers.js";

const AHEAD_MS = 90_000;
const recordings = loadRecordings();
const recorded = (file: string) => recordings.find((r) => r.file === file) as LoadedRecording;
const lines: string[] = [];
let mock: MockApi;
beforeAll(async () => {
  mock = await startMockApi({
    log: (line) => lines.push(line),
    now: () => Date.now() + AHEAD_MS,
    clockSkewSeconds: 10,
  });
});
afterAll(() => mock.close());

describe("the whole SignereID login against the mock", () => {
  it("runs in order through the client, each step answered as recorded", async () => {
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

    const create = recorded("create-session.json");
    const session = await client.createSignereIdSession(create.request.body as never);
    expect(session).toEqual(create.response.body);
    const requestId = session.RequestId as string;

    expect(await client.getSignereIdSessionCompleted(requestId)).toBe(true);
    const person = await client.getSignereIdSession(requestId, { metadata: true });
    expect(person).toEqual(recorded("vendor-example.json").expected);
    expect(await client.invalidateSignereIdSession(requestId)).toBeUndefined();

    // Six requests, in the order of a login, every one answered 200 (the log is method, path, status).
    expect(lines.map((line) => line.split(" ").slice(0, 3).join(" "))).toEqual([
      "GET /api/Status/ServerTime 200",
      "GET /api/Status/ServerTime 200",
      "POST /api/SignereId 200",
      `GET /api/SignereId/Completed/${requestId} 200`,
      `GET /api/SignereId/${requestId}?metadata=true 200`,
      "PUT /api/SignereId/Invalidate 200",
    ]);
  });
});
