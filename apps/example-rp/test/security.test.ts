// Regression test for the security review's finding 2: no request may end the example app.
import { connect } from "node:net";
import { DEMO_ACCOUNT, startSandbox } from "@signereid/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExampleRp } from "../src/index.js";

const credentials = { apiId: DEMO_ACCOUNT.apiId, secondaryKey: DEMO_ACCOUNT.secondaryKey };
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let app: Awaited<ReturnType<typeof startExampleRp>>;
const lines: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: false });
  app = await startExampleRp({
    sandboxUrl: sandbox.url,
    credentials,
    // A log that fails on one route: an exception thrown after the request was handled.
    log: (line) => {
      if (line.includes("/explode")) throw new Error("the log is full");
      lines.push(line);
    },
  });
});
afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});

/** Writes `bytes` as they are (fetch would refuse this target) and reads until the app closes. */
function raw(bytes: string): Promise<string> {
  const { port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    let received = "";
    const socket = connect(Number(port), "127.0.0.1", () => socket.end(bytes, "latin1"));
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      received += chunk;
    });
    socket.on("end", () => resolve(received));
    socket.on("error", reject);
  });
}

describe("security 2: no request can crash the example app", () => {
  it("security 2: `GET http://[` (a target no URL can read) is a 400, and the app serves on", async () => {
    const answer = await raw("GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(lines).toContain("GET (unreadable target) 400");
    expect((await fetch(app.url)).status).toBe(200);
  });

  it("security 2: an exception thrown while answering ends that request only", async () => {
    await expect(fetch(new URL("/explode", app.url))).rejects.toThrow();
    expect((await fetch(app.url)).status).toBe(200);
  });
});
