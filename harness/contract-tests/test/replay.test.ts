// For every recording, the client (through its package exports, as a consuming team uses it)
// calls a loopback server that checks the request against the recording and replays the
// response; the client's result, or its typed error, must equal the recording's `expected`.
import { createSignereIdClient, SignereIdError } from "@signereid/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordings } from "../src/recordings.js";
import { ACCOUNT, startReplayServer } from "../src/replay-server.js";

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
    const requestId = recording.request.path.split("/").pop() as string;
    const outcome = await client
      .getSignereIdSession(requestId, {
        metadata: recording.request.query.metadata === "true",
        format: recording.request.headers.Accept === "application/xml" ? "xml" : "json",
      })
      .catch((error: unknown) => ({ error }));

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
