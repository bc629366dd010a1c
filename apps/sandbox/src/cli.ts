#!/usr/bin/env node
// signereid-sandbox: the sandbox on 127.0.0.1, as a person starts it. Every bad input ends with a
// message that says what was wrong and what to do, and a non-zero exit; never a stack trace.
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { DEMO_ACCOUNT, type SandboxAccount } from "./accounts.js";
import {
  MAX_CLOCK_SKEW_SECONDS,
  MAX_SESSION_TTL_SECONDS,
  MAX_SESSIONS,
  MAX_SESSIONS_WHY,
  startSandbox,
} from "./server.js";

const USAGE = `Usage: signereid-sandbox [--port <0-65535>] [--clock-skew <seconds>] [--ttl <seconds>]
                         [--max-sessions <n>] [--public-url <origin>] [--help] [--version]

  --port          port on 127.0.0.1 (default: SIGNEREID_SANDBOX_PORT, else 4010; 0 picks a free one)
  --clock-skew    how far API-TIMESTAMP may be from the sandbox's clock, a whole number of
                  seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS} (default 300)
  --ttl           how long a session lives after its create, whole seconds from 1 to
                  ${MAX_SESSION_TTL_SECONDS} (default 600)
  --max-sessions  the most sessions held, 1 to ${MAX_SESSIONS}; beyond it the oldest goes (default 10000)
  --public-url    the origin written into login URLs (default http://127.0.0.1:<port>)

Credentials: the public demo account, or all three of SIGNEREID_SANDBOX_API_ID,
SIGNEREID_SANDBOX_PRIMARY_KEY and SIGNEREID_SANDBOX_SECONDARY_KEY (keys are never printed).
The old SIGNEREID_MOCK_* names still work, with a deprecation line.`;

const CREDENTIAL_VARIABLES = [
  "SIGNEREID_SANDBOX_API_ID",
  "SIGNEREID_SANDBOX_PRIMARY_KEY",
  "SIGNEREID_SANDBOX_SECONDARY_KEY",
] as const;

// The mock's variable names, read when the new one is unset: one line says to rename them.
for (const name of [...CREDENTIAL_VARIABLES, "SIGNEREID_SANDBOX_PORT"]) {
  const old = name.replace("SIGNEREID_SANDBOX_", "SIGNEREID_MOCK_");
  if (process.env[name] === undefined && process.env[old] !== undefined) {
    process.env[name] = process.env[old];
    console.error(`${old} is deprecated: use ${name}.`);
  }
}

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

/** A whole number from min to max written in plain digits, or undefined (so "", "1e3", "Infinity" fail). */
function wholeNumber(text: string, max: number): number | undefined {
  const value = Number(text);
  return /^\d{1,10}$/.test(text) && value <= max ? value : undefined;
}

let values: {
  port?: string;
  "clock-skew": string;
  ttl: string;
  "max-sessions": string;
  "public-url"?: string;
  help?: boolean;
  version?: boolean;
};
try {
  ({ values } = parseArgs({
    options: {
      port: { type: "string" },
      "clock-skew": { type: "string", default: "300" },
      ttl: { type: "string", default: "600" },
      "max-sessions": { type: "string", default: "10000" },
      "public-url": { type: "string" },
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
    : process.env.SIGNEREID_SANDBOX_PORT !== undefined
      ? "SIGNEREID_SANDBOX_PORT"
      : undefined;
const port = wholeNumber(values.port ?? process.env.SIGNEREID_SANDBOX_PORT ?? "4010", 65535);
if (port === undefined) fail(`${portSource} must be a port number from 0 to 65535.\n\n${USAGE}`);
const clockSkewSeconds = wholeNumber(values["clock-skew"], MAX_CLOCK_SKEW_SECONDS);
if (clockSkewSeconds === undefined) {
  fail(
    `--clock-skew must be a whole number of seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}.\n\n${USAGE}`,
  );
}
const sessionTtlSeconds = wholeNumber(values.ttl, MAX_SESSION_TTL_SECONDS);
if (!sessionTtlSeconds)
  fail(`--ttl must be a whole number of seconds from 1 to ${MAX_SESSION_TTL_SECONDS}.\n\n${USAGE}`);
const maxSessions = wholeNumber(values["max-sessions"], MAX_SESSIONS);
if (!maxSessions)
  fail(
    `--max-sessions must be a whole number from 1 to ${MAX_SESSIONS} ${MAX_SESSIONS_WHY}.\n\n${USAGE}`,
  );
const publicUrl = values["public-url"];
if (publicUrl !== undefined && !/^https?:\/\/[^\s/?#]+\/?$/.test(publicUrl))
  fail(`--public-url must be an origin such as http://localhost:4010.\n\n${USAGE}`);

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
const account: SandboxAccount = fromEnv
  ? {
      apiId: env.SIGNEREID_SANDBOX_API_ID.toLowerCase(),
      primaryKey: env.SIGNEREID_SANDBOX_PRIMARY_KEY,
      secondaryKey: env.SIGNEREID_SANDBOX_SECONDARY_KEY,
    }
  : DEMO_ACCOUNT;

const mock = await startSandbox({
  port,
  credentials: account,
  clockSkewSeconds,
  sessionTtlSeconds,
  maxSessions,
  ...(publicUrl ? { publicUrl } : {}),
}).catch((error: NodeJS.ErrnoException) => {
  if (error.code !== "EADDRINUSE") throw error;
  const from = portSource ? ` (from ${portSource})` : " (the default)";
  return fail(
    `Port ${port} on 127.0.0.1 is already in use${from}. Start the sandbox on another with ` +
      "--port <n> or SIGNEREID_SANDBOX_PORT=<n> (0 picks a free port).",
    1,
  );
});
console.log(`SignereID sandbox listening on ${mock.url}`);
console.log(
  fromEnv
    ? `  credentials: API-ID ${account.apiId}, keys from SIGNEREID_SANDBOX_*_KEY (not shown)`
    : `  demo credentials: apiId ${account.apiId}, secondaryKey "${account.secondaryKey}", primaryKey "${account.primaryKey}"`,
);
console.log(
  `  sessions: a create answers a fresh RequestId and a Url (${publicUrl ?? mock.url}/login/<RequestId>)`,
);
console.log(
  `  to open in a browser; they live ${sessionTtlSeconds} s, at most ${maxSessions} at a time`,
);
console.log("  recorded RequestIds (answered as recorded):");
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
