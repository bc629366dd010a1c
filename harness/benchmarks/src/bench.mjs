// pnpm bench: @signereid/client measured side by side with its baselines, in one run, on this
// machine. Prints ops/s and each case's ratio to its baseline, then whether the targets were met.
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { cpus } from "node:os";
import { createHmacSigner, createSignereIdClient } from "@signereid/client";
import { loadRecording } from "@signereid/openapi";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";

const JSON_BODY = JSON.stringify(loadRecording("vendor-example.json").response.body);
const XML_BODY = loadRecording("vendor-example-xml.json").response.body;
const API_ID = "6e3bd6b4-7a7c-4b8e-9f0d-2f4a1c9d8e71";
const KEY = "benchmark-secondary-key";
const REQUEST_ID = "3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2";
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 1500);

const responseFor = (body, type) =>
  new Response(body, {
    headers: {
      "content-type": `application/${type}; charset=utf-8`,
      "content-length": String(Buffer.byteLength(body)),
    },
  });
const stubFetch = async (input, init) => {
  const accept = (input instanceof Request ? input.headers : new Headers(init?.headers)).get(
    "accept",
  );
  return accept === "application/xml"
    ? responseFor(XML_BODY, "xml")
    : responseFor(JSON_BODY, "json");
};

/** What a careful team writes by hand: node:crypto signing and fetch, no retries, no checks. */
async function handWritten(baseUrl, fetchImpl) {
  const url = `${baseUrl}/api/SignereId/${REQUEST_ID}?metadata=true`;
  const timestamp = new Date().toISOString().slice(0, 19);
  const token = createHmac("sha512", KEY)
    .update(`${url}&Timestamp=${timestamp}&Httpverb=GET`)
    .digest("hex")
    .toUpperCase();
  const response = await fetchImpl(url, {
    headers: {
      Accept: "application/json",
      "API-ID": API_ID,
      "API-TIMESTAMP": timestamp,
      "API-ALGORITHM": "SHA512",
      "API-TOKEN": token,
      "API-USINGSECONDARYTOKEN": "true",
      "API-RETURNERRORHEADER": "true",
    },
  });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return response.json();
}

const client = (baseUrl, fetchImpl) =>
  createSignereIdClient({
    apiId: API_ID,
    secondaryKey: KEY,
    baseUrl,
    fetch: fetchImpl,
    onDeprecation: false,
  });
const bare = (baseUrl, fetchImpl) => createClient({ baseUrl, fetch: fetchImpl });
const bareGet = (raw) =>
  raw.GET("/api/SignereId/{RequestId}", {
    params: { path: { RequestId: REQUEST_ID }, query: { metadata: true } },
  });

/** Runs the cases `rounds` times in a row and reports each case's median ops/s. */
async function run(title, tasks, rounds = 1) {
  const samples = new Map(tasks.map(([name]) => [name, []]));
  const rme = new Map();
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time: TIME_MS, warmupTime: 300 });
    for (const [name, fn] of tasks) bench.add(name, fn);
    await bench.run();
    for (const task of bench.tasks) {
      if (task.result.state !== "completed")
        throw new Error(`${task.name}: ${task.result.error ?? task.result.state}`);
      samples.get(task.name).push(1000 / task.result.period);
      rme.set(task.name, Math.max(rme.get(task.name) ?? 0, task.result.latency.rme));
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const rows = tasks.map(([name]) => ({ name, hz: median(samples.get(name)), rme: rme.get(name) }));
  const baseline = rows[0];
  console.log(`\n${title}${rounds > 1 ? ` (median of ${rounds} rounds)` : ""}`);
  for (const row of rows) {
    const ratio = row === baseline ? "baseline" : `${(row.hz / baseline.hz).toFixed(2)}×`;
    console.log(
      `  ${row.name.padEnd(56)} ${row.hz.toFixed(0).padStart(9)} ops/s ±${row.rme.toFixed(1).padStart(4)}%   ${ratio}`,
    );
  }
  return Object.fromEntries(rows.map((row) => [row.name, row.hz]));
}

