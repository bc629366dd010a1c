// Types of recordings.js. `Recording` is generated from recording.schema.json at build time.
import type { Recording } from "./dist/recording.js";

export type { Recording };

/** A recording as loaded: its file name, and `expected` always present (default: the body). */
export type LoadedRecording = Recording & { file: string; expected: unknown };

/** The recordings this package ships. */
export declare const recordingsDir: string;

/** A stored recording as consumers use it: `file` added, `expected` defaulted to the body. */
export declare function withDefaults(stored: Recording, file: string): LoadedRecording;

/**
 * Every `*.json` in `dir` (default: this package's recordings), sorted by file name. Throws, naming
 * the file and the problem, when one is not a valid recording.
 */
export declare function loadRecordings(dir?: string): LoadedRecording[];

/** One recording by its file name (`vendor-example.json`), checked and with its defaults. */
export declare function loadRecording(file: string, dir?: string): LoadedRecording;

/** The stored form of a loaded recording: `file` dropped, `expected` left out when it is the default. */
export declare function toStored(
  recording: Recording & { file?: string; expected?: unknown },
): Recording;

/** What is wrong with a stored recording under recording.schema.json; empty when nothing is. */
export declare function validateRecording(stored: unknown): string[];

/** The response body as a value: a JSON string body, stored as its raw text, is parsed. */
export declare function bodyValue(recording: Pick<Recording, "response">): unknown;

/** The recorded response's Content-Type (any case of the header name), or "" without one. */
export declare function contentTypeOf(recording: Pick<Recording, "response">): string;

/** The key of `content` (a media type map) that a Content-Type falls under; `*\/*` matches anything. */
export declare function mediaTypeKey(
  content: Record<string, unknown> | undefined,
  contentType: string,
): string | undefined;

/** A part of a parsed OpenAPI document: JSON, whose fields the caller reads. */
// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document has no static type
type Json = any;

/** One operation of a bundle: its path template, lower-case method, the operation and its path item. */
export interface BundleOperation {
  path: string;
  method: "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
  operation: Json;
  item: Json;
}

/** Every operation of a bundle (path items inline, as a bundle has them), in document order. */
export declare function operationsOf(bundle: { paths?: Record<string, Json> }): BundleOperation[];

/**
 * `node` itself, or what its local `$ref` (`#/components/...`, a JSON pointer) points to in
 * `bundle`, followed until it is not a `$ref`.
 */
export declare function resolveRef(bundle: unknown, node: Json | undefined): Json | undefined;

/**
 * The concrete paths of a path template: `/api/SignereId/{RequestId}` matches
 * `/api/SignereId/abc`; each `{name}` is one non-empty segment, captured in order.
 */
export declare function templateRegex(pathTemplate: string): RegExp;
