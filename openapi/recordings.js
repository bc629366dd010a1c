// The one reader of the recordings: the spec's example decorator, the mock API, the contract
// tests, the recorder and the spec's tests all load them here, so the folder and the format's
// defaults (recording.schema.json) are defined in one place.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The recordings this package ships. */
export const recordingsDir = fileURLToPath(new URL("./recordings", import.meta.url));

/** A stored recording as consumers use it: `file` added, `expected` defaulted to the body. */
export function withDefaults(stored, file) {
  return {
    file,
    ...stored,
    expected: "expected" in stored ? stored.expected : stored.response.body,
  };
}

/** Every `*.json` in `dir` (default: this package's recordings), sorted by file name. */
export function loadRecordings(dir = recordingsDir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((file) => withDefaults(readJson(join(dir, file)), file));
}

/** The stored form of a loaded recording: `file` dropped, `expected` left out when it is the default. */
export function toStored({ file: _file, expected, ...stored }) {
  const same = JSON.stringify(expected) === JSON.stringify(stored.response.body);
  return same ? stored : { ...stored, expected };
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(
      `recording ${basename(path)} is not readable JSON (${error.message}): fix or remove it`,
    );
  }
}

/**
 * The response body as a value: a JSON body is stored as its value, except a JSON string, which
 * (like every string body) is stored as its raw text and is parsed here.
 */
export function bodyValue(recording) {
  const { body, headers } = recording.response;
  const type = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type");
  if (typeof body !== "string" || !/^application\/json\b/i.test(type?.[1] ?? "")) return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
