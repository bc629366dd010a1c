// The size budgets (.size-limit.cjs), checked on every test run: min+gzip with dependencies, as
// size-limit measures them. Prints the figures.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ISSUE_TARGET_JSON_BYTES = 5000;

describe("bundle size", () => {
  it("stays within the budgets", async () => {
    const bin = join(import.meta.dirname, "../node_modules/.bin/size-limit");
    const { stdout } = await promisify(execFile)(bin, ["--json"], {
      cwd: join(import.meta.dirname, ".."),
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const results: { name: string; size: number; sizeLimit: number; passed: boolean }[] =
      JSON.parse(stdout);
    expect(results).toHaveLength(2);
    for (const { name, size, sizeLimit } of results) {
      console.log(
        `size: ${name}: ${(size / 1000).toFixed(2)} kB min+gzip (budget ${(sizeLimit / 1000).toFixed(2)} kB)`,
      );
    }
    const json = results[0] as (typeof results)[number];
    const verdict =
      json.size <= ISSUE_TARGET_JSON_BYTES
        ? "MET"
        : `MISSED by ${((json.size - ISSUE_TARGET_JSON_BYTES) / 1000).toFixed(2)} kB`;
    console.log(`size: JSON entry vs the 5 kB target of issue #6: ${verdict} (see BENCHMARKS.md)`);
    for (const result of results)
      expect(result.size, result.name).toBeLessThanOrEqual(result.sizeLimit);
  }, 60_000);
});
