// Runs turbo with every tool's telemetry and update checks switched off. The variables are set
// here, before turbo starts, and listed in turbo.json's globalPassThroughEnv so that turbo's
// strict env mode hands them on to every task (redocly, vitest, …).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { offlineEnv } from "./offline-env.mjs";

const require = createRequire(import.meta.url);
const turboBin = require.resolve("turbo/bin/turbo");
const result = spawnSync(process.execPath, [turboBin, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, ...offlineEnv },
});
process.exit(result.status ?? 1);
