// The main job (scripts/start.mjs, what the README's first command runs after the build): it
// starts the mock API and the docs site on 127.0.0.1 and prints how to call the mock.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const start = join(import.meta.dirname, "../../../scripts/start.mjs");
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill("SIGTERM");
});

describe("the main job", () => {
  it("serves the mock API and the docs site, and prints the snippet", async () => {
    child = spawn(process.execPath, [start], {
      env: { ...process.env, SIGNEREID_MOCK_PORT: "0", SIGNEREID_DOCS_PORT: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout?.setEncoding("utf8");
    while (!(output.includes("docs on") && output.includes("console.log(session.Status"))) {
      const [chunk] = (await Promise.race([
        once(child.stdout as NodeJS.ReadableStream, "data"),
        once(child, "exit"),
      ])) as [unknown];
      if (typeof chunk !== "string") throw new Error(`the main job exited:\n${output}`);
      output += chunk;
    }
    const mockUrl = /mock API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    const docsUrl = /API docs on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
    expect(mockUrl).toBeDefined();
    expect(docsUrl).toBeDefined();
    expect((await fetch(`${mockUrl}/api/SignereId/x?metadata=true`)).status).toBe(400);
    const docs = await fetch(docsUrl as string);
    expect(docs.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await docs.text()).toContain("SignereID");
    expect(output).toContain('import { createSignereIdClient } from "@signereid/client";');
  }, 30_000);
});
