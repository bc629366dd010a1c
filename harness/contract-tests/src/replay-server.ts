// A loopback server that holds each incoming request to a recording (method, path, query,
// Accept, body and its Content-Type, the signing headers and a valid signature by its own
// verifier, which shares no code with the client; for an unsigned operation, no signing header at
// all) and, when it matches, replays the recorded response.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { LoadedRecording as Recording } from "@signereid/openapi";
import { operations } from "./recordings.js";
import { signatureMatches } from "./signature.js";

export const ACCOUNT = {
  apiId: "c0ffee00-0000-4000-8000-00000000c0de",
  primaryKey: "contract-primary-key",
  secondaryKey: "contract-secondary-key",
};

export async function startReplayServer() {
  let current: Recording | undefined;
  const mismatches: string[] = [];
  let received = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const recording = current;
    received += 1;
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const problems: string[] = [];
    if (!recording) problems.push("no recording is loaded");
    else {
      const expected = recording.request;
      if (req.method !== expected.method)
        problems.push(`method ${req.method}, recorded ${expected.method}`);
      if (url.pathname !== expected.path)
        problems.push(`path ${url.pathname}, recorded ${expected.path}`);
      const query = Object.fromEntries(url.searchParams);
      if (JSON.stringify(query) !== JSON.stringify(expected.query)) {
        problems.push(`query ${JSON.stringify(query)}, recorded ${JSON.stringify(expected.query)}`);
      }
      if (req.headers.accept !== expected.headers.Accept) {
        problems.push(`Accept ${req.headers.accept}, recorded ${expected.headers.Accept}`);
      }
      const sent = expected.body === undefined ? "" : JSON.stringify(expected.body);
      if (body.toString("utf8") !== sent) problems.push(`body ${body}, recorded ${sent}`);
      const type = req.headers["content-type"];
      if (expected.body !== undefined && !/^application\/json(;|$)/i.test(type ?? ""))
        problems.push(`Content-Type ${type}, expected application/json`);
      if (operations.get(recording.operationId)?.signed === false) {
        // Unsigned (`security: []`): nothing of the account may travel with it.
        const signing = Object.keys(req.headers).filter((name) => name.startsWith("api-"));
        if (signing.length > 0) problems.push(`unsigned, yet sent ${signing.join(", ")}`);
      } else {
        problems.push(...signingProblems(req.headers, req.method ?? "", req.url ?? "", body));
      }
    }
    if (problems.length > 0 || !recording) {
      mismatches.push(...problems);
      res.writeHead(599, { "content-type": "text/plain" }).end(problems.join("; "));
      return;
    }
    const { status, headers, body: reply } = recording.response;
    res.writeHead(status, headers).end(typeof reply === "string" ? reply : JSON.stringify(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mismatches,
    /** How many requests arrived since the last load. */
    requests: () => received,
    load(recording: Recording) {
      received = 0;
      current = recording;
      mismatches.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** What is wrong with a signed request's headers and signature (both recipes), if anything. */
function signingProblems(
  headers: IncomingHttpHeaders,
  method: string,
  target: string,
  body: Buffer,
): string[] {
  const problems: string[] = [];
  for (const name of ["api-id", "api-timestamp", "api-algorithm", "api-token"]) {
    if (!headers[name]) problems.push(`missing header ${name}`);
  }
  if (headers["api-returnerrorheader"] !== "true")
    problems.push("API-RETURNERRORHEADER is not true");
  if (headers["api-id"] !== ACCOUNT.apiId) problems.push("API-ID is not the account's");
  const secondary = headers["api-usingsecondarytoken"] === "true";
  const signed = {
    method,
    url: `http://${headers.host}${target}`,
    body,
    timestamp: String(headers["api-timestamp"]),
    algorithm: String(headers["api-algorithm"]),
  };
  const key = secondary ? ACCOUNT.secondaryKey : ACCOUNT.primaryKey;
  if (!signatureMatches(signed, key, String(headers["api-token"])))
    problems.push("signature: API-TOKEN does not match the request");
  return problems;
}
