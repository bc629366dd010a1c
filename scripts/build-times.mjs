// Prints how long `turbo run build` takes cold (no turbo cache, no outputs) and warm (nothing
// changed: every task a cache hit), measured in one run on this machine.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { offlineEnv } from "./offline-env.mjs";

const root = join(import.meta.dirname, "..");
const outputs = [
  ".turbo",
  "openapi/dist",
  "packages/client/dist",
  "packages/client/src/generated",
  "apps/mock-api/dist",
  "apps/recorder/dist",
  "apps/docs/dist",
];

function build() {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(root, "scripts/turbo.mjs"), "run", "build", "--output-logs=none"],
    {
      cwd: root,
      env: { ...process.env, ...offlineEnv },
      encoding: "utf8",
    },
  );
  if (result.status !== 0)
    throw new Error(`turbo run build failed:\n${result.stdout}\n${result.stderr}`);
  const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(result.stdout);
  return {
    seconds: (performance.now() - started) / 1000,
    cached: cached ? `${cached[1]}/${cached[2]} cached` : "?",
  };
}

for (const path of outputs) rmSync(join(root, path), { recursive: true, force: true });
const cold = build();
const warm = build();
console.log(`turbo run build, cold: ${cold.seconds.toFixed(1)} s (${cold.cached})`);
console.log(
  `turbo run build, warm: ${warm.seconds.toFixed(1)} s (${warm.cached}), ${(cold.seconds / warm.seconds).toFixed(0)}× faster`,
);
