// Attack review 2: the raw client's signal handling and its JSON failures, the size-cap message.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { createSignereIdRawClient, SignereIdError } from "../src/index.js";
import { API_ID, loopbackServers, REQUEST_ID, SECONDARY_KEY, SSN, sendJson } from "./helpers.js";

const serve = loopbackServers();
const options = (baseUrl: string, extra = {}) => ({
  apiId: API_ID,
  secondaryKey: SECONDARY_KEY,
  baseUrl,
  onDeprecation: false as const,
  ...extra,
});

describe("attack: raw client", () => {
  it("attack: raw calls under a long-lived client signal leave nothing behind on it", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const server = await serve((_, res) =>
      sendJson(res, 200, { ServerTime: "2024-01-01T00:00:00" }),
    );
    const shutdown = new AbortController();
    const raw = createSignereIdRawClient(options(server.url, { signal: shutdown.signal }));
    for (let i = 0; i < 500; i++) await raw.GET("/api/Status/ServerTime");
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
    // Node 20's AbortSignal.any keeps a WeakRef per combined signal on each source, never pruned
    // (nodejs/node#55351): one per raw call on the client's signal, for the process's life.
    const key = Object.getOwnPropertySymbols(shutdown.signal).find(
      (symbol) => symbol.description === "kDependantSignals",
    );
    const dependants = key
      ? (shutdown.signal as never as Record<symbol, Set<unknown>>)[key]
      : undefined;
    expect(dependants?.size ?? 0).toBeLessThan(50);
  });

  it("attack: a 200 whose body is not JSON rejects with a SignereIdError quoting no personal number", async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`nope ${SSN}`);
    });
    const raw = createSignereIdRawClient(options(server.url));
    const failure = await raw
      .GET("/api/SignereId/{RequestId}", {
        params: { path: { RequestId: REQUEST_ID }, query: { metadata: false } },
      })
      .then(
        () => undefined,
        (error: unknown) => error as Error,
      );
    expect(failure).toBeInstanceOf(SignereIdError);
    expect(failure?.message).not.toMatch(/\d{6,}/);
  });
});

describe("attack: size cap", () => {
  it("attack: the too-large message carries no 6+ digit number", async () => {
    const server = await serve((_, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("x".repeat(2_000_000));
    });
    const raw = createSignereIdRawClient(options(server.url));
    const failure = await raw.GET("/api/Status/ServerTime").then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure).toBeInstanceOf(SignereIdError);
    expect(failure?.message).not.toMatch(/\d{6,}/);
  });
});
