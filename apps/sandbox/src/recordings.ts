// The replies the mock serves are the recordings of @signereid/openapi, read with its loader: the
// same payloads the spec shows as examples and the contract tests replay. They are filed by the
// operation they belong to (`operationId`), never by the shape of their path. A session lookup is
// served verbatim when a recording matches it (path, metadata, format); otherwise the closest
// successful recording of that path is adapted (MetaData dropped for metadata=false, written as
// XML when XML is asked for). Any other operation is served from its recordings by the session
// it names (the RequestId in its path, or in its body for invalidate); one that names none (create,
// server time) by its path alone. Where several recordings answer, the successful one is served.
import type { LoadedRecording } from "@signereid/openapi";
import { toDataContractXml } from "./xml.js";

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Format = "json" | "xml";

/** What the mock knows of a request once it is routed. */
export interface Routed {
  operationId: string;
  /** The path as sent (not decoded), as recordings store it. */
  path: string;
  query: Record<string, string>;
  format: Format;
  /** The request body, parsed (POST and PUT). */
  body?: unknown;
}

/** JSON unless the Accept header prefers XML. */
export function formatFor(accept: string | undefined): Format {
  const value = (accept ?? "").toLowerCase();
  const xml = value.search(/(application|text)\/xml/);
  const json = value.search(/application\/json/);
  return xml !== -1 && (json === -1 || xml < json) ? "xml" : "json";
}

const SESSION = "getSignereIdSession";

export class RecordingStore {
  readonly #byOperation = new Map<string, LoadedRecording[]>();

  constructor(recordings: readonly LoadedRecording[]) {
    for (const recording of recordings) {
      const list = this.#byOperation.get(recording.operationId) ?? [];
      this.#byOperation.set(recording.operationId, [...list, recording]);
    }
  }

  /** The operationIds that have recordings. */
  operations(): string[] {
    return [...this.#byOperation.keys()];
  }

  /** The recordings of one operation. */
  of(operationId: string): readonly LoadedRecording[] {
    return this.#byOperation.get(operationId) ?? [];
  }

  /** The reply for a routed request, or undefined when no recording answers it. */
  reply(request: Routed): Reply | undefined {
    // Compared decoded: %33 and 3 name the same session (the signature covered the bytes sent).
    const key = sessionKey(request.path, request.body);
    const candidates = this.of(request.operationId).filter(
      (r) => sessionKey(r.request.path, r.request.body) === key,
    );
    if (request.operationId === SESSION) return sessionReply(candidates, request);
    const exact = candidates.filter(
      (r) =>
        sameQuery(r.request.query, request.query) &&
        formatFor(r.request.headers.Accept) === request.format,
    );
    const chosen = exact.find((r) => r.response.status < 300) ?? exact[0];
    return chosen && replay(chosen);
  }
}

/**
 * What a request is about: the RequestId of its body (invalidate), else its path decoded (the
 * RequestId is in it for the lookups; create and server time have one path).
 */
function sessionKey(path: string, body: unknown): string {
  const requestId = (body as { RequestId?: unknown } | null | undefined)?.RequestId;
  return typeof requestId === "string" ? `RequestId ${requestId}` : decodeURIComponent(path);
}

function sessionReply(recordings: readonly LoadedRecording[], request: Routed): Reply | undefined {
  const metadata = request.query.metadata === "true";
  const exact = recordings.find(
    (r) =>
      r.request.query.metadata === String(metadata) &&
      formatFor(r.request.headers.Accept) === request.format,
  );
  const error = recordings.find((r) => r.response.status !== 200);
  const chosen = exact ?? error;
  if (chosen) return replay(chosen);

  const successes = recordings.filter(
    (r) => r.response.status === 200 && typeof r.response.body === "object",
  );
  const base = successes.find((r) => r.request.query.metadata === String(metadata)) ?? successes[0];
  if (!base) return undefined;
  const session = { ...(base.response.body as Record<string, unknown>) };
  if (!metadata) session.MetaData = null;
  return request.format === "xml"
    ? {
        status: 200,
        headers: { "content-type": "application/xml; charset=utf-8" },
        body: toDataContractXml(session),
      }
    : {
        status: 200,
        headers: { "content-type": "application/json; charset=utf-8" },
        body: JSON.stringify(session),
      };
}

function sameQuery(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function replay(recording: LoadedRecording): Reply {
  const { status, headers, body } = recording.response;
  return { status, headers, body: typeof body === "string" ? body : JSON.stringify(body) };
}
