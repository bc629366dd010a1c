#!/usr/bin/env node
// pnpm --filter @signereid/docs serve [-- --port 4011]: serves dist/ on 127.0.0.1.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultDir, startDocsServer } from "./server.mjs";

const args = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--"));
const { values } = parseArgs({
  args,
  options: { port: { type: "string", default: process.env.SIGNEREID_DOCS_PORT ?? "4011" } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error("Usage: serve [--port 0-65535]");
  process.exit(2);
}
if (!existsSync(join(defaultDir, "index.html"))) {
  console.error("No dist/index.html: build the docs first (pnpm build).");
  process.exit(1);
}
const { url, close } = await startDocsServer({ port });
console.log(`SignereID API docs on ${url}`);
for (const signal of ["SIGINT", "SIGTERM"])
  process.once(signal, () => close().then(() => process.exit(0)));
