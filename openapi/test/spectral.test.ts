// Spectral (a second linter, with its own OpenAPI rules) on the bundle, with the ruleset shipped
// for users (.spectral.yaml). Its one override is for a known Spectral bug
// (stoplightio/spectral#2523); the control proves the override hides exactly that error.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "./helpers.js";

const require = createRequire(import.meta.url);
const spectralBin = join(
  dirname(require.resolve("@stoplight/spectral-cli/package.json")),
  "dist/index.js",
);
const scratch = mkdtempSync(join(tmpdir(), "signereid-spectral-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Result = { code: string; severity: number; path: string[] };

async function spectral(file: string, ruleset: string): Promise<Result[]> {
  const output = join(scratch, `${Math.random().toString(36).slice(2)}.json`);
  // Spectral exits 1 when it finds errors; the report file is what counts.
  await promisify(execFile)(
    process.execPath,
    [
      spectralBin,
      "lint",
      file,
      "--ruleset",
      ruleset,
      "--format",
      "json",
      "--output",
      output,
      "--quiet",
    ],
    { cwd: root },
  ).catch(() => undefined);
  return JSON.parse(readFileSync(output, "utf8"));
}

const errors = (results: Result[]) => results.filter((result) => result.severity === 0);

describe("Spectral (spectral:oas) on the bundle", () => {
  it.each(["dist/openapi.yaml", "dist/openapi.json"])(
    "%s: no errors with the shipped .spectral.yaml",
    async (file) => {
      const results = await spectral(file, join(root, ".spectral.yaml"));
      expect(errors(results)).toEqual([]);
    },
    60_000,
  );

  it("without the override, exactly the known error on the XML example (control)", async () => {
    const plain = join(scratch, "plain.spectral.yaml");
    writeFileSync(plain, 'extends: ["spectral:oas"]\n');
    const found = errors(await spectral("dist/openapi.yaml", plain));
    expect(found.map((result) => [result.code, result.path.join("/")])).toEqual([
      ["oas3-valid-media-example", "components/examples/vendor-example-xml/value"],
    ]);
  }, 60_000);

  it("the shipped ruleset extends spectral:oas and overrides only that rule, saying why", () => {
    const text = readFileSync(join(root, ".spectral.yaml"), "utf8");
    expect(text).toMatch(/extends: \["spectral:oas"\]/);
    expect(text).toContain("stoplightio/spectral#2523");
    expect(text.match(/^\s+[a-z0-9-]+: "off"$/gm)).toEqual([
      '      oas3-valid-media-example: "off"',
    ]);
  });
});
