// pnpm --filter @signereid/benchmarks bench:mock: the mock API's throughput at 16 concurrent
// connections with valid signatures, side by side in one run with a bare node:http server that
// answers the same bytes (the ceiling for this machine, load generator and Node version).
// Loopback only. Each server runs in its own child process so that it does not share an event
// loop with the load generator (autocannon). Every request carries a fresh signature: a new
// API-TIMESTAMP and an HMAC-SHA512 made for it, as a real client sends.
import { fork } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import { cpus } from "node:os";
import autocannon from "autocannon";

const CONNECTIONS = 16;
// Both bounds hold for every run: it stops at whichever comes first.
const SECONDS = Number(process.env.BENCH_MOCK_SECONDS ?? 3);
const MAX_REQUESTS = Number(process.env.BENCH_MOCK_REQUESTS ?? 200_000);
const WARMUP_SECONDS = 1;
// The two cases alternate, so a change in the machine's load hits both; the median is reported.
const ROUNDS = 3;
const REQUEST_ID = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";
const PATH = `/api/SignereId/${REQUEST_ID}?metadata=true`;

if (process.argv[2] === "--serve") await serve(process.argv[3]);
else await main();

/** Child mode: one server on 127.0.0.1, its port sent to the parent. */
async function serve(kind) {
  if (kind === "mock") {
    const { startMockApi } = await import("@signereid/mock-api");
    const mock = await startMockApi({ log: false });
    process.send({ port: mock.port });
    return;
  }
  // The bare server answers the bytes the mock answered (status, content-type, body) to anything.
  const [{ contentType, body }] = await once(process, "message");
  const server = createServer((_req, res) => {
    res.writeHead(200, { date: new Date().toUTCString(), "content-type": contentType }).end(body);
  });
  server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
}

async function start(kind, message) {
  const child = fork(new URL(import.meta.url), ["--serve", kind], { stdio: "inherit" });
  if (message) child.send(message);
  const [{ port }] = await once(child, "message");
  return { child, port };
}

function signedHeaders(port, { apiId, secondaryKey }) {
  const timestamp = new Date().toISOString().slice(0, 19);
  const url = `http://127.0.0.1:${port}${PATH}`;
  const token = createHmac("sha512", secondaryKey)
    .update(`${url}&Timestamp=${timestamp}&Httpverb=GET`)
    .digest("hex")
    .toUpperCase();
  return {
    host: `127.0.0.1:${port}`,
    accept: "application/json",
    "API-ID": apiId,
    "API-TIMESTAMP": timestamp,
    "API-ALGORITHM": "SHA512",
    "API-TOKEN": token,
    "API-USINGSECONDARYTOKEN": "true",
    "API-RETURNERRORHEADER": "true",
  };
}

async function load(port, account, seconds) {
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    amount: MAX_REQUESTS,
    requests: [
      {
        method: "GET",
        path: PATH,
        setupRequest: (request) => ({ ...request, headers: signedHeaders(port, account) }),
      },
    ],
  });
  // `amount` bounds the count; this bounds the time.
  const timer = setTimeout(() => instance.stop(), seconds * 1000);
  const result = await instance;
  clearTimeout(timer);
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) {
    throw new Error(`${bad} of ${result.requests.total} requests failed: not a valid benchmark`);
  }
  return result;
}

async function main() {
  const { DEMO_ACCOUNT } = await import("@signereid/mock-api");
  const mock = await start("mock");
  // One signed request, to give the bare server the mock's exact answer (and check it is a 200).
  const sample = await fetch(`http://127.0.0.1:${mock.port}${PATH}`, {
    headers: signedHeaders(mock.port, DEMO_ACCOUNT),
  });
  if (sample.status !== 200) throw new Error(`the mock answered ${sample.status} to a signed call`);
  const bare = await start("bare", {
    contentType: sample.headers.get("content-type"),
    body: await sample.text(),
  });

  console.log(
    `Mock API throughput: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ` +
      `${CONNECTIONS} connections, ${ROUNDS} alternating rounds of up to ${SECONDS} s or ` +
      `${MAX_REQUESTS} requests per case (median shown), ` +
      "a fresh signature (HMAC-SHA512) per request, autocannon on 127.0.0.1",
  );
  const cases = [
    { name: "bare node:http, same bytes", server: bare, runs: [] },
    { name: "@signereid/mock-api", server: mock, runs: [] },
  ];
  try {
    for (const { server } of cases) await load(server.port, DEMO_ACCOUNT, WARMUP_SECONDS);
    for (let round = 0; round < ROUNDS; round++) {
      for (const { server, runs } of cases)
        runs.push(await load(server.port, DEMO_ACCOUNT, SECONDS));
    }
  } finally {
    mock.child.kill();
    bare.child.kill();
  }
  const rows = cases.map(({ name, runs }) => {
    const median = runs.toSorted((a, b) => a.requests.average - b.requests.average)[
      runs.length >> 1
    ];
    return {
      case: name,
      "req/s": Math.round(median.requests.average),
      "all rounds": runs.map((run) => Math.round(run.requests.average)).join(" / "),
      "p50 ms": median.latency.p50,
      "p99 ms": median.latency.p99,
    };
  });
  console.table(rows);
  const [limit, measured] = rows;
  console.log(
    `mock / bare: ${(measured["req/s"] / limit["req/s"]).toFixed(2)} ` +
      `(the mock reaches ${((100 * measured["req/s"]) / limit["req/s"]).toFixed(0)}% of the bare server)`,
  );
}
