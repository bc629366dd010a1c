// Calls the endpoint once through @signereid/client and turns the exchange into a recording: the
// raw response is captured by the fetch the client is given, scrubbed (scrub.ts), and `expected`
// is what the client returns when the scrubbed response is played back to it, so the recording
// holds the client's contract for exactly the bytes it contains. The text is gated (gate.ts), then
// checked against the recording format by its owner, @signereid/openapi.
import {
  createSignereIdClient,
  SignereIdApiError,
  type SignereIdClientOptions,
  SignereIdError,
} from "@signereid/client";
import { type LoadedRecording, toStored, validateRecording } from "@signereid/openapi";

/** A recording as made, `expected` always present (the file leaves it out when it is the body). */
export type Recorded = Omit<LoadedRecording, "file">;

import { isPlainName } from "./allow-list.js";
import { gate } from "./gate.js";
import {
  type CallInput,
  DEFAULT_OPERATION,
  OPERATIONS,
  type OperationId,
  type OperationRecipe,
} from "./operations.js";
import { scrubErrorBody, scrubText } from "./scrub.js";
import type { Secrets } from "./secrets.js";

export interface RecordOptions {
  client: SignereIdClientOptions;
  /** Default: DEFAULT_OPERATION (operations.ts). */
  operationId?: OperationId;
  /** The session's id, for the operations that take one. */
  requestId?: string;
  /** The request body, for the operations that send one. */
  body?: unknown;
  /** For the operations that take `--metadata`. */
  metadata?: boolean;
  /** For the operations that take `--format`. */
  format?: "json" | "xml";
  /** When the recording is made; default now. */
  now?: Date;
}

/** The client read the response, but not as its answer or an API error: nothing is recorded. */
export class RecorderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecorderError";
  }
}

type Outcome = { value: unknown } | { error: unknown };
interface Captured {
  request: { method: string; url: string; accept: string; contentType?: string; body?: string };
  status: number;
  headers: Headers;
  text: string;
}

/** Records one exchange. `text` is the file's content, already through the gate. */
export async function recordExchange(
  options: RecordOptions,
): Promise<{ recording: Recorded; text: string }> {
  const operationId = options.operationId ?? DEFAULT_OPERATION;
  const recipe = OPERATIONS[operationId];
  const input: CallInput = {
    requestId: options.requestId,
    body: options.body,
    metadata: options.metadata ?? false,
    format: options.format ?? "json",
  };
  const secrets: Secrets = {
    key: options.client.primaryKey ?? options.client.secondaryKey,
    apiId: options.client.apiId,
    tokens: new Set(),
  };
  let captured: Captured | undefined;
  const baseFetch = options.client.fetch ?? globalThis.fetch;
  const { outcome, baseUrl } = await call(options.client, recipe, input, async (url, init) => {
    const request = new Request(url, init);
    const token = request.headers.get("api-token");
    if (token) secrets.tokens.add(token);
    const sent = {
      method: request.method,
      url: request.url,
      accept: request.headers.get("accept") ?? "*/*",
      contentType: request.headers.get("content-type") ?? undefined,
      body: request.body ? await request.clone().text() : undefined,
    };
    const response = await baseFetch(url, init);
    const text = await readBounded(
      response.clone(),
      options.client.maxResponseBytes ?? 1024 * 1024,
    );
    captured = { request: sent, status: response.status, headers: response.headers, text };
    return response;
  });
  if (!captured) throw (outcome as { error: unknown }).error;
  const { status } = captured;

  const headers = scrubHeaders(captured.headers);
  let body: Recorded["response"]["body"];
  if ("value" in outcome) {
    body = recipe.responseBody(outcome.value, captured.text);
  } else if (outcome.error instanceof SignereIdApiError) {
    body = scrubErrorBody(captured.text);
  } else {
    throw refusal(operationId, status, outcome.error);
  }

  // Play the scrubbed response back to the client: its answer is the recording's contract.
  const replayed = await call(options.client, recipe, input, async () =>
    replayResponse(status, headers, typeof body === "string" ? body : JSON.stringify(body)),
  );
  let expected: unknown;
  if ("value" in replayed.outcome && "value" in outcome) {
    // As JSON: a Date becomes its ISO string, no value (invalidate) becomes null.
    expected = JSON.parse(JSON.stringify(replayed.outcome.value ?? null));
  } else if ("error" in replayed.outcome && replayed.outcome.error instanceof SignereIdApiError) {
    const { reason } = replayed.outcome.error;
    expected = {
      error: { name: "SignereIdApiError", status, ...(reason ? { reason } : {}) },
    };
  } else {
    throw new RecorderError(
      `the ${status} response no longer reads the same once scrubbed; nothing was written`,
    );
  }

  const host = new URL(baseUrl).host;
  const date = (options.now ?? new Date()).toISOString().slice(0, 10);
  const recording: Recorded = {
    title: recipe.title?.(input, status) ?? `Recorded ${status} (${operationId})`,
    source: `Recorded on ${date} from ${host} by @signereid/recorder; personal data replaced with synthetic values, signing headers dropped.`,
    operationId,
    request: sentRequest(captured.request, baseUrl, recipe),
    response: { status, headers, body },
    expected,
  };
  // Stored in the format's own form: `expected` only where it differs from the body.
  const stored = toStored(recording);
  const text = `${JSON.stringify(stored, null, 2)}\n`;
  // The RequestId given on the command line, and the path built from it, are the caller's own.
  gate(text, secrets, options.requestId ? [stored.request.path, options.requestId] : []);
  // The format's owner decides what a recording may hold (no API-* header, say): a file that
  // breaks it is not written. Checked after the gate, so the names its problems quote are clean.
  const problems = validateRecording(stored);
  if (problems.length > 0) {
    throw new RecorderError(
      `the recording would not follow the recording format (${problems.join("; ")}); nothing was written`,
    );
  }
  return { recording, text };
}

