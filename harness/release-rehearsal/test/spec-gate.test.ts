// The spec-change gate (scripts/spec-gate.mjs) on the real bundle and on deliberately changed
// copies of it: each breaking change is found and fails the gate without a major changeset.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript without declarations: the gate runs with bare node
import { diffSpecs, judge } from "../../../scripts/spec-gate.mjs";

type Spec = {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, any> };
};
type Change = { breaking: boolean; text: string };

const gate = join(import.meta.dirname, "../../../scripts/spec-gate.mjs");
const bundlePath = createRequire(import.meta.url).resolve("@signereid/openapi/openapi.json");
const bundle = (): Spec => JSON.parse(readFileSync(bundlePath, "utf8"));
const work = mkdtempSync(join(tmpdir(), "signereid-spec-gate-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Runs the gate's command line on `head` against the real bundle, with these changesets.
async function runGate(head: Spec, changesets: Record<string, string>, ...flags: string[]) {
  const dir = mkdtempSync(join(work, "case-"));
  const headPath = join(dir, "openapi.json");
  writeFileSync(headPath, JSON.stringify(head));
  for (const [file, text] of Object.entries(changesets)) writeFileSync(join(dir, file), text);
  const args = [gate, "--base", bundlePath, "--head", headPath, "--changesets", dir, ...flags];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 30_000 });
    return { code: 0, stdout, dir };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout, dir };
  }
}

const BREAKING: [string, (spec: Spec) => void, RegExp][] = [
  [
    "a removed operation",
    (s) => delete s.paths["/api/SignereId/Invalidate"],
    /Removed the operation `invalidateSignereIdSession`/,
  ],
  [
    "a removed response field",
    (s) => delete s.components.schemas.SignereIdResponse.properties.Name,
    /200 response: removed the field `Name`/,
  ],
  [
    "a newly required request field",
    (s) => s.components.schemas.SignereIdRequest.required.push("PageTitle"),
    /request body, field `PageTitle`: is now required/,
  ],
  [
    "a narrowed request enum",
    (s) => s.components.schemas.Language.enum.pop(),
    /no longer allows `FI`/,
  ],
  [
    "a widened response enum",
    (s) => s.components.schemas.LoginStatus.enum.push("PENDING"),
    /may now be `PENDING`/,
  ],
  [
    "a type change",
    (s) => {
      s.components.schemas.SignereIdResponse.properties.Name = { type: "integer" };
    },
    /`Name`: the type changed from `null \| string` to `integer`/,
  ],
  [
    "a removed response status",
    (s) => delete s.paths["/api/SignereId/{RequestId}"]?.get.responses["404"],
    /no longer answers status 404/,
  ],
];

describe("the spec-change gate", () => {
  it("finds no change between the bundle and itself, and passes", async () => {
    expect(diffSpecs(bundle(), bundle())).toEqual([]);
    const { code, stdout } = await runGate(bundle(), {});
    expect(stdout).toContain("no change to the description");
    expect(code).toBe(0);
  });

  it("ignores documentation-only edits", () => {
    const head = bundle();
    head.components.schemas.SignereIdResponse.properties.Name.description = "reworded";
    expect(diffSpecs(bundle(), head)).toEqual([]);
  });

  it.each(BREAKING)(
    "classifies %s as breaking and fails without a major changeset",
    async (_name, change, words) => {
      const head = bundle();
      change(head);
      const changes: Change[] = diffSpecs(bundle(), head);
      expect(changes.some((c) => c.breaking && words.test(c.text))).toBe(true);
      const minor = `---\n"@signereid/openapi": minor\n---\n\n${changes.map((c) => c.text).join("\n")}\n`;
      const { code, stdout } = await runGate(head, { "minor.md": minor });
      expect(stdout).toMatch(/BREAKING: /);
      expect(stdout).toContain("no changeset releases @signereid/openapi as major");
      expect(code).toBe(1);
    },
  );

  it("fails a breaking change without a changeset, and passes once --write has added the major one that lists it", async () => {
    const head = bundle();
    delete head.paths["/api/SignereId/Invalidate"];
    expect((await runGate(head, {})).code).toBe(1);
    const first = await runGate(head, {}, "--write");
    expect(first.stdout).toContain("changes released and listed");
    expect(first.code).toBe(0);
    const written = readFileSync(join(first.dir, "spec-changes.md"), "utf8");
    expect(written).toMatch(/^---\n"@signereid\/openapi": major\n---/);
    expect(written).toContain("**Breaking:** Removed the operation `invalidateSignereIdSession`");
    const second = await runGate(head, { "spec-changes.md": written });
    expect(second.stdout).toContain("changes released and listed");
    expect(second.code).toBe(0);
  });

  it("calls an added operation and an added optional field compatible, but wants them in the changelog", () => {
    const head = bundle();
    head.paths["/api/Status/Ping"] = {
      get: { operationId: "ping", responses: { "204": { description: "up" } } },
    };
    head.components.schemas.SignereIdResponse.properties.Nickname = { type: "string" };
    const changes: Change[] = diffSpecs(bundle(), head);
    expect(changes.map((c) => c.breaking)).toEqual(changes.map(() => false));
    expect(changes.map((c) => c.text)).toEqual(
      expect.arrayContaining([
        "Added the operation `ping` (GET /api/Status/Ping).",
        expect.stringMatching(/added the optional field `Nickname`/),
      ]),
    );
    expect(judge(changes, []).ok).toBe(false);
    const listed = [{ type: "minor", summary: changes.map((c) => c.text).join("\n") }];
    expect(judge(changes, listed).ok).toBe(true);
    expect(judge(changes, [{ type: "minor", summary: "Some changes." }]).ok).toBe(false);
  });
});
