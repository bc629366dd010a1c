// The recordings of @signereid/openapi, read with its loader (the same payloads the spec shows as
// examples and the contract tests replay), filed by the operation they belong to (`operationId`).
// A recording answers a request only when it was made by exactly that request: same operation,
// path (compared decoded: %33 and 3 name the same session; the signature covered the bytes sent),
// query, format asked for (Accept) and body. Nothing here knows what any operation means;
// adapting a recording to another request is the business of that operation's handler.
import { isDeepStrictEqual } from "node:util";
import type { LoadedRecording } from "@signereid/openapi";
import { type Format, formatFor, type Reply } from "./replies.js";

/** What the sandbox knows of a request once it is routed. */
export interface Routed {
  operationId: string;
  /** The path as sent (not decoded), as recordings store it. */
  path: string;
  query: Record<string, string>;
  format: Format;
  /** The request body, parsed (POST and PUT). */
  body?: unknown;
}

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

  /** The recordings of one operation; with `path`, only those made on that path. */
  of(operationId: string, path?: string): readonly LoadedRecording[] {
    const all = this.#byOperation.get(operationId) ?? [];
    return path === undefined ? all : all.filter((r) => samePath(r.request.path, path));
  }

  /**
   * The recorded reply to exactly this request, or undefined. Where several recordings were made
   * by the same request, the successful one answers.
   */
  reply(request: Routed): Reply | undefined {
    const exact = this.of(request.operationId, request.path).filter(
      (r) =>
        isDeepStrictEqual(r.request.query, request.query) &&
        formatFor(r.request.headers.Accept) === request.format &&
        isDeepStrictEqual(r.request.body ?? null, request.body ?? null),
    );
    const chosen = exact.find((r) => r.response.status < 300) ?? exact[0];
    return chosen && replay(chosen);
  }
}

const samePath = (a: string, b: string) => decodeURIComponent(a) === decodeURIComponent(b);

/** A recording's response as it was recorded (a fresh headers object: replies get filtered). */
export function replay(recording: LoadedRecording): Reply {
  const { status, headers, body } = recording.response;
  return {
    status,
    headers: { ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}
