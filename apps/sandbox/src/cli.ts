#!/usr/bin/env node
// signereid-mock-api: the mock on 127.0.0.1, as a person starts it. Every bad input ends with a
// message that says what was wrong and what to do, and a non-zero exit; never a stack trace.
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { DEMO_ACCOUNT, type MockAccount } from "./accounts.js";
import { MAX_CLOCK_SKEW_SECONDS, startMockApi } from "./server.js";

const USAGE = `Usage: signereid-mock-api [--port <0-65535>] [--clock-skew <seconds>] [--help] [--version]

  --port        port on 127.0.0.1 (default: SIGNEREID_MOCK_PORT, else 4010; 0 picks a free one)
  --clock-skew  how far API-TIMESTAMP may be from the mock's clock, a whole number of seconds
                from 0 to ${MAX_CLOCK_SKEW_SECONDS} (default 300)

Credentials: the public demo account, or all three of SIGNEREID_MOCK_API_ID,
SIGNEREID_MOCK_PRIMARY_KEY and SIGNEREID_MOCK_SECONDARY_KEY (keys are never printed).`;

const CREDENTIAL_VARIABLES = [
  "SIGNEREID_MOCK_API_ID",
  "SIGNEREID_MOCK_PRIMARY_KEY",
  "SIGNEREID_MOCK_SECONDARY_KEY",
] as const;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

/** A whole number from min to max written in plain digits, or undefined (so "", "1e3", "Infinity" fail). */
function wholeNumber(text: string, max: number): number | undefined {
  const value = Number(text);
  return /^\d{1,10}$/.test(text) && value <= max ? value : undefined;
}

let values: { port?: string; "clock-skew": string; help?: boolean; version?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: "string" },
      "clock-skew": { type: "string", default: "300" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean" },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.version) {
  const { version } = createRequire(import.meta.url)("../package.json") as { version: string };
  console.log(version);
  process.exit(0);
}

const portSource =
  values.port !== undefined
    ? "--port"
    : process.env.SIGNEREID_MOCK_PORT !== undefined
      ? "SIGNEREID_MOCK_PORT"
      : undefined;
const port = wholeNumber(values.port ?? process.env.SIGNEREID_MOCK_PORT ?? "4010", 65535);
if (port === undefined) fail(`${portSource} must be a port number from 0 to 65535.\n\n${USAGE}`);
const clockSkewSeconds = wholeNumber(values["clock-skew"], MAX_CLOCK_SKEW_SECONDS);
if (clockSkewSeconds === undefined) {
  fail(
    `--clock-skew must be a whole number of seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}.\n\n${USAGE}`,
  );
}

// All or nothing: a partial set would quietly fall back to the public demo keys. Empty counts as
// unset, so an empty key never becomes a key. Only names are printed, never values.
const set = CREDENTIAL_VARIABLES.filter((name) => process.env[name]);
if (set.length > 0 && set.length < CREDENTIAL_VARIABLES.length) {
  const missing = CREDENTIAL_VARIABLES.filter((name) => !set.includes(name));
  fail(
    `Credentials are all or nothing: ${set.join(", ")} ${set.length === 1 ? "is" : "are"} set, ` +
      `but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing or empty. ` +
      "Set all three to use your own account, or none for the demo account.",
  );
}
const env = process.env as Record<(typeof CREDENTIAL_VARIABLES)[number], string>;
const fromEnv = set.length > 0;
const account: MockAccount = fromEnv
  ? {
      apiId: env.SIGNEREID_MOCK_API_ID.toLowerCase(),
      primaryKey: env.SIGNEREID_MOCK_PRIMARY_KEY,
      secondaryKey: env.SIGNEREID_MOCK_SECONDARY_KEY,
    }
  : DEMO_ACCOUNT;

const mock = await startMockApi({ port, credentials: account, clockSkewSeconds }).catch(
  (error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    const from = portSource ? ` (from ${portSource})` : " (the default)";
    return fail(
      `Port ${port} on 127.0.0.1 is already in use${from}. Start the mock on another with ` +
        "--port <n> or SIGNEREID_MOCK_PORT=<n> (0 picks a free port).",
      1,
    );
  },
);
console.log(`SignereID mock API listening on ${mock.url}`);
console.log(
  fromEnv
    ? `  credentials: API-ID ${account.apiId}, keys from SIGNEREID_MOCK_*_KEY (not shown)`
    : `  demo credentials: apiId ${account.apiId}, secondaryKey "${account.secondaryKey}", primaryKey "${account.primaryKey}"`,
);
console.log("  RequestIds:");
for (const { requestId, title } of mock.sessions) console.log(`    ${requestId}  ${title}`);
console.log("Press Ctrl+C to stop.");
// Last, where they stay in sight: one line per operation, in the order of a login.
console.log(`Call it with @signereid/client (baseUrl "${mock.url}"), in this order:`);
for (const line of mock.calls) console.log(`  ${line}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    mock.close().then(() => process.exit(0));
  });
}
