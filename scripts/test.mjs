// Runs a test task (default `test`; `test:runtimes` for the runtime matrix) in every package
// that has it, through turbo, then prints one closing line, `N passed, N failed`, summed from
// the vitest JSON reports the packages write (test-results.json). A package that has the script
// but left no report counts as a failure, so a crash cannot pass for green. Further arguments go to
// turbo: `node scripts/test.mjs test --force` (`pnpm test:force`) re-runs every test, cache or not.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { offlineEnv } from "./offline-env.mjs";

const root = join(import.meta.dirname, "..");
const [task = "test", ...turboArgs] = process.argv.slice(2);
const packageDirs = ["openapi", ...["packages", "apps", "harness"].flatMap(listDirs)].filter(
  (dir) => {
    const manifest = join(root, dir, "package.json");
    return (
      existsSync(manifest) && Boolean(JSON.parse(readFileSync(manifest, "utf8")).scripts?.[task])
    );
  },
);
// A report left from an earlier run must not count; turbo restores it on a cache hit.
for (const dir of packageDirs) rmSync(join(root, dir, "test-results.json"), { force: true });

const turbo = spawnSync(
  process.execPath,
  [join(root, "scripts/turbo.mjs"), "run", task, "--continue", ...turboArgs],
  { stdio: "inherit", env: { ...process.env, ...offlineEnv } },
);

let passed = 0;
let failed = 0;
const problems = [];
for (const dir of packageDirs) {
  const report = join(root, dir, "test-results.json");
  if (!existsSync(report)) {
    failed += 1;
    problems.push(`${dir}: no test report (the test run crashed or did not start)`);
    continue;
  }
  const results = JSON.parse(readFileSync(report, "utf8"));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  if (results.numTotalTests === 0) problems.push(`${dir}: ran no test`);
  if (results.numPendingTests + results.numTodoTests > 0) {
    problems.push(
      `${dir}: ${results.numPendingTests + results.numTodoTests} skipped or todo tests`,
    );
  }
}

for (const problem of problems) console.error(`test: ${problem}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(turbo.status === 0 && failed === 0 && problems.length === 0 ? 0 : 1);

function listDirs(parent) {
  const abs = join(root, parent);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(parent, entry.name));
}
