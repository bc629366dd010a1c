// The main job, after the build: starts the local services on 127.0.0.1 and prints how to use
// them. The snippet printed is apps/mock-api/examples/call-the-mock.mjs itself, which a test runs.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { callLines } from "../apps/mock-api/dist/banner.js";
import { offlineEnv } from "./offline-env.mjs";

// The RequestId of the recorded create response, which the mock serves for every later step.
const CREATED_REQUEST_ID = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";

const root = join(import.meta.dirname, "..");
const services = [
  {
    name: "mock API",
    command: [
      join(root, "apps/mock-api/dist/cli.js"),
      "--port",
      process.env.SIGNEREID_MOCK_PORT ?? "4010",
    ],
  },
  {
    name: "docs site",
    command: [
      join(root, "apps/docs/src/serve.mjs"),
      "--port",
      process.env.SIGNEREID_DOCS_PORT ?? "4011",
    ],
  },
];

const children = services.map(({ name, command }) => {
  const child = spawn(process.execPath, command, {
    stdio: "inherit",
    env: { ...process.env, ...offlineEnv },
  });
  child.on("exit", (code, signal) => {
    if (signal === null && code !== 0) {
      console.error(`${name} exited with code ${code}; stopping.`);
      stopAll(code ?? 1);
    }
  });
  return child;
});

const snippet = readFileSync(join(root, "apps/mock-api/examples/call-the-mock.mjs"), "utf8");
setTimeout(() => {
  console.log(
    "\nCall the mock with the client: `node apps/mock-api/examples/call-the-mock.mjs`, or paste this into a .mjs file in the repo:\n",
  );
  console.log(snippet.replace(/^/gm, "    "));
  // Last, where they stay in sight: each of the five operations in one line, in login order.
  console.log(`The five operations, in the order of a login (the mock's banner shows the same):`);
  for (const line of callLines(CREATED_REQUEST_ID)) console.log(`    ${line}`);
  console.log("Ctrl+C stops both.");
}, 1500).unref();

function stopAll(code = 0) {
  for (const child of children) child.kill("SIGTERM");
  process.exitCode = code;
}
process.once("SIGINT", () => stopAll());
process.once("SIGTERM", () => stopAll());
