// pnpm --filter @signereid/benchmarks bench:sandbox: the sandbox's throughput at 16 concurrent
// connections with valid signatures, for lookups (GET of a logged-in sandbox session) and for
// creates (POST, each a new session), side by side in one run with a bare node:http server that
// answers the same bytes (the ceiling for this machine, load generator and Node version); then
// the peak memory of each after 100 000 creates (the sandbox with its default cap of 10 000).
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
const SECONDS = Number(process.env.BENCH_SANDBOX_SECONDS ?? 3);
const MAX_REQUESTS = Number(process.env.BENCH_SANDBOX_REQUESTS ?? 200_000);
const MEMORY_CREATES = Number(process.env.BENCH_SANDBOX_CREATES ?? 100_000);
const WARMUP_SECONDS = 1;
// The cases alternate, so a change in the machine's load hits both; the median is reported.
const ROUNDS = 3;
const CREATE_BODY = JSON.stringify({
  CancelUrl: "http://127.0.0.1:9/cancel?id=[1]",
  ErrorUrl: "http://127.0.0.1:9/error?status=[0]&id=[1]",
  SuccessUrl: "http://127.0.0.1:9/success?id=[1]&ref=[2]",
  ExternalReference: "bench",
  IdentityProvider: "NO_BANKID_WEB",
  GetSocialSecurityNumber: true,
});

if (process.argv[2] === "--serve") await serve(process.argv[3]);
else await main();

/** Child mode: one server on 127.0.0.1, its port sent to the parent; its peak RSS on request. */
async function serve(kind) {
  let peak = 0;
  setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10).unref();
  process.on("message", (message) => {
    if (message === "peak") process.send({ peak: Math.max(peak, process.memoryUsage().rss) });
  });
  if (kind === "sandbox") {
    const { startSandbox } = await import("@signereid/sandbox");
    const sandbox = await startSandbox({ log: false });
    process.send({ port: sandbox.port });
    return;
  }
  // The bare server answers the bytes the sandbox answered (status, content-type, body): the
  // lookup's to a GET, the create's to a POST, after reading the body as the sandbox must.
  const [answers] = await once(process, "message");
  const server = createServer((req, res) => {
    const { contentType, body } = answers[req.method === "POST" ? "create" : "lookup"];
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { date: new Date().toUTCString(), "content-type": contentType }).end(body);
    });
  });
  server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
}

async function start(kind, message) {
  const child = fork(new URL(import.meta.url), ["--serve", kind], { stdio: "inherit" });
  if (message) child.send(message);
  const [{ port }] = await once(child, "message");
  return { child, port };
}

async function peakRss(child) {
  child.send("peak");
  const [{ peak }] = await once(child, "message");
  return peak;
}

/** Signing headers for a GET of `path` (URL recipe) or a POST of CREATE_BODY (body recipe). */
function signedHeaders(port, { apiId, secondaryKey }, method, path) {
  const timestamp = new Date().toISOString().slice(0, 19);
  const message =
    method === "POST"
      ? `${CREATE_BODY}{Timestamp:"${timestamp}",Httpverb:"POST"}`
      : `http://127.0.0.1:${port}${path}&Timestamp=${timestamp}&Httpverb=GET`;
  const token = createHmac("sha512", secondaryKey).update(message).digest("hex").toUpperCase();
  return {
    host: `127.0.0.1:${port}`,
    accept: "application/json",
    ...(method === "POST" ? { "content-type": "application/json; charset=UTF-8" } : {}),
    "API-ID": apiId,
    "API-TIMESTAMP": timestamp,
    "API-ALGORITHM": "SHA512",
    "API-TOKEN": token,
    "API-USINGSECONDARYTOKEN": "true",
    "API-RETURNERRORHEADER": "true",
  };
}

async function load(port, account, { method, path }, seconds, amount = MAX_REQUESTS) {
  const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    amount,
    requests: [
      {
        method,
        path,
        ...(method === "POST" ? { body: CREATE_BODY } : {}),
        setupRequest: (request) => ({
          ...request,
          headers: signedHeaders(port, account, method, path),
        }),
      },
    ],
  });
  // `amount` bounds the count; this bounds the time.
  const timer = seconds ? setTimeout(() => instance.stop(), seconds * 1000) : undefined;
  const result = await instance;
  clearTimeout(timer);
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) {
    throw new Error(
      `${bad} of ${result.requests.total} ${method} requests failed (status ${JSON.stringify(result.statusCodeStats)}, ${result.errors} errors): not a valid benchmark`,
    );
  }
  return result;
}

