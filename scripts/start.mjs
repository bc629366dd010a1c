// The main job, after the build: starts the SignereID sandbox, the docs site and the example app
// on 127.0.0.1, passes their output through, and prints LAST the one URL to open to try the login
// flow. Each service reads its own port variable (SIGNEREID_SANDBOX_PORT, SIGNEREID_DOCS_PORT,
// SIGNEREID_EXAMPLE_PORT; 0 picks a free one). Ctrl+C or SIGTERM stops all three.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { DEMO_ACCOUNT } from "../apps/sandbox/dist/index.js";
import { offlineEnv } from "./offline-env.mjs";

const root = join(import.meta.dirname, "..");
const children = [];
let stopping = false;

/** Starts a service and resolves with the first loopback URL it prints after `label`. */
function start(name, script, label, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, script)], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...offlineEnv, ...env },
    });
    children.push(child);
    const pattern = new RegExp(`${label} (http://127\\.0\\.0\\.1:\\d+/?)`);
    createInterface({ input: child.stdout }).on("line", (line) => {
      console.log(line);
      const url = pattern.exec(line)?.[1];
      if (url) resolve(url);
    });
    child.on("exit", (code, signal) => {
      reject(new Error(`${name} exited before it was ready.`));
      if (!stopping && signal === null) {
        console.error(`${name} exited with code ${code}; stopping the others.`);
        stopAll(code || 1);
      }
    });
  });
}

function stopAll(code = 0) {
  stopping = true;
  process.exitCode = code;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
}
process.once("SIGINT", () => stopAll());
process.once("SIGTERM", () => stopAll());

// A process manager may signal only the command it started (`npx pnpm start`), which then exits
// without passing the signal on to this script. Where /proc tells (Linux), the servers stop
// when any process between that command and this script is gone.
const ancestors = ancestorsOf(process.ppid);
setInterval(() => {
  if (!stopping && ancestors.some((pid) => !existsSync(`/proc/${pid}`))) stopAll();
}, 1000).unref();

function ancestorsOf(pid) {
  const chain = [];
  while (pid > 1 && existsSync(`/proc/${pid}/stat`) && chain.length < 16) {
    chain.push(pid);
    // Fields after the command name (which may hold spaces), from its closing parenthesis on.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    pid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  }
  return chain;
}

// The example app signs with the sandbox's account: your SIGNEREID_SANDBOX_* one, or the demo.
const env = process.env;
const custom = env.SIGNEREID_SANDBOX_API_ID && env.SIGNEREID_SANDBOX_SECONDARY_KEY;
const account = custom
  ? { apiId: env.SIGNEREID_SANDBOX_API_ID, secondaryKey: env.SIGNEREID_SANDBOX_SECONDARY_KEY }
  : DEMO_ACCOUNT;

try {
  const [sandboxUrl, docsUrl] = await Promise.all([
    start("The sandbox", "apps/sandbox/dist/cli.js", "sandbox listening on"),
    start("The docs site", "apps/docs/src/serve.mjs", "API docs on"),
  ]);
  const exampleUrl = await start("The example app", "apps/example-rp/dist/cli.js", "party on", {
    SIGNEREID_BASE_URL: sandboxUrl,
    SIGNEREID_API_ID: account.apiId,
    SIGNEREID_SECONDARY_KEY: account.secondaryKey,
  });
  console.log(`
SignereID sandbox  ${sandboxUrl}
  ${
    custom
      ? `credentials: API-ID ${account.apiId}, keys from SIGNEREID_SANDBOX_* (not shown)`
      : `demo credentials: apiId ${DEMO_ACCOUNT.apiId}, secondaryKey "${DEMO_ACCOUNT.secondaryKey}", primaryKey "${DEMO_ACCOUNT.primaryKey}"`
  }
  call it from code: SIGNEREID_BASE_URL=${sandboxUrl} node apps/sandbox/examples/call-the-sandbox.mjs
API docs           ${docsUrl}
Ctrl+C stops all three.

Try the login flow: open ${exampleUrl}`);
} catch (error) {
  if (!stopping) console.error(error.message);
  stopAll(1);
}
