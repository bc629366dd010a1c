// Checks that a parsed body has the shape the spec declares for the response (generated into
// operations.gen.ts: types at every level, fields of objects, items of arrays). Lenient where the
// spec is: fields may be missing, unknown fields and values pass through untouched.
import type { Shape } from "./core/operation.js";

/** Where the value first breaks the shape, and what was expected there; undefined when it fits. */
export function shapeMismatch(
  value: unknown,
  shape: Shape,
  where = "the body",
): { where: string; expected: string } | undefined {
  const actual = jsonType(value);
  const allowed = shape.types;
  const fits =
    allowed.length === 0 ||
    allowed.includes(actual) ||
    (actual === "integer" && allowed.includes("number"));
  if (!fits) {
    const expected = allowed.map((type) =>
      type === "object" || type === "array" ? `an ${type}` : type,
    );
    return { where, expected: `${expected.join(" or ")}, not ${actual}` };
  }
  if (actual === "object" && shape.fields) {
    const object = value as Record<string, unknown>;
    const prefix = where === "the body" ? "" : `${where}.`;
    for (const [field, sub] of Object.entries(shape.fields)) {
      if (!Object.hasOwn(object, field)) continue;
      const found = shapeMismatch(object[field], sub, `${prefix}${field}`);
      if (found) return found;
    }
  }
  if (actual === "array" && shape.items) {
    const list = value as unknown[];
    for (let index = 0; index < list.length; index++) {
      const found = shapeMismatch(
        list[index],
        shape.items,
        `${where === "the body" ? "" : where}[${index}]`,
      );
      if (found) return found;
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
