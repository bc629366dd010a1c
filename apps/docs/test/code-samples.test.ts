// The code samples the docs show (x-codeSamples in the bundled spec) run against the mock API, for
// every operation: the TypeScript ones type-check against @signereid/client and run; the shell
// ones really compute the signature with openssl (over the URL for a GET, over the body for a
// POST or PUT) and call the mock with curl; the server-time one is unsigned.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadRecording } from "@signereid/openapi";
import { DEMO_ACCOUNT, type Sandbox, startSandbox } from "@signereid/sandbox";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const run = promisify(execFile);
const bundle = JSON.parse(readFileSync(require.resolve("@signereid/openapi/openapi.json"), "utf8"));
type Sample = { lang: string; label: string; source: string };
type Operation = { operationId: string; security?: unknown[]; "x-codeSamples"?: Sample[] };
const operations: Operation[] = Object.values(
  bundle.paths as Record<string, Record<string, Operation>>,
).flatMap((item) => Object.values(item).filter((op) => op?.operationId));
const samplesOf = (operationId: string) =>
  operations.find((op) => op.operationId === operationId)?.["x-codeSamples"] ?? [];
const sample = (operationId: string, lang: string) =>
  samplesOf(operationId).find((s) => s.lang === lang)?.source ?? "";

const created = loadRecording("create-session.json").response.body as { RequestId: string };
const session = loadRecording("vendor-example.json").response.body as Record<string, unknown>;

/** The mock answers the server time with its own clock, in the vendor's format: check it is now. */
function expectNow(raw: string) {
  expect(raw).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  expect(Math.abs(Date.parse(`${raw}Z`) - Date.now())).toBeLessThan(60_000);
}

/**
 * What each sample prints when the mock serves its recording. `shell` is curl's output, with the
 * status code on a last line; `signed` says whether a wrong key must be refused.
 */
const EXPECTED: Record<
  string,
  { ts: string | ((out: string) => void); shell: (out: string) => void; signed: boolean }
> = {
  getServerTime: {
    ts: (out) => {
      const [iso, raw = ""] = out.split(" ");
      expectNow(raw);
      expect(iso).toBe(`${raw}.000Z`);
    },
    shell: (out) => {
      const [body, status] = splitStatus(out);
      expect(status).toBe("200");
      expectNow(JSON.parse(body));
    },
    signed: false,
  },
  createSignereIdSession: {
    ts: (out) => {
      const [requestId = "", url] = out.split(" ");
      expectFreshSession({ RequestId: requestId, Url: url });
    },
    shell: (out) => {
      const [body, status] = splitStatus(out);
      expect(status).toBe("200");
      const answer = JSON.parse(body);
      expect(Object.keys(answer).sort()).toEqual(["RequestId", "Started", "Status", "Url"]);
      expect(answer.Status).toBe("UNKNOWN");
      expectFreshSession(answer);
    },
    signed: true,
  },
  getSignereIdSessionCompleted: {
    ts: "true",
    shell: (out) => expect(out).toBe("true\n200"),
    signed: true,
  },
  getSignereIdSession: {
    ts: `${session.Status} ${session.IdentityProvider}`,
    shell: (out) => {
      const [body, status] = splitStatus(out);
      expect(status).toBe("200");
      expect(JSON.parse(body)).toMatchObject({ Name: session.Name, Status: session.Status });
    },
    signed: true,
  },
  invalidateSignereIdSession: {
    ts: "", // it prints nothing: a 2xx resolves, anything else throws (a non-zero exit)
    shell: (out) => expect(out).toBe("\n200"),
    signed: true,
  },
};

const requestIdSchema = bundle.components.schemas.RequestId;
const seen = new Set<string>([created.RequestId]);
/**
 * The sandbox answers every create with a fresh session on its own login page (never the
 * recording's RequestId, whose Url is on the vendor's host): the spec's RequestId shape, an id
 * no earlier create or recording had, and the login Url on the sandbox's own origin.
 */
function expectFreshSession({ RequestId, Url }: { RequestId: string; Url?: string }) {
  expect(RequestId).toMatch(new RegExp(requestIdSchema.pattern));
  expect(RequestId.length).toBeLessThanOrEqual(requestIdSchema.maxLength);
  expect(seen.has(RequestId), "a RequestId seen before").toBe(false);
  seen.add(RequestId);
  expect(Url).toBe(`${mock.url}/login/${RequestId}`);
}

function splitStatus(out: string): [string, string] {
  const at = out.lastIndexOf("\n");
  return [out.slice(0, at), out.slice(at + 1)];
}

// Inside the package, so that @signereid/client resolves as it does for a reader's project.
const workDir = join(import.meta.dirname, "..", "node_modules", ".code-samples");
const credentials = {
  SIGNEREID_API_ID: DEMO_ACCOUNT.apiId,
  SIGNEREID_SECONDARY_KEY: DEMO_ACCOUNT.secondaryKey,
  SIGNEREID_PRIMARY_KEY: DEMO_ACCOUNT.primaryKey,
};
/** The environment without any SIGNEREID_ variable of the machine running the tests. */
const cleanEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("SIGNEREID_")));
/** A shell sample, with curl told to print the status code on a last line. */
const shellWithStatus = (operationId: string) =>
  `${sample(operationId, "Shell").trimEnd()} -w '\\n%{http_code}'`;

