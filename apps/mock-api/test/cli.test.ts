// The runnable mock, as a person starts it, and the example snippet the main job prints.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
});

/** Starts the CLI and resolves with its first lines once it prints its URL. */
async function startCli(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [join(root, "dist/cli.js"), "--port", "0"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout.setEncoding("utf8");
  while (!output.includes("Press Ctrl+C to stop.")) {
    const [chunk] = (await Promise.race([once(child.stdout, "data"), once(child, "exit")])) as [
      string,
    ];
    if (typeof chunk !== "string") throw new Error(`the mock exited: ${output}`);
    output += chunk;
  }
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] as string;
  return { child, output, url };
}

describe("signereid-mock-api", () => {
  it("prints its URL, the demo credentials and the RequestIds it serves", async () => {
    const { output, url } = await startCli();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toContain(
      'demo credentials: apiId de0de0de-0000-4000-8000-000000000001, secondaryKey "demo-secondary-key"',
    );
    expect(output).toMatch(
      / {4}3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2 {2}.*The vendor's documented example/,
    );
    expect(output).toMatch(/ {4}mThoiMogBLGPAniTxjzWckIlrldZwwhGKLnpiUS7lHAkQ {2}A 404 error/);
  });

  it("runs the example snippet against it", async () => {
    const { url } = await startCli();
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(root, "examples/call-the-mock.mjs")],
      {
        env: { ...process.env, SIGNEREID_BASE_URL: url },
      },
    );
    expect(stdout.trim()).toBe("LOGIN NO_BANKID_WEB 2");
    expect(stderr).toContain("DeprecationWarning");
  });

  it("takes credentials from the environment and never prints the keys", async () => {
    const { output } = await startCli({
      SIGNEREID_MOCK_API_ID: "ABCDEF01-0000-4000-8000-000000000009",
      SIGNEREID_MOCK_SECONDARY_KEY: "env-secret-secondary",
      SIGNEREID_MOCK_PRIMARY_KEY: "env-secret-primary",
    });
    expect(output).toContain("API-ID abcdef01-0000-4000-8000-000000000009");
    expect(output).not.toContain("env-secret");
  });

  it("refuses a bad port with usage", async () => {
    const error = await promisify(execFile)(process.execPath, [
      join(root, "dist/cli.js"),
      "--port",
      "http",
    ]).catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(/Usage/);
  });
});
