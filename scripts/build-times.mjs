// Prints how long `turbo run build` takes cold (no turbo cache, no outputs) and warm (nothing
// changed: every task a cache hit). It measures in a temporary copy of the repository, so the
// working tree's dist/ folders (which a running `pnpm start` serves from) and its turbo cache are
// never touched: the copy holds the files git tracks or would track (what a fresh clone plus
// your uncommitted edits holds), gets its own node_modules from a frozen, offline `pnpm install`
// out of the machine's pnpm store (seconds: files are hard-linked, nothing is downloaded), a git
// index of its own, and is deleted afterwards.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { offlineEnv } from "./offline-env.mjs";

const root = join(import.meta.dirname, "..");
const env = { ...process.env, ...offlineEnv };

function timed(what, command, args, cwd) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${what} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  }
  return { seconds: (performance.now() - started) / 1000, stdout: result.stdout };
}

function build(copy) {
  const run = timed(
    "turbo run build",
    process.execPath,
    [join(copy, "scripts/turbo.mjs"), "run", "build", "--output-logs=none"],
    copy,
  );
  const cached = /Cached:\s+(\d+) cached, (\d+) total/.exec(run.stdout);
  return { ...run, cached: cached ? `${cached[1]}/${cached[2]} cached` : "?" };
}

const copy = mkdtempSync(join(tmpdir(), "signereid-build-times-"));
try {
  const files = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    {
      cwd: root,
      encoding: "utf8",
    },
  )
    .split("\0")
    .filter((file) => file && existsSync(join(root, file)));
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  // turbo hashes a task's inputs with git (and so skips ignored outputs like dist/): without a
  // repository every build output would count as a changed input and no run would ever hit.
  execFileSync("git", ["init", "-q"], { cwd: copy });
  execFileSync("git", ["add", "-A"], { cwd: copy });
  const pnpm = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager;
  const install = timed(
    "pnpm install",
    "npx",
    ["-y", pnpm, "install", "--offline", "--frozen-lockfile"],
    copy,
  );
  console.log(`build-times: measuring in ${copy} (${files.length} files, a fresh install)`);
  const cold = build(copy);
  const warm = build(copy);
  console.log(`pnpm install --offline, fresh copy: ${install.seconds.toFixed(1)} s`);
  console.log(`turbo run build, cold: ${cold.seconds.toFixed(1)} s (${cold.cached})`);
  console.log(
    `turbo run build, warm: ${warm.seconds.toFixed(1)} s (${warm.cached}), ${(cold.seconds / warm.seconds).toFixed(0)}× faster`,
  );
} finally {
  rmSync(copy, { recursive: true, force: true });
}
