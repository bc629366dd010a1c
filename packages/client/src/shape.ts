// Checks that a parsed body has the shape the spec declares for the response (generated into
// operations.gen.ts: types at every level, fields of objects, items of arrays). Lenient where the
// spec is: fields may be missing, unknown fields and values pass through untouched. The place of
// a mismatch is spelt out only once one is found.
import type { Shape } from "./core/operation.js";

/** Where the value first breaks the shape, and what was expected there; undefined when it fits. */
export function shapeMismatch(
  value: unknown,
  shape: Shape,
): { where: string; expected: string } | undefined {
  const path: (string | number)[] = [];
  const expected = firstMismatch(value, shape, path);
  if (expected === undefined) return undefined;
  const where = path
    .map((step, i) => (typeof step === "number" ? `[${step}]` : i ? `.${step}` : step))
    .join("");
  return { where: where || "the body", expected };
}

/** What was expected where `value` breaks `shape`, with `path` left at that place. */
function firstMismatch(
  value: unknown,
  shape: Shape,
  path: (string | number)[],
): string | undefined {
  const actual = jsonType(value);
  const allowed = shape.types;
  if (
    allowed.length > 0 &&
    !allowed.includes(actual) &&
    !(actual === "integer" && allowed.includes("number"))
  ) {
    const names = allowed.map((type) =>
      type === "object" || type === "array" ? `an ${type}` : type,
    );
    return `${names.join(" or ")}, not ${actual}`;
  }
  const { fields, items } = shape;
  if (actual === "object" && fields) {
    for (const field in fields) {
      if (!Object.hasOwn(value as object, field)) continue;
      path.push(field);
      const found = firstMismatch(
        (value as Record<string, unknown>)[field],
        fields[field] as Shape,
        path,
      );
      if (found) return found;
      path.pop();
    }
  }
  if (actual === "array" && items) {
    const list = value as unknown[];
    for (let index = 0; index < list.length; index++) {
      path.push(index);
      const found = firstMismatch(list[index], items, path);
      if (found) return found;
      path.pop();
    }
  }
  return undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "number"
    ? Number.isInteger(value)
      ? "integer"
      : "number"
    : typeof value;
}
