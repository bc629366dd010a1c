// For every recording, the client (through its package exports, as a consuming team uses it)
// calls a loopback server that checks the request against the recording and replays the
// response; the client's result, or its typed error, must equal the recording's `expected`.
import { createSignereIdClient, SignereIdError } from "@signereid/client";
import type { LoadedRecording } from "@signereid/openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordings } from "../src/recordings.js";
import { ACCOUNT, startReplayServer } from "../src/replay-server.js";

type Call = (
  client: ReturnType<typeof createSignereIdClient>,
  recording: LoadedRecording,
) => Promise<unknown>;

/** How each operation is called from a recording's request: its parameters, by their names. */
const CALLS: Record<string, Call> = {
  getSignereIdSession: (client, { request }) => {
    const match = /^\/api\/SignereId\/([^/]+)$/.exec(request.path);
    return client.getSignereIdSession(decodeURIComponent(match?.[1] ?? ""), {
      metadata: request.query.metadata === "true",
      format: request.headers.Accept === "application/xml" ? "xml" : "json",
    });
  },
};

let server: Awaited<ReturnType<typeof startReplayServer>>;
beforeAll(async () => {
  server = await startReplayServer();
});
afterAll(() => server.close());

describe("the client against every recording", () => {
  it.each(recordings.map((r) => [r.file, r] as const))("%s", async (_file, recording) => {
    server.load(recording);
    const client = createSignereIdClient({
      apiId: ACCOUNT.apiId,
      secondaryKey: ACCOUNT.secondaryKey,
      baseUrl: server.url,
      onDeprecation: false,
    });
    const call = CALLS[recording.operationId];
    expect(call, `no contract call for the operation ${recording.operationId}`).toBeDefined();
    const outcome = await (call as Call)(client, recording).catch((error: unknown) => ({ error }));

    expect(server.mismatches).toEqual([]);
    const expected = recording.expected as { error?: Record<string, unknown> };
    if (expected.error) {
      const { error } = outcome as { error: SignereIdError };
      expect(error).toBeInstanceOf(SignereIdError);
      expect(error).toMatchObject(expected.error);
    } else {
      expect(outcome).toEqual(recording.expected);
    }
  });
});