/** A logged-in sandbox session: created by a signed POST, completed through the login form. */
async function loggedIn(port, account) {
  const create = await fetch(`http://127.0.0.1:${port}/api/SignereId`, {
    method: "POST",
    headers: signedHeaders(port, account, "POST"),
    body: CREATE_BODY,
  });
  if (create.status !== 200) throw new Error(`the sandbox answered ${create.status} to a create`);
  const created = await create.text();
  const { Url, RequestId } = JSON.parse(created);
  const form = await fetch(Url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "person=no-web-1&outcome=login",
    redirect: "manual",
  });
  if (form.status !== 303) throw new Error(`the login form answered ${form.status}`);
  const path = `/api/SignereId/${RequestId}?metadata=true`;
  const lookup = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: signedHeaders(port, account, "GET", path),
  });
  if (lookup.status !== 200) throw new Error(`the sandbox answered ${lookup.status} to a lookup`);
  return {
    path,
    answers: {
      create: { contentType: create.headers.get("content-type"), body: created },
      lookup: { contentType: lookup.headers.get("content-type"), body: await lookup.text() },
    },
  };
}

function median(runs) {
  return runs.toSorted((a, b) => a.requests.average - b.requests.average)[runs.length >> 1];
}

function mb(bytes) {
  return (bytes / 1024 / 1024).toFixed(0);
}

async function main() {
  const { DEMO_ACCOUNT } = await import("@signereid/sandbox");
  const sandbox = await start("sandbox");
  const { path, answers } = await loggedIn(sandbox.port, DEMO_ACCOUNT);
  const bare = await start("bare", answers);

  console.log(
    `Sandbox throughput: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ` +
      `${CONNECTIONS} connections, ${ROUNDS} alternating rounds of up to ${SECONDS} s or ` +
      `${MAX_REQUESTS} requests per case (median shown), ` +
      "a fresh signature (HMAC-SHA512) per request, autocannon on 127.0.0.1",
  );
  const requests = {
    lookup: { method: "GET", path },
    create: { method: "POST", path: "/api/SignereId" },
  };
  const cases = [];
  for (const operation of ["lookup", "create"])
    for (const [name, server] of [
      ["bare node:http, same bytes", bare],
      ["@signereid/sandbox", sandbox],
    ])
      cases.push({ operation, name, server, runs: [] });
  try {
    // Lookups first: the creates' flood evicts the looked-up session once past the cap.
    for (const operation of ["lookup", "create"]) {
      const pair = cases.filter((c) => c.operation === operation);
      for (const { server } of pair)
        await load(server.port, DEMO_ACCOUNT, requests[operation], WARMUP_SECONDS);
      for (let round = 0; round < ROUNDS; round++) {
        for (const { server, runs } of pair)
          runs.push(await load(server.port, DEMO_ACCOUNT, requests[operation], SECONDS));
      }
    }
  } finally {
    sandbox.child.kill();
    bare.child.kill();
  }
  const rows = cases.map(({ operation, name, runs }) => ({
    operation,
    case: name,
    "req/s": Math.round(median(runs).requests.average),
    "all rounds": runs.map((run) => Math.round(run.requests.average)).join(" / "),
    "p50 ms": median(runs).latency.p50,
    "p99 ms": median(runs).latency.p99,
  }));
  console.table(rows);
  for (const operation of ["lookup", "create"]) {
    const [limit, measured] = rows.filter((row) => row.operation === operation);
    console.log(
      `${operation}: sandbox / bare ${(measured["req/s"] / limit["req/s"]).toFixed(2)} ` +
        `(the sandbox reaches ${((100 * measured["req/s"]) / limit["req/s"]).toFixed(0)}% of the bare server)`,
    );
  }

  // Memory: fresh servers, MEMORY_CREATES signed creates each, peak RSS sampled every 10 ms.
  const memory = [];
  for (const [name, kind] of [
    ["bare node:http, same bytes", "bare"],
    ["@signereid/sandbox (maxSessions 10 000)", "sandbox"],
  ]) {
    const server = await start(kind, kind === "bare" ? answers : undefined);
    try {
      const before = await peakRss(server.child);
      const result = await load(server.port, DEMO_ACCOUNT, requests.create, 0, MEMORY_CREATES);
      memory.push({
        case: name,
        creates: result.requests.total,
        "RSS at start MB": mb(before),
        "peak RSS MB": mb(await peakRss(server.child)),
      });
    } finally {
      server.child.kill();
    }
  }
  console.table(memory);
}
