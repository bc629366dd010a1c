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
      const near = closest(key, Object.keys(fields));
      throw invalid(
        fieldOf(shown),
        `is not a field of this request${near ? `: did you mean ${near}?` : ""}. Known fields: ${Object.keys(fields).join(", ")}.`,
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

/** The known name nearest to `key` (case-insensitive edit distance ≤ 2, or same letters). */
function closest(key: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
