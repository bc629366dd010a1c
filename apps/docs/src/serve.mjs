#!/usr/bin/env node
// pnpm --filter @signereid/docs serve [-- --port 4011]: serves dist/ on 127.0.0.1.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultDir, startDocsServer } from "./server.mjs";

const USAGE = `Usage: serve [--port 0-65535] [--help] [--version]

Serves the built docs (apps/docs/dist) on http://127.0.0.1:<port>/ (default 4011).
The port comes from --port, else SIGNEREID_DOCS_PORT, else 4011; 0 picks a free one.
Files are read once at start: restart after rebuilding the docs.`;

const args = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--"));
let values;
try {
  ({ values } = parseArgs({
    args,
    options: {
      port: { type: "string" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean" },
    },
  }));
} catch (error) {
  fail(2, `${error.message}\n\n${USAGE}`);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.version) {
  const { version } = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json")));
  console.log(version);
  process.exit(0);
}

const source =
  values.port !== undefined
    ? "--port"
    : process.env.SIGNEREID_DOCS_PORT !== undefined
      ? "SIGNEREID_DOCS_PORT"
      : "the default";
const text = values.port ?? process.env.SIGNEREID_DOCS_PORT ?? "4011";
const port = Number(text);
if (!/^\d{1,5}$/.test(text) || port > 65535) {
  fail(2, `Invalid port ${JSON.stringify(text)} (from ${source}): give 0-65535.\n\n${USAGE}`);
}
if (!existsSync(join(defaultDir, "index.html"))) {
  fail(1, "No dist/index.html: build the docs first (pnpm build).");
}

let server;
try {
  server = await startDocsServer({ port });
} catch (error) {
  if (error.code === "EADDRINUSE") {
    fail(
      1,
      `Port ${port} on 127.0.0.1 is already in use (from ${source}). ` +
        "Stop what uses it, or choose another port with --port <n> or SIGNEREID_DOCS_PORT=<n>.",
    );
  }
  fail(1, `Cannot start the docs server: ${error.message}`);
}
console.log(`SignereID API docs on ${server.url}`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => server.close().then(() => process.exit(0)));
}

function fail(code, message) {
  console.error(message);
  process.exit(code);
}
