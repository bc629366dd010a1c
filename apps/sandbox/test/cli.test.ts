// The runnable mock, as a person starts it, and the example snippet the main job prints.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { defaultRecordingsDirForTests } from "./helpers.js";

const root = join(import.meta.dirname, "..");
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGTERM");
});

/** The environment without any SIGNEREID_SANDBOX_* or SIGNEREID_MOCK_* variable the caller's shell may have set. */
function cleanEnv(env: Record<string, string>) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith("SIGNEREID_MOCK_") && !name.startsWith("SIGNEREID_SANDBOX_"),
    ),
  );
  return { ...base, ...env };
}

/** Starts the CLI and resolves with its first lines once it prints its URL. */
async function startCli(env: Record<string, string> = {}, args = ["--port", "0"]) {
  const child = spawn(process.execPath, [join(root, "dist/cli.js"), ...args], {
    env: cleanEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout.setEncoding("utf8");
  // The banner ends with the line that calls invalidate.
  while (!/invalidateSignereIdSession\([^\n]*\n/.test(output)) {
    const [chunk] = (await Promise.race([once(child.stdout, "data"), once(child, "exit")])) as [
      string,
    ];
    if (typeof chunk !== "string") throw new Error(`the mock exited: ${output}`);
    output += chunk;
  }
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] as string;
  return { child, output, url };
}

describe("signereid-sandbox", () => {
  it("prints its URL, the demo credentials and the RequestIds it serves", async () => {
    const { output, url } = await startCli();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output).toContain(
      'demo credentials: apiId de0de0de-0000-4000-8000-000000000001, secondaryKey "demo-secondary-key"',
    );
    // The title comes from the recording, whose wording is the spec's, not this test's.
    const { title } = JSON.parse(
      readFileSync(join(defaultRecordingsDirForTests(), "vendor-example.json"), "utf8"),
    );
    expect(output).toContain(`    3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2  `);
    expect(output).toContain(title);
    expect(output).toMatch(/ {4}mThoiMogBLGPAniTxjzWckIlrldZwwhGKLnpiUS7lHAkQ {2}A 404 error/);
  });

  it("ends its banner with one short line per operation, in the order of a login", async () => {
    const { output } = await startCli();
    const lines = output.trimEnd().split("\n").slice(-5);
    const order = [
      "getServerTime()",
      "createSignereIdSession({",
      'getSignereIdSessionCompleted("3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2")',
      'getSignereIdSession("3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2", { metadata: true })',
      'invalidateSignereIdSession("3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2")',
    ];
    for (const [index, call] of order.entries()) {
      expect(lines[index]).toContain(`await client.${call}`);
      expect(lines[index]?.length).toBeLessThanOrEqual(120);
    }
  });

  it("runs the example snippet against it", async () => {
    const { url } = await startCli();
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(root, "examples/call-the-sandbox.mjs")],
      {
        env: { ...process.env, SIGNEREID_BASE_URL: url },
      },
    );
    expect(stdout.trim()).toBe("LOGIN NO_BANKID_WEB 2");
    expect(stderr).toContain("DeprecationWarning");
  });

  it("takes credentials from the environment and never prints the keys", async () => {
    const { output } = await startCli({
      SIGNEREID_SANDBOX_API_ID: "ABCDEF01-0000-4000-8000-000000000009",
      SIGNEREID_SANDBOX_SECONDARY_KEY: "env-secret-secondary",
      SIGNEREID_SANDBOX_PRIMARY_KEY: "env-secret-primary",
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

/** Runs the CLI to its end; the mock must refuse before it listens, so this never hangs. */
async function runCli(args: string[], env: Record<string, string> = {}) {
  const result = await promisify(execFile)(process.execPath, [join(root, "dist/cli.js"), ...args], {
    env: cleanEnv(env),
    timeout: 10_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );
  // Whatever went wrong, never a stack trace and never a listening mock.
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).not.toContain("listening on");
  return result;
}

/** A port some other server on 127.0.0.1 holds, until `release`. */
async function takenPort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { port, release: () => new Promise((resolve) => server.close(resolve)) };
}

describe("item 12: credentials from the environment are all or nothing", () => {
  const KEYS = {
    SIGNEREID_SANDBOX_API_ID: "abcdef01-0000-4000-8000-000000000009",
    SIGNEREID_SANDBOX_PRIMARY_KEY: "env-secret-primary",
    SIGNEREID_SANDBOX_SECONDARY_KEY: "env-secret-secondary",
  };
  it.each([
    [
      ["SIGNEREID_SANDBOX_PRIMARY_KEY"],
      ["SIGNEREID_SANDBOX_API_ID", "SIGNEREID_SANDBOX_SECONDARY_KEY"],
    ],
    [
      ["SIGNEREID_SANDBOX_API_ID", "SIGNEREID_SANDBOX_SECONDARY_KEY"],
      ["SIGNEREID_SANDBOX_PRIMARY_KEY"],
    ],
    [
      ["SIGNEREID_SANDBOX_API_ID"],
      ["SIGNEREID_SANDBOX_PRIMARY_KEY", "SIGNEREID_SANDBOX_SECONDARY_KEY"],
    ],
  ])(
    "item 12: with only %j set the mock refuses to start, naming set and missing",
    async (set, missing) => {
      const env = Object.fromEntries(set.map((name) => [name, KEYS[name as keyof typeof KEYS]]));
      const { code, stderr } = await runCli(["--port", "0"], env);
      expect(code).toBe(2);
      expect(stderr).toMatch(/all or nothing/);
      const [setPart, missingPart] = stderr.split(" but ");
      for (const name of set) expect(setPart).toContain(name);
      for (const name of missing) expect(missingPart).toContain(name);
      expect(stderr).not.toContain("env-secret");
      expect(stderr).not.toContain("demo-");
    },
  );

  it("item 12: an empty variable counts as missing, not as an empty key", async () => {
    const { code, stderr } = await runCli(["--port", "0"], {
      ...KEYS,
      SIGNEREID_SANDBOX_SECONDARY_KEY: "",
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/but SIGNEREID_SANDBOX_SECONDARY_KEY is missing or empty/);
    expect(stderr).not.toContain("env-secret");
  });
});

describe("item 14: the CLI validates its options strictly", () => {
  it.each(["Infinity", "", "-1", "1e3", "86401", "30.5", "abc"])(
    "item 14: --clock-skew %j is refused with a message and exit 2",
    async (value) => {
      const { code, stderr } = await runCli(["--port", "0", `--clock-skew=${value}`]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/--clock-skew must be a whole number of seconds from 0 to 86400/);
    },
  );

  it.each(["", "-1", "65536", "0x10", "80.5"])(
    "item 14: --port %j is refused with exit 2",
    async (value) => {
      const { code, stderr } = await runCli([`--port=${value}`]);
      expect(code).toBe(2);
      expect(stderr).toMatch(/--port must be a port number from 0 to 65535/);
    },
  );

  it("item 14: a port in use names the port and the flag and variable that move it, exit 1", async () => {
    const { port, release } = await takenPort();
    try {
      const { code, stderr } = await runCli(["--port", String(port)]);
      expect(code).toBe(1);
      expect(stderr).toContain(`Port ${port} on 127.0.0.1 is already in use (from --port)`);
      expect(stderr).toMatch(/--port <n> or SIGNEREID_SANDBOX_PORT=<n>/);
    } finally {
      await release();
    }
  });

  it("item 14: SIGNEREID_SANDBOX_PORT moves the mock (the root README promises it)", async () => {
    const { port, release } = await takenPort();
    await release();
    const { url } = await startCli({ SIGNEREID_SANDBOX_PORT: String(port) }, []);
    expect(url).toBe(`http://127.0.0.1:${port}`);
    // --port wins over the variable.
    const { url: flagged } = await startCli({ SIGNEREID_SANDBOX_PORT: String(port) }, [
      "--port",
      "0",
    ]);
    expect(flagged).not.toBe(`http://127.0.0.1:${port}`);
  });

  it("item 14: a taken SIGNEREID_SANDBOX_PORT is reported as such", async () => {
    const { port, release } = await takenPort();
    try {
      const { code, stderr } = await runCli([], { SIGNEREID_SANDBOX_PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr).toContain(
        `Port ${port} on 127.0.0.1 is already in use (from SIGNEREID_SANDBOX_PORT)`,
      );
    } finally {
      await release();
    }
  });

  it("item 14: an unknown option gets usage and exit 2, not a stack trace", async () => {
    const { code, stderr } = await runCli(["--prot", "4010"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown option '--prot'[\s\S]*Usage: signereid-sandbox/);
  });

  it("item 14: --help prints the usage and exits 0 without starting", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: signereid-sandbox/);
    expect(stdout).toContain("SIGNEREID_SANDBOX_PORT");
  });

  it.each([
    ["--ttl", "0", /--ttl must be a whole number of seconds from 1 to 86400/],
    ["--ttl", "1.5", /--ttl must be a whole number/],
    [
      "--max-sessions",
      "0",
      /--max-sessions must be a whole number from 1 to 50000 \(at worst 20 KiB a session, 50000 sessions fit the sandbox.s 1 GiB budget\)/,
    ],
    ["--max-sessions", "1e6", /--max-sessions must be a whole number/],
    ["--public-url", "ftp://x", /--public-url must be an origin/],
    ["--public-url", "http://x/path", /--public-url must be an origin/],
  ])("issue 13: %s %j is refused with a message and exit 2", async (flag, value, message) => {
    const { code, stderr } = await runCli(["--port", "0", `${flag}=${value}`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("issue 13: the old SIGNEREID_MOCK_* names still work, with a deprecation line", async () => {
    const { port, release } = await takenPort();
    await release();
    const child = spawn(process.execPath, [join(root, "dist/cli.js")], {
      env: cleanEnv({ SIGNEREID_MOCK_PORT: String(port) }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    child.stderr.setEncoding("utf8");
    child.stdout.setEncoding("utf8");
    const [line] = (await once(child.stderr, "data")) as [string];
    expect(line).toContain("SIGNEREID_MOCK_PORT is deprecated: use SIGNEREID_SANDBOX_PORT.");
    let out = "";
    while (!out.includes("listening on"))
      out += ((await once(child.stdout, "data")) as [string])[0];
    expect(out).toContain(`http://127.0.0.1:${port}`);
  });

  it("issue 13: the banner says where sessions log in, their TTL and the cap", async () => {
    const { output, url } = await startCli({}, [
      "--port",
      "0",
      "--ttl",
      "120",
      "--max-sessions",
      "50",
    ]);
    expect(output).toContain(`${url}/login/<RequestId>`);
    expect(output).toContain("they live 120 s, at most 50 at a time");
  });

  it("item 14: --version prints the package's version and exits 0", async () => {
    const { code, stdout } = await runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(
      JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version,
    );
  });
});
