import { loadRecording } from "@signereid/openapi";
import { signereIdClient } from "./peers.mjs";

const JSON_BODY = JSON.stringify(loadRecording("vendor-example.json").response.body);
const stub = async () =>
  new Response(JSON_BODY, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(JSON_BODY)),
    },
  });
const mode = process.argv[2] ?? "stub";
let fn;
if (mode === "stub") fn = signereIdClient("http://stub.test", stub);
else {
  const { createServer } = await import("node:http");
  const server = createServer({ keepAlive: true }, (req, res) => {
    res.writeHead(200, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(JSON_BODY),
    });
    res.end(JSON_BODY);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const peers = await import("./peers.mjs");
  const url = `http://127.0.0.1:${server.address().port}`;
  fn =
    process.env.CASE === "diy"
      ? peers.diyOpenApiFetch(url, fetch)
      : process.env.CASE === "hand"
        ? peers.handWritten(url, fetch)
        : signereIdClient(url, undefined);
  process.on("exit", () => server.close());
}
const N = Number(process.argv[3] ?? 100000);
const t = performance.now();
const C = Number(process.argv[4] ?? 1);
for (let i = 0; i < N; i += C) await Promise.all(Array.from({ length: C }, fn));
console.log(mode, ((N * 1000) / (performance.now() - t)).toFixed(0), "calls/s");
process.exit(0);
