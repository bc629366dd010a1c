// For every recording of every operation, the client (through its package exports, as a
// consuming team uses it) calls a loopback server that checks the request against the recording
// (its signature by its own verifier, by the recipe of the method) and replays the response.
// Through the operation's method, the result (as JSON) or typed error must equal `expected`;
// through the raw client (an operation whose method is not there yet), the status and body must
// be the recorded ones.
import { createSignereIdClient, createSignereIdRawClient, SignereIdError } from "@signereid/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFor } from "../src/calls.js";
import { recordings } from "../src/recordings.js";
import { ACCOUNT, startReplayServer } from "../src/replay-server.js";

let server: Awaited<ReturnType<typeof startReplayServer>>;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());

const options = () => ({
  apiId: ACCOUNT.apiId,
  secondaryKey: ACCOUNT.secondaryKey,
  baseUrl: server.url,
  onDeprecation: false as const,
});

describe("the client against every recording", () => {
  it.each(recordings.map((r) => [r.file, r] as const))("%s", async (_file, recording) => {
    server.load(recording);
    const outcome = await callFor(
      createSignereIdClient(options()),
      createSignereIdRawClient(options()),
      recording,
    );
    expect(server.mismatches).toEqual([]);
    expect(server.requests()).toBeGreaterThanOrEqual(1);

    if (outcome.via === "raw") {
      const { body } = recording.response;
      expect(outcome.status).toBe(recording.response.status);
      expect(outcome.text).toBe(typeof body === "string" ? body : JSON.stringify(body));
      return;
    }
    const expected = recording.expected as { error?: Record<string, unknown> } | null;
    if (expected?.error) {
      const { error } = outcome.value as { error: SignereIdError };
      expect(error).toBeInstanceOf(SignereIdError);
      expect(error).toMatchObject(expected.error);
    } else {
      // As JSON: a Date is its ISO string, and nothing (a void method) is null.
      const value = outcome.value === undefined ? null : JSON.parse(JSON.stringify(outcome.value));
      expect(value).toEqual(recording.expected);
    }
  });
});
