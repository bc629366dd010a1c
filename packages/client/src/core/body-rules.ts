// A request body is checked against the rules generated from its schema before any I/O: the
// same rules as the parameters (types, enums, open enums, URLs, patterns, minimum), plus which
// fields are required and which are known. An unknown field is refused, with the known field it
// most likely misspells: a typo in `GetSocialSecurityNumber` or `SuccessUrl` would otherwise be
// dropped by the server without a word (see the README). Errors name the field, never its value.
import { invalid } from "../errors.js";
import { redact } from "../redact.js";
import type { BodyRule } from "./operation.js";
import { checkValue } from "./params.js";

/**
 * `name` is the argument as the caller knows it (`request`), so a field is `request.SuccessUrl`;
 * `names` renames fields the caller never wrote (invalidate's `RequestId` is its `requestId`).
 */
export function checkBody(
  rule: BodyRule,
  body: unknown,
  name = "request",
  names: Readonly<Record<string, string>> = {},
): void {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalid(name, "must be an object.");
  }
  const fieldOf = (key: string) => names[key] ?? `${name}.${key}`;
  const object = body as Record<string, unknown>;
  const { fields } = rule;
  if (fields) {
    for (const key of Object.keys(object)) {
      if (Object.hasOwn(fields, key) || object[key] === undefined) continue;
      const shown = redact(key.slice(0, 60));
      const known = Object.keys(fields);
      const meant = known.find((name) => near(key, name));
      throw invalid(
        fieldOf(shown),
        `is not a field of this request${meant ? `: did you mean ${meant}?` : ""}. Known fields: ${known.join(", ")}.`,
      );
    }
  }
  for (const key of rule.required) {
    if (object[key] === undefined) {
      throw invalid(fieldOf(key), "is required (this client's choice; see the README).");
    }
  }
  for (const [key, fieldRule] of Object.entries(fields ?? {})) {
    if (object[key] !== undefined) checkValue(fieldOf(key), fieldRule, object[key], false);
  }
}

/**
 * Whether `key` is most likely a misspelling of `name`: case aside, what is left once their common
 * start and end are taken off is at most 2 characters (one letter wrong, missing, added or two swapped).
 */
function near(key: string, name: string): boolean {
  const a = key.toLowerCase();
  const b = name.toLowerCase();
  const length = Math.min(a.length, b.length);
  let start = 0;
  while (start < length && a[start] === b[start]) start++;
  let end = 0;
  while (end < length - start && a.at(-1 - end) === b.at(-1 - end)) end++;
  return Math.max(a.length, b.length) - start - end <= 2;
}
