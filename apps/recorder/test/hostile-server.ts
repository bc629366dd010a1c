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
  /** Every request as the server received it, body included. */
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export async function startHostileServer(): Promise<HostileServer> {
  const state: HostileServer = {
    url: "",
    reply: { body: "" },
    tokens: [],
    requests: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    const token = String(request.headers["api-token"] ?? "");
    state.tokens.push(token);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const { method = "", url = "", headers } = request;
      state.requests.push({ method, url, headers, body: Buffer.concat(chunks).toString("utf8") });
      const reply = typeof state.reply === "function" ? state.reply(token) : state.reply;
      response.writeHead(reply.status ?? 200, reply.headers ?? {}).end(reply.body);
    });
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
export function runCli(
  url: string,
  key: string,
  extra: string[] = [],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runRecorder(url, key, ["--request-id", REQUEST_ID, ...extra], env);
}

/** Runs the real CLI with `args` (an operationId first, if any), writing `case.json`. */
export async function runRecorder(
  url: string,
  key: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const out = mkdtempSync(join(tmpdir(), "signereid-hostile-"));
  const result = await promisify(execFile)(
    process.execPath,
    [cli, ...args, "--base-url", url, "--out", out, "--name", "case"],
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
