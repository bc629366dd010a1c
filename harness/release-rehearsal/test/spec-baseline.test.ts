// The spec-change gate as CI runs it: the current bundle against the committed bundle of the last
// release (openapi/releases/<version>/openapi.json), with the repository's pending changesets.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript without declarations: the script runs with bare node
import { latestRelease } from "../../../scripts/release-baseline.mjs";

const root = join(import.meta.dirname, "../../..");
const gate = join(root, "scripts/spec-gate.mjs");
const work = mkdtempSync(join(tmpdir(), "signereid-spec-baseline-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function runGate(...args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [gate, ...args], {
      timeout: 30_000,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe("the spec-change gate against the last release", () => {
  const release: { version: string; file: string } = latestRelease() ?? {
    version: "none",
    file: "openapi/releases/<version>/openapi.json",
  };

  it("has a committed baseline no older than @signereid/openapi's version", () => {
    expect(release.version, "openapi/releases/<version>/openapi.json is missing").not.toBe("none");
    const current = JSON.parse(readFileSync(join(root, "openapi/package.json"), "utf8")).version;
    // Before a release the baseline is the pending version's bundle; after it, the released one.
    const [a = [], b = []] = [release.version, current].map((v) =>
      String(v).split(".").map(Number),
    );
    const i = a.findIndex((n, k) => n !== b[k]);
    expect(i === -1 || (a[i] ?? 0) > (b[i] ?? 0), `${release.version} < ${current}`).toBe(true);
    expect(JSON.parse(readFileSync(release.file, "utf8")).openapi).toMatch(/^3\.1\./);
  });

  it("passes on this tree: every change since the release is released and listed", async () => {
    const { code, stdout } = await runGate("--base", release.file);
    expect(stdout, stdout).toMatch(/no change to the description|changes released and listed/);
    expect(code, stdout).toBe(0);
  });

  it("fails when an operation is removed from the bundle and no major changeset says so", async () => {
    const head = JSON.parse(readFileSync(release.file, "utf8"));
    delete head.paths["/api/SignereId/Invalidate"];
    const headFile = join(work, "head.json");
    writeFileSync(headFile, JSON.stringify(head));
    const { code, stdout } = await runGate("--base", release.file, "--head", headFile);
    expect(stdout).toContain("BREAKING: Removed the operation `invalidateSignereIdSession`");
    expect(code).toBe(1);
  });

  it("takes the newest version folder as the last release (numeric order, not text order)", () => {
    const dir = join(work, "releases");
    for (const name of ["0.2.0", "0.10.0", "0.9.3", "notes"])
      mkdirSync(join(dir, name), { recursive: true });
    expect(latestRelease(dir)).toEqual({
      version: "0.10.0",
      file: join(dir, "0.10.0", "openapi.json"),
    });
    expect(latestRelease(join(work, "none"))).toBeUndefined();
  });

  it("moves the baseline at each release: `pnpm version-packages` copies the bundle after `changeset version`", () => {
    const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts;
    expect(scripts["version-packages"]).toMatch(
      /^changeset version && .*build.*@signereid\/openapi.* && node scripts\/release-baseline\.mjs$/,
    );
  });
});
