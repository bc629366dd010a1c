// The client on every runtime it claims, each taken from the npm registry (npx), against the
// mock API on 127.0.0.1. Run by .ci/run (pnpm test:runtimes), not by the everyday test command,
// because the first run downloads four runtimes.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { type Sandbox, startSandbox } from "@signereid/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const smoke = join(import.meta.dirname, "../src/smoke.mjs");
const npx = (pkg: string, ...args: string[]) => ["npx", ["-y", pkg, ...args]] as const;
const RUNTIMES: [string, readonly [string, readonly string[]]][] = [
  ["Node 20 (this one)", [process.execPath, [smoke]]],
  ["Node 22", npx("node@22", smoke)],
  ["Node 24", npx("node@24", smoke)],
  ["Bun", npx("bun", smoke)],
  ["Deno", npx("deno", "run", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", smoke)],
];

let mock: Sandbox;
beforeAll(async () => {
  mock = await startSandbox({ log: false });
});
afterAll(() => mock.close());

describe("a signed JSON and XML call", () => {
  it.each(RUNTIMES)(
    "on %s",
    async (_name, [command, args]) => {
      const { stdout } = await promisify(execFile)(command, [...args, mock.url], {
        cwd: join(import.meta.dirname, ".."),
        env: { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DENO_NO_PROMPT: "1" },
        maxBuffer: 10 * 1024 * 1024,
      });
      const result = JSON.parse(stdout.trim().split("\n").pop() ?? "");
      expect(result).toEqual({
        json: "Stein Olav Hagen Davidsen",
        xml: "Stein Olav Hagen Davidsen",
        metaData: 2,
        same: true,
      });
    },
    300_000,
  );
});
