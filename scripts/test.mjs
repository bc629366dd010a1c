// Runs every package's tests through turbo, then prints one closing line, `N passed, N failed`,
// summed from the vitest JSON reports the packages write (test-results.json). A package that
// has a test script but left no report counts as a failure, so a crash cannot pass for green.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { offlineEnv } from "./offline-env.mjs";

const root = join(import.meta.dirname, "..");
const turbo = spawnSync(
  process.execPath,
  [join(root, "scripts/turbo.mjs"), "run", "test", "--continue", ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, ...offlineEnv } },
);

const packageDirs = ["openapi", ...["packages", "apps"].flatMap(listDirs)];
let passed = 0;
let failed = 0;
const problems = [];
for (const dir of packageDirs) {
  const manifest = join(root, dir, "package.json");
  if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, "utf8")).scripts?.test) continue;
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