async function startServer() {
  const server = createServer({ keepAlive: true }, (req, res) => {
    const xml = req.headers.accept === "application/xml";
    const body = xml ? XML_BODY : JSON_BODY;
    res.writeHead(200, {
      "content-type": `application/${xml ? "xml" : "json"}; charset=utf-8`,
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

const times = (n, fn) => () => Promise.all(Array.from({ length: n }, fn));

console.log(
  `SignereID client benchmarks: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${TIME_MS} ms per case`,
);

const stubbed = {
  client: client("http://stub.test", stubFetch),
  raw: bare("http://stub.test", stubFetch),
};
const s = await run("Per-call overhead, stubbed fetch (no network)", [
  ["hand-written fetch + node:crypto signing", () => handWritten("http://stub.test", stubFetch)],
  [
    "@signereid/client getSignereIdSession",
    () => stubbed.client.getSignereIdSession(REQUEST_ID, { metadata: true }),
  ],
  ["bare openapi-fetch, no signing", () => bareGet(stubbed.raw)],
]);

const xmlJson = await run("Response handling, stubbed fetch: XML vs JSON", [
  [
    "@signereid/client, JSON",
    () => stubbed.client.getSignereIdSession(REQUEST_ID, { metadata: true }),
  ],
  [
    "@signereid/client, XML",
    () => stubbed.client.getSignereIdSession(REQUEST_ID, { metadata: true, format: "xml" }),
  ],
]);

const server = await startServer();
const loop = { client: client(server.url), raw: bare(server.url, globalThis.fetch) };
const h1 = await run(
  "Real HTTP to a keep-alive server on 127.0.0.1, concurrency 1",
  [
    ["hand-written fetch + node:crypto signing", () => handWritten(server.url, globalThis.fetch)],
    [
      "@signereid/client getSignereIdSession",
      () => loop.client.getSignereIdSession(REQUEST_ID, { metadata: true }),
    ],
    ["bare openapi-fetch, no signing", async () => (await bareGet(loop.raw)).data],
  ],
  3,
);
const h64 = await run(
  "Real HTTP to a keep-alive server on 127.0.0.1, concurrency 64 (one op = 64 calls)",
  [
    [
      "hand-written fetch + node:crypto signing",
      times(64, () => handWritten(server.url, globalThis.fetch)),
    ],
    [
      "@signereid/client getSignereIdSession",
      times(64, () => loop.client.getSignereIdSession(REQUEST_ID, { metadata: true })),
    ],
  ],
  3,
);
await server.close();

const message = `https://testapi.signere.no/api/SignereId/${REQUEST_ID}?metadata=true&Timestamp=2017-08-21T10:00:00&Httpverb=GET`;
// The client's portable path is Web Crypto (used where node:crypto is not built in): measured
// here as the same HMAC through crypto.subtle, with the key imported once.
const webCrypto = (algorithm) => {
  const key = crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(KEY),
    { name: "HMAC", hash: algorithm === "SHA256" ? "SHA-256" : "SHA-512" },
    false,
    ["sign"],
  );
  return async (message) =>
    Buffer.from(await crypto.subtle.sign("HMAC", await key, new TextEncoder().encode(message)))
      .toString("hex")
      .toUpperCase();
};
const [client512, web512, client256, web256] = [
  createHmacSigner(KEY, "SHA512"),
  webCrypto("SHA512"),
  createHmacSigner(KEY, "SHA256"),
  webCrypto("SHA256"),
];
await run("Signing alone", [
  [
    "node:crypto HMAC-SHA512",
    () => createHmac("sha512", KEY).update(message).digest("hex").toUpperCase(),
  ],
  ["client signer HMAC-SHA512 (node:crypto via getBuiltinModule)", () => client512(message)],
  ["Web Crypto HMAC-SHA512 (as the client's portable path)", () => web512(message)],
  [
    "node:crypto HMAC-SHA256",
    () => createHmac("sha256", KEY).update(message).digest("hex").toUpperCase(),
  ],
  ["client signer HMAC-SHA256 (node:crypto via getBuiltinModule)", () => client256(message)],
  ["Web Crypto HMAC-SHA256 (as the client's portable path)", () => web256(message)],
]);

const url = `http://stub.test/api/SignereId/${REQUEST_ID}?metadata=true`;
await run("Where the client's extra time goes: the per-attempt AbortSignal that timeouts need", [
  [
    "new Request(url) (what openapi-fetch builds)",
    () => new Request(url, { headers: { Accept: "application/json" } }),
  ],
  [
    "new Request(url, { signal }) + timer, as the client builds it",
    () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      new Request(url, { headers: { Accept: "application/json" }, signal: controller.signal });
      clearTimeout(timer);
    },
  ],
]);

const CLIENT = "@signereid/client getSignereIdSession";
const BASE = "hand-written fetch + node:crypto signing";
const verdicts = [
  ["client vs hand-written, loopback HTTP, concurrency 1", h1[CLIENT] / h1[BASE], 0.95],
  ["client vs hand-written, loopback HTTP, concurrency 64", h64[CLIENT] / h64[BASE], 0.95],
];
console.log("\nTargets");
for (const [what, ratio, target] of verdicts) {
  console.log(
    `  ${what}: ${ratio.toFixed(2)}× (target ≥ ${target}×): ${ratio >= target ? "MET" : "MISSED"}`,
  );
}
console.log(
  `  client vs hand-written, stubbed fetch: ${(s[CLIENT] / s[BASE]).toFixed(2)}× (no fixed target: the client's own per-call work, see BENCHMARKS.md)`,
);
console.log(
  `  XML vs JSON per call: ${(xmlJson["@signereid/client, XML"] / xmlJson["@signereid/client, JSON"]).toFixed(2)}×`,
);
