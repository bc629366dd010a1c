// One Node version's part of `pnpm bench`: every case of peers.mjs in three modes (a stubbed
// fetch: pure per-call overhead; loopback HTTP at concurrency 1; at concurrency 64), interleaved
// in rounds with the hand-written control. Prints a table per mode; the last line is the result
// as JSON for bench.mjs.
import { createServer } from "node:http";
import { loadRecording } from "@signereid/openapi";
import { CASES, signereIdClient } from "./peers.mjs";
import { CLOCK, formatRatio, interleave, quantile, ratio } from "./rounds.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 150);
const JSON_BODY = JSON.stringify(loadRecording("vendor-example.json").response.body);
const XML_BODY = loadRecording("vendor-example-xml.json").response.body;

const reply = (xml) => {
  const body = xml ? XML_BODY : JSON_BODY;
  return [
    body,
    {
      "content-type": `application/${xml ? "xml" : "json"}; charset=utf-8`,
      "content-length": String(Buffer.byteLength(body)),
    },
  ];
};
const wantsXml = (input, init) =>
  (input instanceof Request ? input.headers.get("accept") : init?.headers?.Accept) ===
  "application/xml";
/** A fetch that answers at once, as a server sending the same bytes would. */
const [JSON_REPLY, JSON_HEADERS] = reply(false);
const stubFetch = async () => new Response(JSON_REPLY, { headers: JSON_HEADERS });
/** The same, answering XML when it is asked for: only for the XML against JSON mode. */
const formatStubFetch = async (input, init) => {
  const [body, headers] = reply(wantsXml(input, init));
  return new Response(body, { headers });
};

async function startServer() {
  const server = createServer({ keepAlive: true }, (req, res) => {
    const [body, headers] = reply(req.headers.accept === "application/xml");
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

const concurrently = (n, fn) => () => Promise.all(Array.from({ length: n }, fn));

async function mode(title, build, { batch = 1, sliceMs = SLICE_MS, cases: only } = {}) {
  const cases = only ?? CASES.map(([name, factory, role]) => [name, build(factory), role]);
  const samples = await interleave(
    cases.map(([name, fn]) => [name, batch > 1 ? concurrently(batch, fn) : fn]),
    { rounds: ROUNDS, sliceMs, batch },
  );
  const control = samples[0];
  const rows = cases.map(([name, , role], i) => ({
    name,
    role,
    callsPerSecond: quantile(samples[i], 0.5),
    toControl: ratio(samples[i], control),
  }));
  const client = samples[cases.findIndex(([, , role]) => role === "client")];
  const peers = cases
    .map(([name, , role], i) => role === "peer" && { name, vsClient: ratio(client, samples[i]) })
    .filter(Boolean);
  console.log(`\n${title} (${ROUNDS} interleaved rounds of ${sliceMs} ms; median, IQR)`);
  for (const row of rows) {
    console.log(
      `  ${row.name.padEnd(46)} ${row.callsPerSecond.toFixed(0).padStart(7)} ${CLOCK}   ${row.role === "control" ? "control" : formatRatio(row.toControl)}`,
    );
  }
  for (const peer of peers) {
    console.log(`  client ÷ ${peer.name.padEnd(42)} ${formatRatio(peer.vsClient)}`);
  }
  return { title, rows, peers };
}

console.log(
  `Node ${process.version}${globalThis.gc ? "" : " (without --expose-gc: slices share garbage)"}`,
);
const stub = (factory) => factory("http://stub.test", stubFetch);
const modes = [await mode("Stubbed fetch (per-call overhead)", stub)];
const server = await startServer();
const loopback = (factory) => factory(server.url, fetch);
modes.push(await mode("Loopback HTTP, keep-alive, concurrency 1", loopback));
modes.push(
  await mode("Loopback HTTP, keep-alive, concurrency 64", loopback, {
    batch: 64,
    sliceMs: SLICE_MS * 4,
  }),
);
server.close();
const xml = await mode("XML against JSON, stubbed fetch", stub, {
  cases: [
    ["@signereid/client, JSON", signereIdClient("http://stub.test", formatStubFetch), "control"],
    ["@signereid/client, XML", signereIdClient("http://stub.test", formatStubFetch, "xml"), "xml"],
  ],
});
console.log(`RESULT ${JSON.stringify({ node: process.version, modes, xml })}`);
