// A RequestId goes into the URL, and the URL is what gets signed: anything that could change the
// URL (`.`, `..`, `/`, `%`, `?`, control characters…) is refused before any request. The rule
// is the spec's (generated/spec.ts). The error never echoes the id: it could be anything,
// a national id number pasted by mistake included.
import { SignereIdValidationError } from "./errors.js";
import { requestIdMaxLength, requestIdPattern } from "./generated/spec.js";

const pattern = new RegExp(requestIdPattern);

export function assertRequestId(requestId: unknown): asserts requestId is string {
  const rule = `1 to ${requestIdMaxLength} characters of A–Z, a–z, 0–9, "-" and "_" (the id returned when the session was created)`;
  if (typeof requestId !== "string") {
    throw new SignereIdValidationError(
      "requestId",
      `must be a string of ${rule}; got ${describeType(requestId)}.`,
    );
  }
  if (requestId.length === 0 || requestId.length > requestIdMaxLength) {
    throw new SignereIdValidationError(
      "requestId",
      `must be ${rule}; got ${requestId.length} characters.`,
    );
  }
  if (!pattern.test(requestId)) {
    const index = [...requestId].findIndex((char) => !pattern.test(char));
    const char = [...requestId][index] ?? "";
    const shown = /^[\x21-\x7e]$/.test(char)
      ? `"${char}"`
      : `U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`;
    throw new SignereIdValidationError(
      "requestId",
      `must be ${rule}; it contains ${shown} at position ${index + 1}, which could change the requested (and signed) URL.`,
    );
  }
}

function describeType(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
