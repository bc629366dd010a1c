#!/usr/bin/env node
// signereid-example-rp: the example app on 127.0.0.1, its settings and secrets from the environment
// as in production. Bad input gets a message and an exit code, never a stack trace.
import { createRequire } from "node:module";
import { startExampleRp } from "./index.js";

const USAGE = `Usage: signereid-example-rp [--help | --version], with in the environment:
  SIGNEREID_API_ID, SIGNEREID_SECONDARY_KEY  the account (required; the sandbox prints its demo one)
  SIGNEREID_BASE_URL      the SignereID API (default http://127.0.0.1:4010, the sandbox)
  SIGNEREID_EXAMPLE_PORT  port on 127.0.0.1 (default 4012; 0 picks a free one)`;
const { SIGNEREID_API_ID: apiId = "", SIGNEREID_SECONDARY_KEY: secondaryKey = "" } = process.env;
const port = process.env.SIGNEREID_EXAMPLE_PORT ?? "4012";
const args = process.argv.slice(2).join(" ");
const { version } = createRequire(import.meta.url)("../package.json");
const answer = args === "--help" ? USAGE : args === "--version" ? version : "";
const problem = answer
  ? ""
  : args
    ? `Unknown arguments ${JSON.stringify(args)}: settings come from the environment.`
    : !apiId || !secondaryKey
      ? "Set both SIGNEREID_API_ID and SIGNEREID_SECONDARY_KEY."
      : (!/^\d{1,5}$/.test(port) || Number(port) > 65535) &&
        `SIGNEREID_EXAMPLE_PORT must be a port from 0 to 65535, not ${JSON.stringify(port)}.`;
if (answer || problem) {
  console[problem ? "error" : "log"](problem ? `${problem}\n\n${USAGE}` : answer);
  process.exit(problem ? 2 : 0);
}

const app = await startExampleRp({
  port: Number(port),
  sandboxUrl: process.env.SIGNEREID_BASE_URL ?? "http://127.0.0.1:4010",
  credentials: { apiId, secondaryKey },
}).catch((error: NodeJS.ErrnoException) => {
  const inUse = `Port ${port} on 127.0.0.1 is in use: stop what uses it, or set SIGNEREID_EXAMPLE_PORT to another (0 picks a free one).`;
  console.error(error.code === "EADDRINUSE" ? inUse : `Cannot start: ${error.message}`);
  process.exit(1);
});
console.log(`Example relying party on ${app.url}`);
const stop = () => app.close().then(() => process.exit(0));
process.once("SIGINT", stop).once("SIGTERM", stop);