async function call(
  options: SignereIdClientOptions,
  recipe: OperationRecipe,
  input: CallInput,
  fetch: (url: string, init: RequestInit) => Promise<Response>,
): Promise<{ outcome: Outcome; baseUrl: string }> {
  const client = createSignereIdClient({ ...options, maxRetries: 0, onDeprecation: false, fetch });
  const outcome = await recipe.call(client, input).then(
    (value): Outcome => ({ value }),
    (error: unknown): Outcome => ({ error }),
  );
  return { outcome, baseUrl: client.baseUrl };
}

/** The request as the client sent it (path relative to the base URL), its body scrubbed. */
function sentRequest(
  sent: Captured["request"],
  baseUrl: string,
  recipe: OperationRecipe,
): Recorded["request"] {
  const url = new URL(sent.url);
  const prefix = new URL(baseUrl).pathname.replace(/\/$/, "");
  const request: Recorded["request"] = {
    method: sent.method as Recorded["request"]["method"],
    path: url.pathname.slice(url.pathname.startsWith(prefix) ? prefix.length : 0),
    query: Object.fromEntries(url.searchParams),
    headers: {
      Accept: sent.accept,
      ...(sent.contentType ? { "Content-Type": sent.contentType } : {}),
    },
  };
  if (sent.body !== undefined && recipe.scrubRequest) {
    // The client serialised it: it is JSON.
    request.body = recipe.scrubRequest(JSON.parse(sent.body)) as Recorded["request"]["body"];
  }
  return request;
}

/**
 * The body as text, or "" past `maxBytes` (decoded): a hostile server cannot make the recorder
 * buffer more than the client would. The client then refuses the response as too large.
 */
async function readBounded(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) return ""; // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

function replayResponse(status: number, headers: Record<string, string>, body: string): Response {
  // Statuses such as 204 and 304 may not carry a body at all.
  return new Response(body === "" ? null : body, { status, headers });
}

// Response headers worth keeping: the content type and anything that may carry the error reason.
// A name the recording format forbids (API-*) is refused by its validation, not dropped here.
const REASON_HEADER = /error|reason/i;

function scrubHeaders(received: Headers): Record<string, string> {
  const headers: Record<string, string> = {};
  received.forEach((value, name) => {
    if (name === "content-type") {
      const type = mediaType(value);
      if (type) headers[name] = type;
    } else if (REASON_HEADER.test(name) && isHeaderName(name)) {
      headers[name] = scrubText(value);
    }
  });
  return headers;
}

/** `type/subtype` and a plain charset; any other parameter is dropped. */
function mediaType(value: string): string | undefined {
  const type = /^\s*([\w.+-]+\/[\w.+-]+)/.exec(value)?.[1];
  const charset = /;\s*charset="?([A-Za-z][\w.:-]{0,39})"?/i.exec(value)?.[1];
  return type && `${type.toLowerCase()}${charset ? `; charset=${charset.toLowerCase()}` : ""}`;
}

/** The name rule (allow-list.ts), for the lowercase names fetch gives. */
function isHeaderName(name: string): boolean {
  return /^[a-z][a-z-]{0,63}$/.test(name) && isPlainName(name);
}

/** Names what the client refused, never with its message: that may quote the body. */
function refusal(operationId: string, status: number, error: unknown): RecorderError {
  const problem = (error as { problem?: unknown }).problem;
  const what = error instanceof SignereIdError ? error.name : "an unexpected error";
  return new RecorderError(
    `the client could not read the ${status} response as the answer of ${operationId} (${what}${typeof problem === "string" ? `: ${problem}` : ""}); nothing was written`,
  );
}
