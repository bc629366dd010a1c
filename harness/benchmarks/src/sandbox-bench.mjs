// pnpm --filter @signereid/benchmarks bench:sandbox: the sandbox's throughput at 16 concurrent
// connections with valid signatures, for lookups (GET of a logged-in sandbox session) and for
// creates (POST, each a new session), against a bare node:http server that answers the same bytes
// (the control: the ceiling for this machine, load generator and Node version) and Prism 5 mocking
// the same bundle (a peer; it checks no signature). The cases run interleaved in rounds, in a
// rotating order, the bare server twice per round (an A/A check of the noise); each case's
// figure is its ratio to the bare server of the same round, reported as the median with min–max.
// Then the peak memory of bare and sandbox after 100 000 creates (the sandbox with its default cap
// of 10 000). Loopback only; each server runs in its own process, apart from the load generator
// (autocannon). Every request carries a fresh signature: a new API-TIMESTAMP and an HMAC-SHA512
// made for it, as a real client sends.
import { fork, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import autocannon from "autocannon";
import { median } from "./rounds.mjs";

const CONNECTIONS = 16;
// Both bounds hold for every run: it stops at whichever comes first.
const SECONDS = Number(process.env.BENCH_SANDBOX_SECONDS ?? 2);
const MAX_REQUESTS = Number(process.env.BENCH_SANDBOX_REQUESTS ?? 200_000);
const MEMORY_CREATES = Number(process.env.BENCH_SANDBOX_CREATES ?? 100_000);
const WARMUP_SECONDS = 1;
// Every case runs once per round, so a change in the machine's load hits them all alike.
const ROUNDS = Number(process.env.BENCH_SANDBOX_ROUNDS ?? 5);
/** The goals of issue 15. */
const GOAL_RATIO = 0.4;
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
      // Framed as the sandbox frames it: Content-Length, not chunked.
      res
        .writeHead(200, {
          date: new Date().toUTCString(),
          "content-type": contentType,
          "content-length": Buffer.byteLength(body),
        })
        .end(body);
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

/**
 * Prism 5 mocking the bundled description on a free loopback port, logging errors only (its
 * fastest setting); it checks that the security headers are present, never a signature.
 */
async function startPrism() {
  const require = createRequire(import.meta.url);
  const spec = require.resolve("@signereid/openapi/openapi.json");
  const cli = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  const child = spawn(
    process.execPath,
    [cli, "mock", spec, "-h", "127.0.0.1", "-p", String(port), "-v", "error"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  for (let tries = 0; tries < 300; tries++) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/Status/ServerTime`);
      return { child, port };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill();
  throw new Error("Prism did not answer within 30 s");
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
  // An error reply too: a lookup with a wrong token.
  const refused = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: { ...signedHeaders(port, account, "GET", path), "API-TOKEN": "00" },
  });
  await refused.text();
  const framed = [create, form, lookup, refused].every(
    (reply) =>
      reply.headers.get("content-length") !== null && !reply.headers.has("transfer-encoding"),
  );
  return {
    framed,
    path,
    answers: {
      create: { contentType: create.headers.get("content-type"), body: created },
      lookup: { contentType: lookup.headers.get("content-type"), body: await lookup.text() },
    },
  };
}

function spread(values) {
  return `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
}

function mb(bytes) {
  return (bytes / 1024 / 1024).toFixed(0);
}

async function main() {
  const { DEMO_ACCOUNT } = await import("@signereid/sandbox");
  const sandbox = await start("sandbox");
  const { framed, path, answers } = await loggedIn(sandbox.port, DEMO_ACCOUNT);
  const bare = await start("bare", answers);
  const prism = await startPrism();

  console.log(
    `Sandbox throughput: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ` +
      `load average ${loadavg()[0].toFixed(1)} at start (the machine may be shared), ` +
      `${CONNECTIONS} connections, ${ROUNDS} rounds of up to ${SECONDS} s or ${MAX_REQUESTS} ` +
      "requests per case in a rotating order, a fresh signature (HMAC-SHA512) per request, " +
      "autocannon on 127.0.0.1; ratios are to the bare server of the same round",
  );
  const requests = {
    lookup: { method: "GET", path },
    create: { method: "POST", path: "/api/SignereId" },
  };
  const servers = [
    ["bare node:http, same bytes", bare],
    ["@signereid/sandbox", sandbox],
    ["Prism 5 mock (no signature check)", prism],
    ["bare again (A/A noise check)", bare],
  ];
  const results = {};
  try {
    // Lookups first: the creates' flood evicts the looked-up session once past the cap.
    for (const operation of ["lookup", "create"]) {
      for (const [, server] of servers.slice(0, 3))
        await load(server.port, DEMO_ACCOUNT, requests[operation], WARMUP_SECONDS);
      const rounds = servers.map(() => []);
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < servers.length; i++) {
          const index = (i + round) % servers.length;
          const run = await load(
            servers[index][1].port,
            DEMO_ACCOUNT,
            requests[operation],
            SECONDS,
          );
          rounds[index].push(run.requests.average);
        }
      }
      results[operation] = rounds;
    }
  } finally {
    sandbox.child.kill();
    bare.child.kill();
    prism.child.kill();
  }
  const rows = [];
  for (const [operation, rounds] of Object.entries(results)) {
    for (const [index, [name]] of servers.entries()) {
      const ratios = rounds[index].map((rate, round) => rate / rounds[0][round]);
      rows.push({
        operation,
        case: name,
        "median req/s": Math.round(median(rounds[index])),
        "ratio to bare": Number(median(ratios).toFixed(2)),
        "ratio min–max": spread(ratios),
        rounds: rounds[index].map((rate) => Math.round(rate)).join(" / "),
      });
    }
  }
  console.table(rows);
  const ratio = (operation, index) =>
    median(results[operation][index].map((rate, round) => rate / results[operation][0][round]));
  console.log(`Content-Length: ${framed ? "met" : "missed"} (create, login form, lookup, 401)`);
  for (const operation of Object.keys(results)) {
    const mine = ratio(operation, 1);
    const theirs = ratio(operation, 2);
    console.log(
      `${operation}: sandbox ≥ ${GOAL_RATIO}× bare: ${mine >= GOAL_RATIO ? "met" : "missed"} (${mine.toFixed(2)}×); ` +
        `sandbox ahead of Prism: ${mine > theirs ? "met" : "missed"} (${mine.toFixed(2)}× vs ${theirs.toFixed(2)}×); ` +
        `A/A ${ratio(operation, 3).toFixed(2)}×`,
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
