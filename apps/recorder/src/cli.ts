#!/usr/bin/env node
// signereid-record --request-id ID (--base-url URL | --environment test|production)
//                  [--metadata true|false] [--format json|xml] [--name FILE] [--out DIR]
// Credentials from SIGNEREID_API_ID and SIGNEREID_SECONDARY_KEY (or SIGNEREID_PRIMARY_KEY),
// optionally SIGNEREID_ALGORITHM. Writes <out>/<name>.json; never prints a key, a body or personal
// data. Exit 2: bad arguments or a request the client refused; 1: nothing could be recorded.
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { type SignereIdClientOptions, SignereIdError } from "@signereid/client";
import { RecordingGateError } from "./gate.js";
import { RecorderError, recordExchange } from "./record.js";

const USAGE =
  "Usage: signereid-record --request-id ID (--base-url URL | --environment test|production) [--metadata true|false] [--format json|xml] [--name FILE] [--out DIR]\n" +
  "Credentials: SIGNEREID_API_ID and SIGNEREID_SECONDARY_KEY (or SIGNEREID_PRIMARY_KEY).";

function fail(message: string): never {
  console.error(`signereid-record: ${message}\n${USAGE}`);
  process.exit(2);
}

/** The exchange happened but cannot be recorded: exit 1, without the usage. */
function refuse(message: string): never {
  console.error(`signereid-record: ${message}`);
  process.exit(1);
}

// `pnpm record -- --request-id …` passes the `--` through.
const args = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--"));
const { values } = (() => {
  try {
    return parseArgs({
      args,
      options: {
        "request-id": { type: "string" },
        "base-url": { type: "string" },
        environment: { type: "string" },
        metadata: { type: "string", default: "true" },
        format: { type: "string", default: "json" },
        name: { type: "string" },
        out: { type: "string" },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();

const requestId = values["request-id"] ?? fail("--request-id is required");
if (values.metadata !== "true" && values.metadata !== "false")
  fail("--metadata must be true or false");
if (values.format !== "json" && values.format !== "xml") fail("--format must be json or xml");
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
    requestId,
    metadata: values.metadata === "true",
    format: values.format as "json" | "xml",
  });
  const name = values.name ?? `recorded-${recording.response.status}-${requestId.slice(0, 8)}`;
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
