// Calls the endpoint once through @signereid/client and turns the exchange into a recording: the
// raw response is captured by the fetch the client is given, scrubbed (scrub.ts), and `expected`
// is what the client returns when the scrubbed response is played back to it, so the recording
// holds the client's contract for exactly the bytes it contains. The text is gated (gate.ts).
import {
  createSignereIdClient,
  SignereIdApiError,
  type SignereIdClientOptions,
  SignereIdError,
} from "@signereid/client";
import { type LoadedRecording, toStored } from "@signereid/openapi";

/** A recording as made, `expected` always present (the file leaves it out when it is the body). */
export type Recorded = Omit<LoadedRecording, "file">;

import { XML_ROOT } from "./allow-list.js";
import { gate } from "./gate.js";
import { scrubErrorBody, scrubSession, scrubText, startsLikeMarkup } from "./scrub.js";
import type { Secrets } from "./secrets.js";
import { toSessionXml } from "./xml.js";

export interface RecordOptions {
  client: SignereIdClientOptions;
  requestId: string;
  metadata: boolean;
  format: "json" | "xml";
  /** When the recording is made; default now. */
  now?: Date;
}

/** The client read the response, but not as a session or an API error: nothing is recorded. */
export class RecorderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecorderError";
  }
}

type Outcome = { session: Record<string, unknown> } | { error: unknown };
interface Captured {
  status: number;
  headers: Headers;
  text: string;
}

/** Records one exchange. `text` is the file's content, already through the gate. */
export async function recordExchange(
  options: RecordOptions,
): Promise<{ recording: Recorded; text: string }> {
  const secrets: Secrets = {
    key: options.client.primaryKey ?? options.client.secondaryKey,
    apiId: options.client.apiId,
    tokens: new Set(),
  };
  let captured: Captured | undefined;
  const baseFetch = options.client.fetch ?? globalThis.fetch;
  const { outcome, baseUrl } = await call(options, async (request) => {
    const token = request.headers.get("api-token");
    if (token) secrets.tokens.add(token);
    const response = await baseFetch(request);
    const text = await readBounded(
      response.clone(),
      options.client.maxResponseBytes ?? 1024 * 1024,
    );
    captured = { status: response.status, headers: response.headers, text };
    return response;
  });
  if (!captured) throw (outcome as { error: unknown }).error;
  const { status } = captured;

  const headers = scrubHeaders(captured.headers, secrets);
  let body: Recorded["response"]["body"];
  if ("session" in outcome) {
    const session = scrubSession(outcome.session);
    body = startsLikeMarkup(captured.text) ? toSessionXml(session, XML_ROOT) : session;
  } else if (outcome.error instanceof SignereIdApiError) {
    body = scrubErrorBody(captured.text, secrets);
  } else {
    throw refusal(status, outcome.error);
  }

  // Play the scrubbed response back to the client: its answer is the recording's contract.
  const replayed = await call(options, async () =>
    replayResponse(status, headers, typeof body === "string" ? body : JSON.stringify(body)),
  );
  let expected: unknown;
  if ("session" in replayed.outcome && "session" in outcome) {
    expected = replayed.outcome.session;
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
    title: `Recorded ${status} (${options.format}, metadata=${options.metadata})`,
    source: `Recorded on ${date} from ${host} by @signereid/recorder; personal data replaced with synthetic values, signing headers dropped.`,
    operationId: "getSignereIdSession",
    request: {
      method: "GET",
      path: `/api/SignereId/${options.requestId}`,
      query: { metadata: String(options.metadata) },
      headers: { Accept: options.format === "xml" ? "application/xml" : "application/json" },
    },
    response: { status, headers, body },
    expected,
  };
  // Stored in the format's own form: `expected` only where it differs from the body.
  const text = `${JSON.stringify(toStored(recording), null, 2)}\n`;
  gate(text, secrets, options.requestId);
  return { recording, text };
}

async function call(
  options: RecordOptions,
  fetch: (request: Request) => Promise<Response>,
): Promise<{ outcome: Outcome; baseUrl: string }> {
  const client = createSignereIdClient({
    ...options.client,
    maxRetries: 0,
    onDeprecation: false,
    fetch,
  });
  const outcome = await client
    .getSignereIdSession(options.requestId, { metadata: options.metadata, format: options.format })
    .then(
      (session): Outcome => ({ session: session as Record<string, unknown> }),
      (error: unknown): Outcome => ({ error }),
    );
  return { outcome, baseUrl: client.baseUrl };
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

// Response headers worth keeping: the content type and anything that may carry the error reason
// (never one the recording schema forbids).
const REASON_HEADER = /error|reason/i;
const FORBIDDEN_HEADER = /^(api-|set-cookie$|authorization$)/i;

function scrubHeaders(received: Headers, secrets: Secrets): Record<string, string> {
  const headers: Record<string, string> = {};
  received.forEach((value, name) => {
    if (name === "content-type") {
      const type = mediaType(value);
      if (type) headers[name] = type;
    } else if (REASON_HEADER.test(name) && !FORBIDDEN_HEADER.test(name) && isHeaderName(name)) {
      headers[name] = scrubText(value, secrets);
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

function isHeaderName(name: string): boolean {
  return /^[a-z][a-z-]{0,63}$/.test(name);
}

/** Names what the client refused, never with its message: that may quote the body. */
function refusal(status: number, error: unknown): RecorderError {
  const problem = (error as { problem?: unknown }).problem;
  const what = error instanceof SignereIdError ? error.name : "an unexpected error";
  return new RecorderError(
    `the client could not read the ${status} response as a session (${what}${typeof problem === "string" ? `: ${problem}` : ""}); nothing was written`,
  );
}
