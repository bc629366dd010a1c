// The example app's command as a person runs it (a child process of dist/cli.js): --help and
// --version, refused input with its usage, a taken port named with how to move it, and the
// whole app still under 200 lines, as its README promises.
import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { DEMO_ACCOUNT, startSandbox } from "@signereid/sandbox";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const cli = join(root, "dist", "cli.js");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const account = {
  SIGNEREID_API_ID: DEMO_ACCOUNT.apiId,
  SIGNEREID_SECONDARY_KEY: DEMO_ACCOUNT.secondaryKey,
};

/** Runs the CLI to its exit with only the given environment (plus PATH), never a shell's. */
async function run(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      timeout: 10_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: unknown; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:|node:internal/);

describe("signereid-example-rp", () => {
  it("answers --help with its usage and every variable it reads, exit 0", async () => {
    const { code, stdout, stderr } = await run(["--help"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^Usage: signereid-example-rp/);
    for (const name of [
      "SIGNEREID_API_ID",
      "SIGNEREID_SECONDARY_KEY",
      "SIGNEREID_BASE_URL",
      "SIGNEREID_EXAMPLE_PORT",
    ]) {
      expect(stdout).toContain(name);
    }
  });

  it("answers --version with the package's version, exit 0", async () => {
    const { code, stdout } = await run(["--version"], account);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  it("refuses an unknown flag, or --help with more, with the usage on stderr, exit 2", async () => {
    for (const args of [["--port", "4012"], ["--help", "--verbose"], ["-x"]]) {
      const { code, stdout, stderr } = await run(args, account);
      expect(code, args.join(" ")).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain(`Unknown arguments ${JSON.stringify(args.join(" "))}`);
      expect(stderr).toContain("Usage: signereid-example-rp");
      noStack(stderr);
    }
  });

  it("refuses missing credentials and a bad port before it starts, exit 2", async () => {
    const missing = await run([], { SIGNEREID_API_ID: DEMO_ACCOUNT.apiId });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Set both SIGNEREID_API_ID and SIGNEREID_SECONDARY_KEY.");
    for (const port of ["65536", "abc", "-1", ""]) {
      const bad = await run([], { ...account, SIGNEREID_EXAMPLE_PORT: port });
      expect(bad.code, port).toBe(2);
      expect(bad.stderr).toContain(`SIGNEREID_EXAMPLE_PORT must be a port from 0 to 65535`);
      noStack(bad.stderr);
    }
  });

  it("names a taken port and how to move it, exit 1, no stack trace", async () => {
    const taken = createServer();
    await once(taken.listen(0, "127.0.0.1"), "listening");
    const { port } = taken.address() as { port: number };
    try {
      const { code, stdout, stderr } = await run([], {
        ...account,
        SIGNEREID_EXAMPLE_PORT: String(port),
      });
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr.trim()).toBe(
        `Port ${port} on 127.0.0.1 is in use: stop what uses it, or set SIGNEREID_EXAMPLE_PORT to another (0 picks a free one).`,
      );
    } finally {
      taken.close();
    }
  });

  it("starts against SIGNEREID_BASE_URL and sends the browser to that sandbox", async () => {
    const sandbox = await startSandbox({ port: 0, log: false });
    const app = spawn(process.execPath, [cli], {
      env: {
        PATH: process.env.PATH ?? "",
        ...account,
        SIGNEREID_EXAMPLE_PORT: "0",
        SIGNEREID_BASE_URL: sandbox.url,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      let output = "";
      app.stdout.setEncoding("utf8");
      while (!/on (http\S+)/.test(output)) {
        const [chunk] = await Promise.race([once(app.stdout, "data"), once(app, "exit")]);
        if (typeof chunk !== "string") throw new Error(`the app exited: ${output}`);
        output += chunk;
      }
      const url = /on (http\S+)/.exec(output)?.[1] ?? "";
      const login = await fetch(new URL("/login", url), {
        method: "POST",
        body: "provider=NO_BANKID_WEB",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        redirect: "manual",
      });
      expect(login.status).toBe(303);
      expect(login.headers.get("location")).toMatch(new RegExp(`^${sandbox.url}/login/`));
    } finally {
      if (app.exitCode === null) {
        app.kill("SIGTERM");
        await once(app, "exit");
      }
      await sandbox.close();
    }
  });

  it("keeps the app (src/, the CLI included) under 200 lines, as the README says", () => {
    const dir = join(root, "src");
    const lines = readdirSync(dir).reduce(
      (sum, file) => sum + readFileSync(join(dir, file), "utf8").trimEnd().split("\n").length,
      0,
    );
    expect(lines).toBeLessThan(200);
  });
});
