// The `{ data, error, response }` client: openapi-fetch for the URL, the types and the parsing,
// with the request core as its fetch, so it has the same retries, deadlines, signing and size cap.
import createClient, { type Client } from "openapi-fetch";
import type { Operation } from "./core/operation.js";
import { type Core, createCore, JSON_BODY } from "./core/request.js";
import { SignereIdResponseFormatError } from "./errors.js";
import { operations } from "./generated/operations.gen.js";
import type { paths } from "./generated/schema.js";
import { resolveClientOptions, type SignereIdClientOptions } from "./options.js";

/**
 * The signing openapi-fetch client: `{ data, error, response }` instead of exceptions for error
 * statuses (network errors, timeouts and aborts still throw). Same options as
 * createSignereIdClient.
 */
export function createSignereIdRawClient(options: SignereIdClientOptions): Client<paths> {
  const config = resolveClientOptions(options);
  const core = createCore(config);
  const unsigned = unsignedMatcher(Object.values(operations), config.baseUrl);
  return createClient<paths>({
    baseUrl: config.baseUrl,
    headers: { Accept: "application/json" },
    fetch: (request: Request) => coreFetch(core, request, unsigned),
  });
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The core's attempt loop as a fetch, for openapi-fetch: the Request's body is read once and
 * those bytes are signed and sent; the answer comes back with its body already read under the
 * cap. Signed unless `unsigned(method, url)` says the spec declares it so.
 */
async function coreFetch(
  core: Core,
  input: Request,
  unsigned: (method: string, url: string) => boolean,
): Promise<Response> {
  const body = input.body ? await input.text() : undefined;
  const headers: Record<string, string> = {};
  input.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (body !== undefined && input.method !== "GET") headers["content-type"] = JSON_BODY;
  const { response, text } = await core.exchange(
    {
      method: input.method,
      url: input.url,
      headers,
      body,
      signed: !unsigned(input.method, input.url),
    },
    // The call's signal (a Request always has one); the core adds the client's.
    { ...core.defaults, signal: input.signal },
  );
  // The body is already read and decoded: its framing headers are the text's own.
  const framing = new Headers(response.headers);
  framing.delete("content-encoding");
  framing.delete("transfer-encoding");
  const empty = NULL_BODY_STATUSES.has(response.status);
  if (!empty) framing.set("content-length", String(new TextEncoder().encode(text).byteLength));
  const answer = new Response(empty ? null : text, {
    status: response.status,
    statusText: response.statusText,
    headers: framing,
  });
  // openapi-fetch parses a success with json(): V8's SyntaxError would quote the server's text.
  answer.json = async () => {
    try {
      return JSON.parse(text);
    } catch {
      throw new SignereIdResponseFormatError(
        `The SignereID API answered ${response.status} with a body that is not valid JSON (${text.length} characters). The server may have answered for another endpoint; check the base URL.`,
        { problem: "invalid-json", status: response.status },
      );
    }
  };
  return answer;
}

/** Which requests the spec says go unsigned (`security: []`), by method and path template. */
export function unsignedMatcher(ops: readonly Operation[], baseUrl: string) {
  const open = ops
    .filter((op) => !op.signed)
    .map((op) => ({
      method: op.method,
      path: new RegExp(
        `^${op.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`,
      ),
    }));
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, "");
  return (method: string, url: string) => {
    const path = new URL(url).pathname.slice(basePath.length);
    return open.some((op) => op.method === method && op.path.test(path));
  };
}
