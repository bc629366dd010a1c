// No error, log line or inspect() output may contain the API key, a token or a national id
// number. Every kind of error the client throws is produced here and searched.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createSignereIdClient } from "../src/index.js";
import {
  everythingShown,
  options,
  REQUEST_ID,
  SECONDARY_KEY,
  SSN,
  sendJson,
  startServer,
  VENDOR_SESSION,
} from "./helpers.js";

let server: Awaited<ReturnType<typeof startServer>>;
const tokens: string[] = [];

beforeAll(async () => {
  server = await startServer((req, res) => {
    tokens.push(String(req.headers["api-token"]));
    const scenario = new URL(req.url).pathname.split("/").pop();
    const echo = `token ${req.headers["api-token"]} for ${SSN} key ${SECONDARY_KEY}`;
    switch (scenario) {
      case "echo401":
        res.writeHead(401, { "x-error-reason": echo, "x-debug": `${SSN}` });
        return res.end(echo);
      case "echo500":
        return sendJson(res, 500, { Message: echo, Ssn: "230712 12345" });
      case "badjson":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(`{"SocialSecurityNumber":"${SSN}",`);
      case "badshape":
        return sendJson(res, 200, { SocialSecurityNumber: Number(SSN) });
      case "badxml":
        res.writeHead(200, { "content-type": "application/xml" });
        return res.end(`<SignereIdResponse><SocialSecurityNumber>${SSN}</SignereIdResponse>`);
      case "hang":
        return;
      default:
        return sendJson(res, 200, VENDOR_SESSION);
    }
  });
});
afterAll(() => server.close());

async function errorFor(requestId: string, extra: Record<string, unknown> = {}) {
  const client = createSignereIdClient(
    options(server.url, { maxRetries: 0, timeoutMs: 200, ...extra }),
  );
  return client.getSignereIdSession(requestId).then(
    () => {
      throw new Error("expected an error");
    },
    (error: unknown) => error,
  );
}

describe("secrets never appear", () => {
  it.each(["echo401", "echo500", "badjson", "badshape", "badxml", "hang"])(
    "in the error for %s",
    async (scenario) => {
      const error = await errorFor(scenario);
      const shown = everythingShown(error);
      expect(shown).not.toContain(SECONDARY_KEY);
      expect(shown).not.toContain(SSN);
      expect(shown).not.toContain("230712 12345");
      for (const token of tokens) expect(shown).not.toContain(token);
    },
  );

  it("in a network error", async () => {
    const closed = await startServer(() => {});
    await closed.close();
    const client = createSignereIdClient(options(closed.url, { maxRetries: 0 }));
    const shown = everythingShown(await client.getSignereIdSession(REQUEST_ID).catch((e) => e));
    expect(shown).not.toContain(SECONDARY_KEY);
  });

  it("in a validation error for a key or an id", () => {
    const errors: unknown[] = [];
    for (const input of [
      { secondaryKey: ` ${SECONDARY_KEY}` },
      { primaryKey: SECONDARY_KEY },
      { algorithm: SECONDARY_KEY },
    ]) {
      try {
        createSignereIdClient(options(server.url, input) as never);
      } catch (error) {
        errors.push(error);
      }
    }
    expect(errors).toHaveLength(3);
    for (const error of errors) expect(everythingShown(error)).not.toContain(SECONDARY_KEY);
  });

  it("in the client object itself, and nothing is logged", async () => {
    const log = vi.spyOn(console, "log");
    const warn = vi.spyOn(console, "warn");
    const error = vi.spyOn(console, "error");
    const client = createSignereIdClient(options(server.url));
    await client.getSignereIdSession(REQUEST_ID);
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(SECONDARY_KEY);
    expect(JSON.stringify(client)).not.toContain(SECONDARY_KEY);
    expect(log).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});
