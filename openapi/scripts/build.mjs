// Lints the hand-written description, bundles it, adds the recordings as its examples
// (scripts/examples.mjs), writes dist/openapi.{json,yaml}, then lints the bundle, which is the
// first point at which the examples can be checked against their schemas. The `Recording` type is
// generated from recording.schema.json, the format's one definition.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";
import { stringify } from "yaml";
import { fillEvidenceTable } from "../plugins/evidence.js";
import { loadRecordings } from "../recordings.js";
import { injectExamples } from "./examples.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const redoclyBin = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" };

const redocly = (...args) =>
  execFileSync(process.execPath, [redoclyBin, ...args], { cwd: root, env, stdio: "inherit" });

rmSync(join(root, "dist"), { recursive: true, force: true });
mkdirSync(join(root, "dist"));
const schema = JSON.parse(readFileSync(join(root, "recording.schema.json"), "utf8"));
const bannerComment = "// Generated from recording.schema.json by scripts/build.mjs: do not edit.";
writeFileSync(
  join(root, "dist/recording.d.ts"),
  await compile(schema, "Recording", { bannerComment, additionalProperties: false }),
);
redocly("lint", "openapi.yaml");
redocly("bundle", "openapi.yaml", "-o", "dist/openapi.json");
const bundle = fillEvidenceTable(
  injectExamples(
    JSON.parse(readFileSync(join(root, "dist/openapi.json"), "utf8")),
    loadRecordings(),
  ),
);
writeFileSync(join(root, "dist/openapi.json"), `${JSON.stringify(bundle, null, 2)}\n`);
writeFileSync(
  join(root, "dist/openapi.yaml"),
  stringify(bundle, { lineWidth: 0, aliasDuplicateObjects: false }),
);
redocly("lint", "dist/openapi.yaml");
