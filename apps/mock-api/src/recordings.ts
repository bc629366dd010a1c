// The sessions the mock serves are the recordings in @signereid/openapi/recordings: the same
// payloads the spec shows as examples and the contract tests replay. A recording is served
// verbatim when it matches the request (RequestId, metadata, format); otherwise the closest
// successful recording of that RequestId is adapted (MetaData dropped for metadata=false,
// written as XML when XML is asked for).
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { toDataContractXml } from "./xml.js";

export interface Recording {
  file: string;
  title?: string;
  source: string;
  request: {
    method: string;
    path: string;
    query: Record<string, string>;
    headers: Record<string, string>;
  };
  response: { status: number; headers: Record<string, string>; body: unknown };
  expected: unknown;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Format = "json" | "xml";

export function defaultRecordingsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@signereid/openapi/package.json")), "recordings");
}

export function loadRecordings(dir: string): Recording[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(join(dir, file), "utf8")) }));
}

/** JSON unless the Accept header prefers XML. */
export function formatFor(accept: string | undefined): Format {
  const value = (accept ?? "").toLowerCase();
  const xml = value.search(/(application|text)\/xml/);
  const json = value.search(/application\/json/);
  return xml !== -1 && (json === -1 || xml < json) ? "xml" : "json";
}

export function requestIdOf(recording: Recording): string {
  return recording.request.path.split("/").pop() ?? "";
}

export class SessionStore {
  readonly #byId = new Map<string, Recording[]>();

  constructor(recordings: readonly Recording[]) {
    for (const recording of recordings) {
      const id = requestIdOf(recording);
      this.#byId.set(id, [...(this.#byId.get(id) ?? []), recording]);
    }
  }

  /** Each RequestId with what its recordings show, for people choosing one to call. */
  catalogue(): { requestId: string; title: string }[] {
    return [...this.#byId].map(([requestId, recordings]) => ({
      requestId,
      title: recordings.map((r) => r.title ?? r.file).join("; "),
    }));
  }

  /** The reply for this session, or undefined when the RequestId is unknown. */
  reply(requestId: string, metadata: boolean, format: Format): Reply | undefined {
    const recordings = this.#byId.get(requestId);
    if (!recordings) return undefined;
    const exact = recordings.find(
      (r) =>
        r.request.query.metadata === String(metadata) &&
        formatFor(r.request.headers.Accept) === format,
    );
    const error = recordings.find((r) => r.response.status !== 200);
    const chosen = exact ?? error;
    if (chosen) return replay(chosen);

    const successes = recordings.filter(
      (r) => r.response.status === 200 && typeof r.response.body === "object",
    );
    const base =
      successes.find((r) => r.request.query.metadata === String(metadata)) ?? successes[0];
    if (!base) return undefined;
    const session = { ...(base.response.body as Record<string, unknown>) };
    if (!metadata) session.MetaData = null;
    return format === "xml"
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
}

function replay(recording: Recording): Reply {
  const { status, headers, body } = recording.response;
  return { status, headers, body: typeof body === "string" ? body : JSON.stringify(body) };
}