let mock: Sandbox;
beforeAll(async () => {
  mock = await startSandbox({ log: false });
  mkdirSync(workDir, { recursive: true });
});
afterAll(() => mock.close());

describe("x-codeSamples", () => {
  it("every operation of the spec has a TypeScript and a shell sample, and a result here", () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const { operationId } of operations) {
      expect(
        samplesOf(operationId).map((s) => s.lang),
        operationId,
      ).toEqual(["TypeScript", "Shell"]);
    }
  });

  it("name their credentials SIGNEREID_API_ID, SIGNEREID_SECONDARY_KEY or SIGNEREID_PRIMARY_KEY, and the server SIGNEREID_BASE_URL", () => {
    const allowed = new Set([...Object.keys(credentials), "SIGNEREID_BASE_URL"]);
    for (const { operationId } of operations) {
      expect(sample(operationId, "Shell"), operationId).toContain("${SIGNEREID_BASE_URL:-");
      for (const { source } of samplesOf(operationId)) {
        expect(source, operationId).not.toMatch(/(?<!SIGNEREID_)BASE_URL/);
        const names = [...source.matchAll(/SIGNEREID_[A-Z_]+/g)].map((match) => match[0]);
        expect(
          names.filter((name) => !allowed.has(name)),
          operationId,
        ).toEqual([]);
      }
    }
  });

  it("the server-time samples send no signing header", () => {
    for (const { source } of samplesOf("getServerTime")) expect(source).not.toMatch(/-H "API-/);
    expect(operations.find((op) => op.operationId === "getServerTime")?.security).toEqual([]);
  });
});

describe.each(Object.keys(EXPECTED))("the %s samples", (operationId) => {
  const expected = EXPECTED[operationId] as (typeof EXPECTED)[string];

  it("TypeScript: type-checks against the client and runs against the mock", async () => {
    // The samples target the vendor's test environment; pointing them at the mock is the one change.
    const source = sample(operationId, "TypeScript").replace(
      'environment: "test", // or "production"',
      `baseUrl: "${mock.url}",`,
    );
    expect(source).toContain(mock.url);
    const file = join(workDir, `${operationId}.mts`);
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
    const { stdout } = await run(process.execPath, [join(workDir, `${operationId}.mjs`)], {
      env: { ...cleanEnv(), ...credentials },
    });
    if (typeof expected.ts === "string") expect(stdout.trim()).toBe(expected.ts);
    else expected.ts(stdout.trim());
  });

  it(`Shell: curl${expected.signed ? " + openssl sign a request" : " sends a request"} the mock answers`, async () => {
    const { stdout } = await run("bash", ["-c", shellWithStatus(operationId)], {
      env: {
        ...cleanEnv(),
        ...(expected.signed ? credentials : {}),
        SIGNEREID_BASE_URL: mock.url,
      },
    });
    expected.shell(stdout);
  });

  if (expected.signed) {
    it("Shell: with wrong keys the mock refuses it (the signature really is checked)", async () => {
      const { stdout } = await run("bash", ["-c", shellWithStatus(operationId)], {
        env: {
          ...cleanEnv(),
          ...credentials,
          SIGNEREID_SECONDARY_KEY: "wrong",
          SIGNEREID_PRIMARY_KEY: "wrong",
          SIGNEREID_BASE_URL: mock.url,
        },
      });
      expect(stdout.trim().split("\n").pop()).toBe("401");
    });
  }
});

// The shell samples' signing lines, run as they are with the facts file's inputs (the vector's
// timestamp instead of `date`, its key, and the token printed instead of sent), must give the
// facts file's API-TOKEN: the recipe the docs teach is the vendor's, byte for byte.
describe("the shell samples reproduce the facts file's signing vectors", () => {
  const { vectors } = require("@signereid/openapi/signing-vectors.json") as {
    vectors: {
      method: string;
      url: string;
      timestamp: string;
      key: string;
      expectedToken: string;
    }[];
  };
  const sampleFor: Record<string, string> = {
    GET: "getSignereIdSession",
    POST: "createSignereIdSession",
  };
  it.each(vectors)("$name", async (vector) => {
    const operationId = sampleFor[vector.method] as string;
    const source = sample(operationId, "Shell");
    const signing = source.slice(0, source.indexOf("\ncurl "));
    expect(signing).toMatch(/^TIMESTAMP="\$\(date -u \+%Y-%m-%dT%H:%M:%S\)"/m);
    const script = `${signing.replace(/^TIMESTAMP=.*$/m, `TIMESTAMP="${vector.timestamp}"`)}\nprintf '%s' "$TOKEN"`;
    const { origin } = new URL(vector.url);
    const { stdout } = await run("bash", ["-c", script], {
      env: {
        ...cleanEnv(),
        SIGNEREID_BASE_URL: origin,
        SIGNEREID_SECONDARY_KEY: vector.key,
        SIGNEREID_PRIMARY_KEY: vector.key,
      },
    });
    expect(stdout).toBe(vector.expectedToken);
  });
});
