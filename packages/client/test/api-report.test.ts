// The public API report (etc/*.api.md, API Extractor): every change to what consumers import
// must show up in review. These tests build the report from the built declarations and fail when
// it differs from the committed one; the last test proves that a change to the surface is caught.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Extractor, ExtractorConfig, type IConfigFile } from "@microsoft/api-extractor";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const UPDATE = "pnpm --filter @signereid/client api:update";
// API Extractor loads TypeScript and the whole declaration graph: seconds per report.
const TIMEOUT = 120_000;

// The temporary entry points live inside the package so `openapi-fetch` still resolves.
const cache = join(root, "node_modules/.cache");
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, "api-report-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Builds the report for `entry` (default: the config's) and compares it with the committed one. */
function report(configFile: string, entry?: string) {
  const configObjectFullPath = join(root, configFile);
  const configObject: IConfigFile = ExtractorConfig.loadFile(configObjectFullPath);
  const tempFolder = mkdtempSync(join(work, "report-"));
  if (entry) configObject.mainEntryPointFilePath = entry;
  configObject.apiReport = {
    ...configObject.apiReport,
    enabled: true,
    reportTempFolder: tempFolder,
  };
  const config = ExtractorConfig.prepare({
    configObject,
    configObjectFullPath,
    packageJsonFullPath: join(root, "package.json"),
  });
  const errors: string[] = [];
  // localBuild false is CI mode: the committed report is compared, never rewritten.
  const result = Extractor.invoke(config, {
    localBuild: false,
    messageCallback: (message) => {
      if (message.logLevel === "error" && message.messageId !== "console-api-report-changed") {
        errors.push(message.text);
      }
      message.handled = true;
    },
  });
  const fileName = config.reportConfigs[0]?.fileName ?? "";
  const committed = readFileSync(join(root, "etc", fileName), "utf8");
  const built = readFileSync(join(tempFolder, fileName), "utf8");
  return { result, errors, fileName, committed, built };
}

/** The lines of `built` that `committed` lacks and the other way round, for the message. */
function difference(committed: string, built: string) {
  const [before, after] = [committed.split("\n"), built.split("\n")];
  const added = after.filter((line) => !before.includes(line)).map((line) => `+ ${line}`);
  const removed = before.filter((line) => !after.includes(line)).map((line) => `- ${line}`);
  return [...removed, ...added].slice(0, 20).join("\n");
}

describe("the public API report", () => {
  it.each([
    ["api-extractor.json", "."],
    ["api-extractor.xml.json", "./xml"],
  ])(
    "%s: the committed report matches the %s entry point's declarations",
    (configFile) => {
      const { result, errors, fileName, committed, built } = report(configFile);
      expect(errors).toEqual([]);
      const message =
        `The public API of @signereid/client changed but etc/${fileName} was not updated (- committed, + built):\n` +
        `${difference(committed, built)}\n` +
        `If the change is intended, run \`${UPDATE}\` and commit etc/${fileName} with it.`;
      expect(result.apiReportChanged, message).toBe(false);
      expect(built).toBe(committed);
    },
    TIMEOUT,
  );

  it(
    "catches a deliberate change: a new export and a changed signature in a modified index.d.ts",
    () => {
      const entry = join(mkdtempSync(join(work, "entry-")), "index.d.ts");
      copyFileSync(join(root, "dist/index.d.ts"), entry);
      const original = readFileSync(entry, "utf8");
      const signature =
        "declare function bodyToSign(body: string, timestamp: string, method: string): string;";
      expect(original).toContain(signature);
      writeFileSync(
        entry,
        `${original.replace(signature, signature.replace("method: string", "method: 'POST' | 'PUT'"))}\nexport declare const addedForTheTest: number;\n`,
      );

      const { result, committed, built } = report("api-extractor.json", entry);

      expect(result.apiReportChanged).toBe(true);
      expect(difference(committed, built)).toContain(
        "+ export function bodyToSign(body: string, timestamp: string, method: 'POST' | 'PUT'): string;",
      );
      expect(built).toContain("export const addedForTheTest: number;");
      // The committed report is compared, never rewritten, outside `api:update`.
      expect(readFileSync(join(root, "etc/client.api.md"), "utf8")).toBe(committed);
    },
    TIMEOUT,
  );
});
