// Calls the endpoint once through @signereid/client and turns the exchange into a recording: the
// raw response is captured by the fetch the client is given, the expected result is what the
// client returned (or threw), and personal data is replaced in both.
import {
  createSignereIdClient,
  SignereIdApiError,
  type SignereIdClientOptions,
  type SignereIdSession,
} from "@signereid/client";
import { parseSignereIdXml } from "@signereid/client/xml";
import { anonymiseSession, anonymiseText, anonymiseXml } from "./anonymise.js";

export interface RecordOptions {
  client: SignereIdClientOptions;
  requestId: string;
  metadata: boolean;
  format: "json" | "xml";
  /** When the recording is made; default now. */
  now?: Date;
}

export interface Recording {
  title: string;
  source: string;
  request: {
    method: "GET";
    path: string;
    query: { metadata: string };
    headers: { Accept: string };
  };
  response: { status: number; headers: Record<string, string>; body: unknown };
  expected: unknown;
}

// Response headers worth keeping: the content type and anything that may carry the error reason.
const KEPT_HEADER = /^(content-type$|.*(error|reason).*)/i;

export async function recordExchange(options: RecordOptions): Promise<Recording> {
  let captured: { status: number; headers: Headers; text: string } | undefined;
  const baseFetch = options.client.fetch ?? globalThis.fetch;
  const client = createSignereIdClient({
    ...options.client,
    maxRetries: 0,
    onDeprecation: false,
    fetch: async (request) => {
      const response = await baseFetch(request);
      captured = {
        status: response.status,
        headers: response.headers,
        text: await response.clone().text(),
      };
      return response;
    },
  });
  const outcome = await client
    .getSignereIdSession(options.requestId, { metadata: options.metadata, format: options.format })
    .then((session: SignereIdSession) => ({ session }))
    .catch((error: unknown) => ({ error }));
  if (!captured) throw (outcome as { error: unknown }).error;

  const contentType = captured.headers.get("content-type") ?? "";
  const isXml = /xml/i.test(contentType);
  const isJson = /json/i.test(contentType);
  const headers: Record<string, string> = {};
  captured.headers.forEach((value, name) => {
    if (KEPT_HEADER.test(name)) headers[name] = anonymiseText(value);
  });

  let body: unknown = anonymiseText(captured.text);
  let expected: unknown;
  if ("session" in outcome) {
    body = isXml ? anonymiseXml(captured.text) : anonymiseSession(JSON.parse(captured.text));
    expected = isXml ? parseSignereIdXml(body as string) : body;
  } else if (outcome.error instanceof SignereIdApiError) {
    const { status, reason } = outcome.error;
    if (isJson) body = tryJson(body as string);
    expected = {
      error: {
        name: "SignereIdApiError",
        status,
        ...(reason ? { reason: anonymiseText(reason) } : {}),
      },
    };
  } else {
    throw outcome.error;
  }

  const host = new URL(client.baseUrl).host;
  const date = (options.now ?? new Date()).toISOString().slice(0, 10);
  return {
    title: `Recorded ${captured.status} (${options.format}, metadata=${options.metadata})`,
    source: `Recorded on ${date} from ${host} by @signereid/recorder; personal data replaced with synthetic values, signing headers dropped.`,
    request: {
      method: "GET",
      path: `/api/SignereId/${options.requestId}`,
      query: { metadata: String(options.metadata) },
      headers: { Accept: options.format === "xml" ? "application/xml" : "application/json" },
    },
    response: { status: captured.status, headers, body },
    expected,
  };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
