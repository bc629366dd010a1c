// Runs a command with a deadline and captured output, printing one progress line per command.
// A failure says which command failed, how, and its last output lines.
import { execFile } from "node:child_process";

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  ms: number;
}

export class CommandError extends Error {
  constructor(
    message: string,
    readonly result: RunResult & { code: number | string | null },
  ) {
    super(message);
  }
}

export function run(command: string, args: string[], options: RunOptions): Promise<RunResult> {
  const label = [command, ...args].join(" ");
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs ?? 120_000,
        killSignal: "SIGKILL",
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const ms = Math.round(performance.now() - started);
        if (error) {
          const code = error.killed ? "killed after the deadline" : (error.code ?? null);
          const tail = `${stdout}\n${stderr}`.trim().split("\n").slice(-30).join("\n");
          console.log(`  ✗ ${label} (${ms} ms, ${code})`);
          reject(
            new CommandError(`${label} failed (${code}) in ${options.cwd}:\n${tail}`, {
              stdout,
              stderr,
              ms,
              code,
            }),
          );
          return;
        }
        console.log(`  ✓ ${label} (${ms} ms)`);
        resolve({ stdout, stderr, ms });
      },
    );
  });
}
