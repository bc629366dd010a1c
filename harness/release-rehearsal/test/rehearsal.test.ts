// The release rehearsal: the real Changesets flow, in a temporary copy of the repository,
// publishes every public package to a Verdaccio registry on 127.0.0.1 (no uplink); a scratch
// project outside the workspace installs each by name from it, type-checks a consumer program
// under node16 as ESM and CJS, and runs both through the installed client against the installed
// sandbox, started by its own bin.
import { type ChildProcess, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadRecordings } from "@signereid/openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_PACKAGES } from "../src/public-packages.js";
import { type Registry, startRegistry } from "../src/registry.js";
import { run } from "../src/run.js";
import { seedDependencies } from "../src/seed.js";
import { copyWorkspace } from "../src/workspace-copy.js";

const harness = join(import.meta.dirname, "..");
const root = join(harness, "../..");
const changeset = join(root, "node_modules/@changesets/cli/bin.js");
const require = createRequire(import.meta.url);
const REQUEST_ID = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2"; // the vendor example the sandbox serves

let work: string;
let repo: string;
let scratch: string;
let registry: Registry;
let sandbox: ChildProcess | undefined;
let env: NodeJS.ProcessEnv;
const versions = new Map<string, string>();
let checked = false;
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
const started = performance.now();
const untouched = PUBLIC_PACKAGES.map(({ dir }) =>
  readFileSync(join(root, dir, "package.json"), "utf8"),
);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "signereid-release-"));
  repo = join(work, "repo");
  scratch = join(work, "consumer");
  registry = await startRegistry(join(work, "registry"));
  const npmrc = join(work, "npmrc");
  writeFileSync(npmrc, registry.npmrc);
  // Only this registry, this cache and these tools: nothing inherited can point npm elsewhere.
  const inherited = Object.entries(process.env).filter(
    ([key]) => !/^(npm|pnpm)_(config|package|lifecycle)_/i.test(key),
  );
  env = {
    ...Object.fromEntries(inherited),
    PATH: `${join(harness, "node_modules/.bin")}:${process.env.PATH}`,
    npm_config_registry: registry.url,
    npm_config_userconfig: npmrc,
    npm_config_cache: join(work, "npm-cache"),
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
    NO_COLOR: "1",
  };
  console.log(`rehearsal: Verdaccio on ${registry.url}, storage in ${work}, no uplink`);
}, 30_000);

