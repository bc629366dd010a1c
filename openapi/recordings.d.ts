// Types of recordings.js. `Recording` is generated from recording.schema.json at build time.
import type { Recording } from "./dist/recording.js";

export type { Recording };

/** A recording as loaded: its file name, and `expected` always present (default: the body). */
export type LoadedRecording = Recording & { file: string; expected: unknown };

/** The recordings this package ships. */
export declare const recordingsDir: string;

/** A stored recording as consumers use it: `file` added, `expected` defaulted to the body. */
export declare function withDefaults(stored: Recording, file: string): LoadedRecording;

/** Every `*.json` in `dir` (default: this package's recordings), sorted by file name. */
export declare function loadRecordings(dir?: string): LoadedRecording[];

/** The stored form of a loaded recording: `file` dropped, `expected` left out when it is the default. */
export declare function toStored(
  recording: Recording & { file?: string; expected?: unknown },
): Recording;

/** The response body as a value: a JSON string body, stored as its raw text, is parsed. */
export declare function bodyValue(recording: Pick<Recording, "response">): unknown;
