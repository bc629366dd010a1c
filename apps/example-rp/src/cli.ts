#!/usr/bin/env node
// signereid-example-rp: the example app on 127.0.0.1. Settings and secrets come from the
// environment, as they should in production.
import { startExampleRp } from "./index.js";

const USAGE = `Usage: signereid-example-rp [--help], with in the environment:
  SIGNEREID_API_ID, SIGNEREID_SECONDARY_KEY  the account (required; the sandbox prints its demo one)
  SIGNEREID_API_URL       the SignereID API (default http://127.0.0.1:4010, the sandbox)
  SIGNEREID_EXAMPLE_PORT  port on 127.0.0.1 (default 4012; 0 picks a free one)`;
const { SIGNEREID_API_ID: apiId = "", SIGNEREID_SECONDARY_KEY: secondaryKey = "" } = process.env;
const port = process.env.SIGNEREID_EXAMPLE_PORT ?? "4012";
const [arg] = process.argv.slice(2);
const problem = arg
  ? arg !== "--help" && `Unknown argument ${JSON.stringify(arg)}.`
  : !apiId || !secondaryKey
    ? "Set both SIGNEREID_API_ID and SIGNEREID_SECONDARY_KEY."
    : (!/^\d{1,5}$/.test(port) || Number(port) > 65535) &&
      `SIGNEREID_EXAMPLE_PORT must be a port from 0 to 65535, not ${JSON.stringify(port)}.`;
if (arg === "--help" || problem) {
  console[problem ? "error" : "log"](problem ? `${problem}\n\n${USAGE}` : USAGE);
  process.exit(problem ? 2 : 0);
}

const app = await startExampleRp({
  port: Number(port),
  sandboxUrl: process.env.SIGNEREID_API_URL ?? "http://127.0.0.1:4010",
  credentials: { apiId, secondaryKey },
}).catch((error: NodeJS.ErrnoException) => {
  const inUse = `Port ${port} on 127.0.0.1 is in use: set SIGNEREID_EXAMPLE_PORT to another.`;
  console.error(error.code === "EADDRINUSE" ? inUse : `Cannot start: ${error.message}`);
  process.exit(1);
});
console.log(`Example relying party on ${app.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => app.close().then(() => process.exit(0)));
}
