// The code samples the docs show (x-codeSamples in the bundled spec) run against the mock API:
// the TypeScript one type-checks against @signereid/client and runs; the shell one really
// computes the signature with openssl and gets the session with curl.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { DEMO_ACCOUNT, type MockApi, startMockApi } from "@signereid/mock-api";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const bundle = JSON.parse(readFileSync(require.resolve("@signereid/openapi/openapi.json"), "utf8"));
const samples: { lang: string; label: string; source: string }[] =
  bundle.paths["/api/SignereId/{RequestId}"].get["x-codeSamples"];
const sample = (lang: string) => samples.find((s) => s.lang === lang)?.source ?? "";
// Inside the package, so that @signereid/client resolves as it does for a reader's project.
const workDir = join(import.meta.dirname, "..", "node_modules", ".code-samples");
const env = () => ({
  ...process.env,
  SIGNEREID_API_ID: DEMO_ACCOUNT.apiId,
  SIGNEREID_SECONDARY_KEY: DEMO_ACCOUNT.secondaryKey,
});

let mock: MockApi;
beforeAll(async () => {
  mock = await startMockApi({ log: false });
  mkdirSync(workDir, { recursive: true });
});
afterAll(() => mock.close());

describe("x-codeSamples", () => {
  it("are a TypeScript and a shell sample", () => {
    expect(samples.map((s) => s.lang)).toEqual(["TypeScript", "Shell"]);
  });

  it("TypeScript: type-checks against the client and gets the session from the mock", async () => {
    // The sample targets the vendor's test environment; pointing it at the mock is the one change.
    const source = sample("TypeScript").replace(
      'environment: "test", // or "production"',
      `baseUrl: "${mock.url}",`,
    );
    expect(source).toContain(mock.url);
    const file = join(workDir, "sample.mts");
    writeFileSync(file, source);
    const program = ts.createProgram([file], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      types: ["node"],
      noEmit: false,
      outDir: workDir,
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
    program.emit();
    const { stdout } = await promisify(execFile)(process.execPath, [join(workDir, "sample.mjs")], {
      env: env(),
    });
    expect(stdout.trim()).toBe("LOGIN NO_BANKID_WEB");
  });

  it("Shell: curl + openssl sign a request the mock accepts", async () => {
    const { stdout } = await promisify(execFile)("bash", ["-c", sample("Shell")], {
      env: { ...env(), BASE_URL: mock.url },
    });
    expect(JSON.parse(stdout)).toMatchObject({
      Name: "Stein Olav Hagen Davidsen",
      Status: "LOGIN",
    });
  });

  it("Shell: with a wrong key the mock refuses it (the signature really is checked)", async () => {
    const { stdout } = await promisify(execFile)(
      "bash",
      ["-c", `${sample("Shell").trimEnd()} -w '\\n%{http_code}'`],
      {
        env: { ...env(), BASE_URL: mock.url, SIGNEREID_SECONDARY_KEY: "wrong" },
      },
    );
    expect(stdout.trim().split("\n").pop()).toBe("401");
  });
});