afterAll(async () => {
  await registry?.close();
  // The whole group: npx and the sandbox's node under it.
  if (sandbox?.pid && sandbox.exitCode === null) process.kill(-sandbox.pid, "SIGTERM");
  if (work && !process.env.REHEARSAL_KEEP) rmSync(work, { recursive: true, force: true });
  console.log(`rehearsal: ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
});

describe("the release rehearsal", () => {
  it("changeset version writes each public package's version and CHANGELOG in a copy of the repository", async () => {
    copyWorkspace(root, repo);
    writeFileSync(
      join(repo, ".npmrc"),
      `${readFileSync(join(repo, ".npmrc"), "utf8")}${registry.npmrc}`,
    );
    await run(process.execPath, [changeset, "version"], { cwd: repo, env, timeoutMs: 60_000 });
    for (const { name, dir } of PUBLIC_PACKAGES) {
      const { version, private: isPrivate } = manifest(join(repo, dir));
      expect(isPrivate, `${name} must not be private`).toBeFalsy();
      expect(readFileSync(join(repo, dir, "CHANGELOG.md"), "utf8")).toContain(`## ${version}`);
      versions.set(name, version);
      console.log(`rehearsal: ${name} will be released as ${version}`);
    }
    // The working tree is left as it was.
    expect(
      PUBLIC_PACKAGES.map(({ dir }) => readFileSync(join(root, dir, "package.json"), "utf8")),
    ).toEqual(untouched);
  }, 90_000);

  it("every public package passes publint and attw before it is published", async () => {
    for (const { dir, attw } of PUBLIC_PACKAGES) {
      await run("publint", ["--strict", dir], { cwd: repo, env, timeoutMs: 60_000 });
      await run("attw", ["--pack", dir, "--profile", "node16", ...attw], {
        cwd: repo,
        env,
        timeoutMs: 120_000,
      });
    }
    checked = true;
  }, 300_000);

  it("changeset publish puts every public package on the loopback registry", async () => {
    expect(checked, "publint and attw must pass before anything is published").toBe(true);
    await run(process.execPath, [changeset, "publish", "--no-git-tag"], {
      cwd: repo,
      env,
      timeoutMs: 180_000,
    });
    for (const { name } of PUBLIC_PACKAGES) {
      const response = await fetch(`${registry.url}${name.replace("/", "%2f")}`);
      const packument = (await response.json()) as {
        "dist-tags": { latest: string };
        versions: Record<string, { repository: { directory: string } }>;
      };
      expect(packument["dist-tags"].latest).toBe(versions.get(name));
      expect(packument.versions[versions.get(name) ?? ""]?.repository.directory).toBeTruthy();
    }
  }, 240_000);

  it("a scratch project outside the workspace installs each public package by name from the loopback registry", async () => {
    // The registry has no uplink: it gets the exact third-party versions from this workspace.
    const thirdParty = PUBLIC_PACKAGES.flatMap(({ dir }) =>
      Object.keys(manifest(join(repo, dir)).dependencies ?? {})
        .filter((dep) => !PUBLIC_PACKAGES.some((pkg) => pkg.name === dep))
        .map((name) => ({ name, fromDir: join(root, dir) })),
    );
    const tools = ["typescript", "@types/node"].map((name) => ({ name, fromDir: harness }));
    const seeded = await seedDependencies(registry, [...thirdParty, ...tools], env);
    console.log(`rehearsal: seeded ${seeded.join(", ")}`);

    mkdirSync(scratch);
    cpSync(join(harness, "consumer"), scratch, { recursive: true });
    writeFileSync(
      join(scratch, "package.json"),
      JSON.stringify({ name: "consumer", version: "0.0.0", private: true }),
    );
    const typescript = `typescript@${manifest(join(harness, "node_modules/typescript")).version}`;
    const nodeTypes = `@types/node@${manifest(join(harness, "node_modules/@types/node")).version}`;
    const names = PUBLIC_PACKAGES.map(({ name }) => name);
    await run("npm", ["install", "--save-exact", ...names, typescript, nodeTypes], {
      cwd: scratch,
      env,
      timeoutMs: 180_000,
    });

    const lock = JSON.parse(readFileSync(join(scratch, "package-lock.json"), "utf8"));
    for (const name of names) {
      const entry = lock.packages[`node_modules/${name}`];
      console.log(`rehearsal: installed ${name}@${entry.version} by name from ${entry.resolved}`);
      expect(entry.version).toBe(versions.get(name));
      expect(entry.resolved.startsWith(registry.url)).toBe(true);
      const installed = join(scratch, "node_modules", name);
      expect(existsSync(join(installed, "LICENSE"))).toBe(true);
      expect(readFileSync(join(installed, "README.md"), "utf8")).toContain(`npm install ${name}`);
      expect(readFileSync(join(installed, "CHANGELOG.md"), "utf8")).toContain(
        `## ${entry.version}`,
      );
    }
    const elsewhere = Object.entries(lock.packages as Record<string, { resolved?: string }>)
      .filter(([, entry]) => entry.resolved && !entry.resolved.startsWith(registry.url))
      .map(([path]) => path);
    expect(elsewhere).toEqual([]);
  }, 300_000);

  it("the installed sandbox's bin answers --version with the released version", async () => {
    const { stdout } = await run("npx", ["--no-install", "signereid-sandbox", "--version"], {
      cwd: scratch,
      env,
    });
    expect(stdout.trim()).toContain(versions.get("@signereid/sandbox"));
  });

  it("the consumer program type-checks under node16 and calls the installed sandbox (started by its bin) through the installed client (signed GET, and POST in ESM), as ESM and as CJS", async () => {
    await run(process.execPath, [join(scratch, "node_modules/typescript/bin/tsc"), "-p", "."], {
      cwd: scratch,
      env,
      timeoutMs: 120_000,
    });
    const url = await startInstalledSandbox();
    console.log(`rehearsal: the installed sandbox (npx signereid-sandbox --port 0) on ${url}`);
    const bundle = require("@signereid/openapi/openapi.json");
    const expected = {
      name: "Stein Olav Hagen Davidsen",
      status: "LOGIN",
      rejectedWith: expect.any(Number),
      openapi: bundle.openapi,
      paths: Object.keys(bundle.paths).length,
    };
    const esm = await run(process.execPath, ["out/esm.mjs", url, REQUEST_ID], {
      cwd: scratch,
      env,
    });
    expect(JSON.parse(esm.stdout)).toEqual({
      module: "esm",
      ...expected,
      // Every create is a fresh session on the sandbox's own login page.
      created: expect.stringMatching(/^[A-Za-z0-9_-]{1,512}$/),
      createdUrl: expect.stringMatching(new RegExp(`^${url}/login/[A-Za-z0-9_-]+$`)),
      recordings: loadRecordings().length,
      vectors: require("@signereid/openapi/signing-vectors.json").vectors.length,
    });
    const cjs = await run(process.execPath, ["out/cjs.cjs", url, REQUEST_ID], {
      cwd: scratch,
      env,
    });
    expect(JSON.parse(cjs.stdout)).toEqual({ module: "cjs", ...expected });
    for (const output of [esm, cjs])
      expect([401, 403]).toContain(JSON.parse(output.stdout).rejectedWith);
    const { created, createdUrl } = JSON.parse(esm.stdout);
    expect(created).not.toBe(REQUEST_ID);
    expect(createdUrl).toBe(`${url}/login/${created}`);
  }, 180_000);

  it("the spec-change gate compares the build with the release it just published, and passes", async () => {
    const gate = await run(
      process.execPath,
      [join(root, "scripts/spec-gate.mjs"), "--registry", registry.url],
      { cwd: root, env },
    );
    expect(gate.stdout).toContain(
      `comparing with @signereid/openapi@${versions.get("@signereid/openapi")}`,
    );
    expect(gate.stdout).toContain("no change to the description");
  }, 60_000);
});

/** Starts the scratch project's installed sandbox by its bin, and resolves to its URL. */
function startInstalledSandbox(): Promise<string> {
  // No SIGNEREID_SANDBOX_* from this machine: the installed sandbox runs with its demo account.
  const clean = Object.fromEntries(
    Object.entries(env).filter(([key]) => !key.startsWith("SIGNEREID_")),
  );
  const child = spawn("npx", ["--no-install", "signereid-sandbox", "--port", "0"], {
    cwd: scratch,
    env: clean,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so that killing it ends npx and the node under it
  });
  sandbox = child;
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(
      () => reject(new Error(`no URL from the sandbox:\n${output}`)),
      20_000,
    );
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the installed sandbox exited (${code}):\n${output}`));
    });
  });
}
