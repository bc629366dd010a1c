// The one reader of the recordings: the spec's example decorator, the sandbox, the contract
// tests, the recorder and the spec's tests all load them here, so the folder, the format's check
// and its defaults (recording.schema.json) are defined in one place. The few helpers that match a
// recording with the operation of a bundle it belongs to live here too, for the same reason.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";

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
    .map((file) => loadRecording(file, dir));
}

/** One recording by its file name (`vendor-example.json`), checked and with its defaults. */
export function loadRecording(file, dir = recordingsDir) {
  const stored = readJson(join(dir, file));
  const problems = validateRecording(stored);
  if (problems.length > 0) {
    throw new Error(
      `recording ${file} does not follow recording.schema.json: ${problems.join("; ")}. Fix or remove it`,
    );
  }
  return withDefaults(stored, file);
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

// Compiled on first use: importing the package for a bundle helper costs no schema compilation.
let validator;

/** What is wrong with a stored recording under recording.schema.json; empty when nothing is. */
export function validateRecording(stored) {
  validator ??= new Ajv2020({ allErrors: true }).compile(
    JSON.parse(readFileSync(new URL("./recording.schema.json", import.meta.url), "utf8")),
  );
  if (validator(stored)) return [];
  // A forbidden header name is reported once, by name (not also by the `not` inside
  // propertyNames); a failed `then` is reported by what failed inside it.
  return validator.errors
    .filter((e) => !e.schemaPath.includes("/propertyNames/") && e.keyword !== "if")
    .map(problemOf);
}

function problemOf({ instancePath, keyword, message, params, schemaPath }) {
  const where = instancePath || "the recording";
  if (keyword === "additionalProperties")
    return `${where} has the unknown property "${params.additionalProperty}"`;
  if (keyword === "enum") return `${where} must be one of ${params.allowedValues.join(", ")}`;
  if (keyword === "propertyNames")
    return `${where} has the forbidden name "${params.propertyName}"`;
  // "must NOT be valid" says nothing by itself: name the rule.
  if (keyword === "not")
    return `${where} breaks the rule at ${schemaPath} of recording.schema.json`;
  return `${where} ${message}`;
}

/**
 * The response body as a value: a JSON body is stored as its value, except a JSON string, which
 * (like every string body) is stored as its raw text and is parsed here.
 */
export function bodyValue(recording) {
  const body = recording.response.body;
  if (typeof body !== "string" || !/^application\/json\b/i.test(contentTypeOf(recording))) {
    return body;
  }
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** The recorded response's Content-Type (any case of the header name), or "" without one. */
export function contentTypeOf(recording) {
  const entry = Object.entries(recording.response.headers).find(
    ([name]) => name.toLowerCase() === "content-type",
  );
  return entry?.[1] ?? "";
}

/** The key of `content` (a media type map) that a Content-Type falls under; `*\/*` matches anything. */
export function mediaTypeKey(content, contentType) {
  const essence = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  const keys = Object.keys(content ?? {});
  return keys.find((key) => key === essence) ?? keys.find((key) => key === "*/*");
}

// The HTTP methods of an OpenAPI 3.1 path item.
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation of a bundle (path items inline, as a bundle has them), in document order. */
export function operationsOf(bundle) {
  return Object.entries(bundle.paths ?? {}).flatMap(([path, item]) => {
    // Its operations would be missed without a word.
    if (item.$ref)
      throw new Error(`the path item of ${path} is a $ref: bundle the description first`);
    return METHODS.filter((method) => item[method]).map((method) => ({
      path,
      method,
      operation: item[method],
      item,
    }));
  });
}

/**
 * `node` itself, or what its local `$ref` (`#/components/...`, a JSON pointer) points to in
 * `bundle`, followed until it is not a `$ref`.
 */
export function resolveRef(bundle, node) {
  if (!node?.$ref) return node;
  if (!node.$ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${node.$ref}`);
  const target = node.$ref
    .slice(2)
    .split("/")
    .reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], bundle);
  return resolveRef(bundle, target);
}

/**
 * The concrete paths of a path template: `/api/SignereId/{RequestId}` matches
 * `/api/SignereId/abc`; each `{name}` is one non-empty segment, captured in order.
 */
export function templateRegex(pathTemplate) {
  const pattern = pathTemplate
    .split(/(\{[^}]+\})/)
    .map((part, i) => (i % 2 === 1 ? "([^/]+)" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${pattern}$`);
}
