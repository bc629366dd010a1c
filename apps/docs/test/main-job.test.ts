// The main job (scripts/start.mjs, what the README's first command runs after the build): it
// starts the sandbox, the docs site and the example app on 127.0.0.1, prints last the one URL to
// open to try the login flow, and stops all three on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const start = join(import.meta.dirname, "../../../scripts/start.mjs");
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill("SIGTERM");
});

/** Resolves once the process has printed a line matching `pattern`, with all its output. */
async function until(process: ChildProcess, pattern: RegExp, output = { text: "" }) {
  process.stdout?.setEncoding("utf8");
  while (!pattern.test(output.text)) {
    const [chunk] = (await Promise.race([
      once(process.stdout as NodeJS.ReadableStream, "data"),
      once(process, "exit"),
    ])) as [unknown];
    if (typeof chunk !== "string") throw new Error(`the main job exited:\n${output.text}`);
    output.text += chunk;
  }
  return output.text;
}

describe("the main job", () => {
  it("serves the sandbox, the docs site and the example app, and names the example URL last", async () => {
    child = spawn(process.execPath, [start], {
      env: {
        ...process.env,
        SIGNEREID_SANDBOX_PORT: "0",
        SIGNEREID_DOCS_PORT: "0",
        SIGNEREID_EXAMPLE_PORT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output = await until(child, /Try the login flow: open \S+\n/);
    const lines = output.trimEnd().split("\n");
    const exampleUrl = /^Try the login flow: open (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(
      lines.at(-1) ?? "",
    )?.[1];
    const sandboxUrl = /^SignereID sandbox {2}(http:\/\/127\.0\.0\.1:\d+)$/m.exec(output)?.[1];
    const docsUrl = /^API docs {11}(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output)?.[1];
    expect(exampleUrl).toBeDefined();
    expect(sandboxUrl).toBeDefined();
    expect(docsUrl).toBeDefined();
    expect(output).toContain('secondaryKey "demo-secondary-key"');
    // The banner comes after everything the services printed at start.
    expect(output.lastIndexOf("Example relying party on")).toBeLessThan(
      output.indexOf(`SignereID sandbox  ${sandboxUrl}`),
    );

    // All three answer: the example app's button leads to the sandbox's login page.
    const login = await fetch(new URL("/login", exampleUrl), {
      method: "POST",
      body: "provider=NO_BANKID_WEB",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(login.status).toBe(303);
    const loginPage = login.headers.get("location") ?? "";
    expect(loginPage.startsWith(`${sandboxUrl}/login/`)).toBe(true);
    expect(await (await fetch(loginPage)).text()).toContain('name="outcome"');
    const docs = await fetch(docsUrl as string);
    expect(docs.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await docs.text()).toContain("SignereID");

    // SIGTERM stops all three.
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
    for (const url of [exampleUrl, sandboxUrl, docsUrl]) {
      await expect(fetch(url as string)).rejects.toThrow();
    }
  }, 30_000);
});
