// pnpm --filter @signereid/benchmarks bench:docs: the docs server's throughput and peak memory at
// 64 concurrent connections, BEFORE (src/baselines/docs-server-before.mjs: a file read per
// request) and AFTER (apps/docs/src/server.mjs: served from memory, precompressed), side by side
// in one run. Loopback only; needs apps/docs/dist built. Each server runs in its own child
// process, fresh for every round, so that its RSS is its own and no round inherits another's heap.
// The load is a plain keep-alive http.Agent loop: autocannon, tried first, topped out at about
// 400 MB/s on this machine and measured itself rather than the server.
import { fork } from "node:child_process";
import { once } from "node:events";
import { existsSync, statSync } from "node:fs";
import { Agent, get } from "node:http";
import { cpus } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { median } from "./rounds.mjs";

const DIST = join(import.meta.dirname, "..", "..", "..", "apps", "docs", "dist");
const SERVERS = {
  before: join(import.meta.dirname, "baselines", "docs-server-before.mjs"),
  after: join(import.meta.dirname, "..", "..", "..", "apps", "docs", "src", "server.mjs"),
};
const CONNECTIONS = 64;
// Both bounds hold for every round: it stops at whichever comes first.
const SECONDS = Number(process.env.BENCH_DOCS_SECONDS ?? 5);
const MAX_REQUESTS = Number(process.env.BENCH_DOCS_REQUESTS ?? 20_000);
// The cases alternate, so a change in the machine's load hits all of them; the median is shown.
const ROUNDS = Number(process.env.BENCH_DOCS_ROUNDS ?? 3);
// What a client asks for: curl or a script (no Accept-Encoding) and a browser.
const CLIENTS = {
  "no Accept-Encoding": {},
  "browser (gzip, deflate, br)": { "accept-encoding": "gzip, deflate, br" },
};

if (process.argv[2] === "--serve") await serve(process.argv[3]);
else await main();

/** Child mode: one docs server; reports its RSS peak since the last "reset". */
async function serve(module) {
  const { startDocsServer } = await import(pathToFileURL(module).href);
  const { url } = await startDocsServer({ dir: DIST });
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  setInterval(sample, 10);
  process.on("message", (what) => {
    if (what === "reset") peak = 0;
    sample();
    process.send({ rss: peak });
  });
  process.on("disconnect", () => process.exit(0));
  process.send({ url });
}

async function main() {
  if (!existsSync(join(DIST, "index.html"))) {
    console.error(
      "No apps/docs/dist/index.html: build the docs first (node scripts/turbo.mjs run build --filter=@signereid/docs).",
    );
    process.exit(1);
  }
  console.log(
    `Docs server, ${CONNECTIONS} connections, ${ROUNDS} rounds of ≤${SECONDS} s or ≤${MAX_REQUESTS} requests per case, ` +
      `GET / (index.html, ${(statSync(join(DIST, "index.html")).size / 1e6).toFixed(2)} MB)`,
  );
  console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}\n`);

  const results = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [client, headers] of Object.entries(CLIENTS)) {
      for (const [name, module] of Object.entries(SERVERS)) {
        const key = `${name}|${client}`;
        if (!results.has(key)) results.set(key, []);
        results.get(key).push(await measure(module, headers));
      }
    }
  }

  const rows = [];
  for (const client of Object.keys(CLIENTS)) {
    for (const name of Object.keys(SERVERS)) {
      const runs = results.get(`${name}|${client}`);
      rows.push({
        server: name,
        client,
        "req/s": Math.round(median(runs.map((run) => run.rps))),
        "MB/s sent": median(runs.map((run) => run.mbps)).toFixed(0),
        "p99 ms": Math.round(median(runs.map((run) => run.p99))),
        "idle RSS MB": median(runs.map((run) => run.idle)).toFixed(0),
        "peak RSS MB": Math.max(...runs.map((run) => run.peak)).toFixed(0),
        errors: runs.reduce((sum, run) => sum + run.errors, 0),
      });
    }
  }
  console.table(rows);
  console.log(
    "req/s and p99: median of the rounds; peak RSS: the highest of the rounds (sampled every 10 ms in the server's process).",
  );
}

async function measure(module, headers) {
  const child = fork(new URL(import.meta.url), ["--serve", module], { stdio: "inherit" });
  try {
    const [{ url }] = await once(child, "message");
    const rss = async (what) => {
      child.send(what);
      return (await once(child, "message"))[0].rss / 1e6;
    };
    const idle = await rss("reset");
    const load = await run(url, headers);
    return { ...load, idle, peak: await rss("peak") };
  } finally {
    child.kill();
  }
}

/** CONNECTIONS clients, each sending its next request when the last response has ended. */
async function run(url, headers) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies = [];
  let bytes = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  const client = async () => {
    while (performance.now() < deadline && latencies.length + errors < MAX_REQUESTS) {
      const sent = performance.now();
      await new Promise((resolve) => {
        const fail = () => resolve(errors++);
        get(url, { agent, headers, timeout: 10_000 }, (res) => {
          if (res.statusCode !== 200) errors++;
          res.on("data", (chunk) => {
            bytes += chunk.length;
          });
          res.on("end", () => resolve(latencies.push(performance.now() - sent)));
          res.on("error", fail);
        })
          .on("timeout", function () {
            this.destroy(new Error("timeout"));
          })
          .on("error", fail);
      });
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    mbps: bytes / 1e6 / seconds,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN,
    errors,
  };
}
