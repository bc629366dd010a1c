// Deny by default: a recording is built from the parsed response, and only what the allow-list
// names survives as received. Every other string becomes a synthetic value; the structure stays.
import {
  ENUM_FIELDS,
  isPlainName,
  KNOWN_METADATA_KEYS,
  KNOWN_PHRASES,
  keptTimestamp,
  PLACEHOLDER_NAMES,
  REPLACED,
  REQUEST_ENUM_FIELDS,
  RETURN_URLS,
  replacedText,
  SESSION_FIELDS,
  SYNTHETIC,
  SYNTHETIC_LOGIN_URL,
  SYNTHETIC_REQUEST,
  SYNTHETIC_REQUEST_ID,
} from "./allow-list.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A session (2xx body, already parsed by the client): known fields get their synthetic value. */
export function scrubSession(session: Record<string, unknown>): Record<string, Json> {
  return scrubObject(session, (name, value) => {
    if (!SESSION_FIELDS.has(name)) return scrubValue(value, replaceString);
    if (name === "MetaData" && Array.isArray(value)) return value.map(scrubMetaDataEntry);
    const allowed = ENUM_FIELDS[name];
    return scrubValue(value, (text) => (allowed?.has(text) ? text : (SYNTHETIC[name] ?? REPLACED)));
  });
}

/** Any other JSON value: only the structure stays (strings replaced, numbers 0, booleans false). */
export function scrubJson(value: unknown): Json {
  return scrubValue(value, replaceString);
}

/**
 * getSignereIdSessionCompleted's body: a bare boolean, or `Done` of `{"Done": bool}`, is the
 * answer the spec describes and stays; the rest as scrubJson.
 */
export function scrubCompleted(value: unknown): Json {
  if (typeof value === "boolean") return value;
  if (!isObject(value)) return scrubJson(value);
  return scrubObject(value, (name, field) =>
    name === "Done" && typeof field === "boolean" ? field : scrubJson(field),
  );
}

/**
 * The create response: `RequestId` and `Url` become the synthetic id and its login URL (the same
 * id everywhere in the file), a known `Status` and a `Started` timestamp stay, the rest as scrubJson.
 */
export function scrubCreateResponse(value: unknown): Json {
  if (!isObject(value)) return scrubJson(value);
  return scrubObject(value, (name, field) => {
    if (typeof field !== "string" || field === "") return scrubJson(field);
    if (name === "RequestId") return SYNTHETIC_REQUEST_ID;
    if (name === "Url") return SYNTHETIC_LOGIN_URL;
    if (name === "Status") return ENUM_FIELDS.Status?.has(field) ? field : REPLACED;
    if (name === "Started") return keptTimestamp(field) ?? REPLACED;
    return REPLACED;
  });
}

/** The server time (a JSON string): kept in its form when it is a timestamp, else replaced. */
export function scrubServerTime(value: unknown): Json {
  return typeof value === "string" && value !== ""
    ? (keptTimestamp(value) ?? REPLACED)
    : scrubJson(value);
}

/**
 * The create request's body: return URLs become `https://rp.example/…` keeping the placeholders
 * `[0]` `[1]` `[2]` they carried, ExternalReference, PageTitle and Domain get synthetic values
 * (ExternalReference keeps its placeholders too), known enum values, booleans and integers stay,
 * every other string is replaced.
 */
export function scrubCreateRequest(value: unknown): Json {
  if (!isObject(value)) return scrubJson(value);
  return scrubObject(value, (name, field) => {
    if (typeof field === "number") return Number.isSafeInteger(field) ? field : 0;
    // The caller's own flags (UseIframe…), of names the client accepts.
    if (typeof field === "boolean") return field;
    if (typeof field !== "string" || field === "") return scrubJson(field);
    const page = RETURN_URLS[name];
    if (page !== undefined) {
      const query = placeholders(field).map((p) => `${PLACEHOLDER_NAMES[p]}=${p}`);
      return `https://rp.example/${page}${query.length > 0 ? `?${query.join("&")}` : ""}`;
    }
    if (name === "ExternalReference")
      return [SYNTHETIC_REQUEST.ExternalReference, ...placeholders(field)].join("-");
    if (REQUEST_ENUM_FIELDS[name]?.has(field)) return field;
    return SYNTHETIC_REQUEST[name] ?? REPLACED;
  });
}

/** The placeholders `[0]` `[1]` `[2]` that `text` holds, each once, in that order. */
function placeholders(text: string): Array<keyof typeof PLACEHOLDER_NAMES> {
  return (Object.keys(PLACEHOLDER_NAMES) as Array<keyof typeof PLACEHOLDER_NAMES>).filter((p) =>
    text.includes(p),
  );
}

function scrubMetaDataEntry(entry: unknown): Json {
  if (!isObject(entry)) return scrubValue(entry, replaceString);
  return scrubObject(entry, (name, value) =>
    scrubValue(value, (text) =>
      name === "Key" && KNOWN_METADATA_KEYS.has(text) ? text : replaceString(text),
    ),
  );
}

/**
 * Free text (an error reason, an error body or a string in one): kept only when it is exactly one
 * of the known phrases (allow-list.ts), else replaced whole by its shape. Words are never kept one
 * by one: letters alone can spell a token or an id.
 */
export function scrubText(text: string): string {
  const trimmed = text.trim();
  return KNOWN_PHRASES.has(trimmed) ? trimmed : replacedText(text);
}

export const MARKUP_REMOVED = "[a markup error body, removed by the recorder]";

/**
 * An error body: JSON objects and arrays keep their structure with every string scrubbed as free
 * text; markup (XML, HTML) is replaced whole; other text is scrubbed as free text.
 */
export function scrubErrorBody(text: string): Json {
  if (text === "") return "";
  if (startsLikeMarkup(text)) return MARKUP_REMOVED;
  const parsed = tryJson(text);
  if (parsed !== null && typeof parsed === "object") return scrubValue(parsed, scrubText);
  return scrubText(text);
}

/** XML, whatever its Content-Type says: the first character after a BOM and blanks is `<`. */
export function startsLikeMarkup(text: string): boolean {
  return /^\uFEFF?\s*</.test(text);
}

function replaceString(text: string): string {
  return text === "" ? "" : REPLACED;
}

/**
 * Strings through `replace` (empty stays empty); numbers become 0 and booleans false (an array of
 * them could spell anything bit by bit); null stays.
 */
function scrubValue(value: unknown, replace: (text: string) => string): Json {
  if (typeof value === "string") return value === "" ? "" : replace(value);
  if (typeof value === "number") return 0;
  if (typeof value === "boolean") return false;
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, replace));
  if (isObject(value)) return scrubObject(value, (_name, item) => scrubValue(item, replace));
  return null;
}

/** Keeps plain names (see isPlainName) and renames the others `renamed-1`, `renamed-2`… */
function scrubObject(
  object: Record<string, unknown>,
  scrubField: (name: string, value: unknown) => Json,
): Record<string, Json> {
  const out: Record<string, Json> = {};
  let renamed = 0;
  for (const [name, value] of Object.entries(object)) {
    let kept = name;
    if (!SESSION_FIELDS.has(name) && !isPlainName(name)) {
      do kept = `renamed-${++renamed}`;
      while (kept in object || kept in out);
    }
    out[kept] = scrubField(name, value);
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
