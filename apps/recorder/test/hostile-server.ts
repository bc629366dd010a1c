// A hostile SignereID server on loopback: real node:http on 127.0.0.1, answering whatever the test
// sets, and keeping the API-TOKEN of every request so a test can look for it in the file.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { withDefaults } from "@signereid/openapi";

/** The file read as every consumer reads a recording: the loader fills a left-out `expected`. */
function asLoaded(text: string) {
  const { file: _file, ...recording } = withDefaults(JSON.parse(text), "");
  return recording;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export interface HostileServer {
  url: string;
  /** What the next requests get; a function sees the token that request was signed with. */
  reply: Reply | ((token: string) => Reply);
  tokens: string[];
  close(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  const state: HostileServer = {
    url: "",
    reply: { body: "" },
    tokens: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    const token = String(request.headers["api-token"] ?? "");
    state.tokens.push(token);
    const reply = typeof state.reply === "function" ? state.reply(token) : state.reply;
    response.writeHead(reply.status ?? 200, reply.headers ?? {}).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

export const API_ID = "5a4f2c1e-9b8d-4e7f-a6c5-3d2b1a0f9e8d";
export const REQUEST_ID = "HostileTestSessionAbcdefghijklmnopqrstuvwxyzAB";
const cli = join(import.meta.dirname, "../dist/cli.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Every file in the output folder afterwards. */
  files: string[];
  /** The file's text, or undefined when nothing was written. */
  text: string | undefined;
  recording: any;
}

/** Runs the real CLI against `url` with the given key; reports the exit code and the file. */
export async function runCli(
  url: string,
  key: string,
  extra: string[] = [],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const out = mkdtempSync(join(tmpdir(), "signereid-hostile-"));
  const result = await promisify(execFile)(
    process.execPath,
    [cli, "--base-url", url, "--out", out, "--name", "case", "--request-id", REQUEST_ID, ...extra],
    {
      env: { ...process.env, SIGNEREID_API_ID: API_ID, SIGNEREID_SECONDARY_KEY: key, ...env },
    },
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  const file = join(out, "case.json");
  const text = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  const files = readdirSync(out);
  rmSync(out, { recursive: true, force: true });
  return {
    files,
    code: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    text,
    // Read as every consumer reads a recording: the loader fills `expected` when it is left out.
    recording: text === undefined ? undefined : asLoaded(text),
  };
}
