#!/usr/bin/env node
// signereid-record [operationId] [--request-id ID] [--body-file FILE] (--base-url URL |
//                  --environment test|production) [--metadata true|false] [--format json|xml]
//                  [--name FILE] [--out DIR]
// Without an operationId it records DEFAULT_OPERATION (the form before issue 12); what each
// operation takes is its recipe's (operations.ts). Credentials
// from SIGNEREID_API_ID and SIGNEREID_SECONDARY_KEY (or SIGNEREID_PRIMARY_KEY), optionally
// SIGNEREID_ALGORITHM. Writes <out>/<name>.json; never prints a key, a body or personal data.
// Exit 2: bad arguments or a request the client refused; 1: nothing could be recorded.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { type SignereIdClientOptions, SignereIdError } from "@signereid/client";
import { RecordingGateError } from "./gate.js";
import {
  DEFAULT_OPERATION,
  isOperationId,
  OPERATION_IDS,
  OPERATIONS,
  OPTIONAL_FLAGS,
} from "./operations.js";
import { RecorderError, recordExchange } from "./record.js";

const USAGE = `Usage: signereid-record [operationId] [options]   (pnpm record -- <operationId> …)

${OPERATION_IDS.map(
  (id) =>
    `  ${id.padEnd(30)}${OPERATIONS[id].usage}${id === DEFAULT_OPERATION ? `\n${" ".repeat(32)}(the default operation: its arguments alone record it)` : ""}`,
).join("\n")}

Every operation: (--base-url URL | --environment test|production) [--name FILE] [--out DIR]
Credentials: SIGNEREID_API_ID and SIGNEREID_SECONDARY_KEY (or SIGNEREID_PRIMARY_KEY).
--help, --version: print and exit.`;

function fail(message: string): never {
  console.error(`signereid-record: ${message}\n${USAGE}`);
  process.exit(2);
}

/** The exchange happened but cannot be recorded: exit 1, without the usage. */
function refuse(message: string): never {
  console.error(`signereid-record: ${message}`);
  process.exit(1);
}

// `pnpm record -- …` passes the `--` through.
const args = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--"));
const { values, positionals } = (() => {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        "request-id": { type: "string" },
        "body-file": { type: "string" },
        "base-url": { type: "string" },
        environment: { type: "string" },
        metadata: { type: "string" },
        format: { type: "string" },
        name: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean" },
        version: { type: "boolean" },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.version) {
  const pkg = createRequire(import.meta.url)("../package.json") as { version: string };
  console.log(pkg.version);
  process.exit(0);
}

if (positionals.length > 1) fail(`one operationId at most, got ${positionals.length} words`);
const operationId = positionals[0] ?? DEFAULT_OPERATION;
if (!isOperationId(operationId))
  fail(`unknown operationId "${operationId.slice(0, 60)}": use one of ${OPERATION_IDS.join(", ")}`);
const recipe = OPERATIONS[operationId];
const requestId = values["request-id"];
if (recipe.requestId && requestId === undefined) fail(`${operationId} needs --request-id`);
if (!recipe.requestId && requestId !== undefined) fail(`${operationId} takes no --request-id`);
if (recipe.body !== (values["body-file"] !== undefined))
  fail(
    recipe.body ? `${operationId} needs --body-file (JSON)` : `${operationId} takes no --body-file`,
  );
for (const flag of OPTIONAL_FLAGS) {
  if (values[flag] !== undefined && !recipe.flags?.includes(flag)) {
    const takers = OPERATION_IDS.filter((id) => OPERATIONS[id].flags?.includes(flag));
    fail(`--${flag} is for ${takers.join(" and ")} only`);
  }
}
const metadata = values.metadata ?? "true";
const format = values.format ?? "json";
if (metadata !== "true" && metadata !== "false") fail("--metadata must be true or false");
if (format !== "json" && format !== "xml") fail("--format must be json or xml");
const body = values["body-file"] === undefined ? undefined : readBody(values["body-file"]);

/** The request body file as JSON; the error never quotes its content (it may be personal). */
function readBody(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return fail(`cannot read --body-file ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    return fail(`--body-file ${path} is not valid JSON`);
  }
}

const env = process.env;
const apiId = env.SIGNEREID_API_ID ?? fail("set SIGNEREID_API_ID");
const key = env.SIGNEREID_SECONDARY_KEY
  ? { secondaryKey: env.SIGNEREID_SECONDARY_KEY }
  : env.SIGNEREID_PRIMARY_KEY
    ? { primaryKey: env.SIGNEREID_PRIMARY_KEY }
    : fail("set SIGNEREID_SECONDARY_KEY or SIGNEREID_PRIMARY_KEY");
const target = values["base-url"]
  ? { baseUrl: values["base-url"] }
  : { environment: values.environment };
const client = {
  apiId,
  ...key,
  ...target,
  algorithm: env.SIGNEREID_ALGORITHM,
} as SignereIdClientOptions;

const out =
  values.out ??
  join(
    dirname(createRequire(import.meta.url).resolve("@signereid/openapi/package.json")),
    "recordings",
  );

try {
  const { recording, text } = await recordExchange({
    client,
    operationId,
    requestId,
    body,
    metadata: metadata === "true",
    format,
  });
  const { status } = recording.response;
  const name =
    values.name ??
    recipe.fileName?.(status, requestId) ??
    `recorded-${operationId}-${status}${requestId ? `-${requestId.slice(0, 8)}` : ""}`;
  const file = join(out, `${name.replace(/\.json$/, "")}.json`);
  mkdirSync(out, { recursive: true });
  writeFileSync(file, text);
  console.log(`Recorded ${recording.response.status} to ${file}`);
  console.log(
    "Review it before committing: give it a title, and point an example at it if the spec should show it.",
  );
} catch (error) {
  // Only messages known to hold no response text are printed.
  if (error instanceof RecordingGateError || error instanceof RecorderError) refuse(error.message);
  if (error instanceof SignereIdError) fail(error.message);
  refuse(`unexpected ${error instanceof Error ? error.name : "failure"}; nothing was written`);
}
