// Checks that a parsed body has the shape of a SignereID session, with the field types taken
// from the spec (generated/spec.ts). Deliberately lenient where the vendor never documented
// anything: fields may be missing or null, and unknown fields and values pass through untouched.
import { SignereIdResponseFormatError } from "./errors.js";
import { metaDataEntryFieldTypes, sessionFieldTypes } from "./generated/spec.js";
import type { SignereIdSession } from "./types.js";

type FieldTypes = Readonly<Record<string, readonly string[]>>;

export function assertSessionShape(
  value: unknown,
  status: number,
  contentType: string,
): asserts value is SignereIdSession {
  const fail = (where: string, expected: string) => {
    throw new SignereIdResponseFormatError(
      "wrong-shape",
      `The response is not a SignereID session: ${where} should be ${expected}. The server may have answered for another endpoint; check the base URL.`,
      status,
      contentType,
    );
  };
  if (!isPlainObject(value)) fail("the body", "an object");
  checkFields(value as Record<string, unknown>, sessionFieldTypes, "", fail);
  const metaData = (value as Record<string, unknown>).MetaData;
  if (Array.isArray(metaData)) {
    metaData.forEach((entry, index) => {
      if (!isPlainObject(entry)) fail(`MetaData[${index}]`, "an object");
      checkFields(
        entry as Record<string, unknown>,
        metaDataEntryFieldTypes,
        `MetaData[${index}].`,
        fail,
      );
    });
  }
}

function checkFields(
  object: Record<string, unknown>,
  types: FieldTypes,
  prefix: string,
  fail: (where: string, expected: string) => void,
) {
  for (const [field, allowed] of Object.entries(types)) {
    if (!(field in object)) continue;
    const actual = jsonType(object[field]);
    if (!allowed.includes(actual))
      fail(`${prefix}${field}`, `${allowed.join(" or ")}, not ${actual}`);
  }
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

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
