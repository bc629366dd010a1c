// Every path and query parameter of every operation is checked against the spec's rule before
// any I/O. A path value goes into the URL, and the URL is what gets signed: anything that could
// change it (`.`, `..`, `/`, `%`, `?`, control characters…) is refused by the spec's pattern.
// Errors never echo the value: it could be anything, a national id number pasted by mistake
// included. Messages are built only on failure: a good call pays for the checks alone.
import { invalid } from "../errors.js";
import type { Operation, ParameterRule } from "./operation.js";

/** The URL path and query of one call, from its validated parameters. */
export function buildTarget(
  op: Operation,
  values: { path?: Record<string, unknown>; query?: Record<string, unknown> },
): string {
  let path = op.path;
  let query = "";
  for (const { name, in: where, required, rule } of op.params ?? []) {
    const value = values[where]?.[name];
    if (value === undefined && !required) continue;
    // The argument as a caller writes it: `requestId` for the spec's `RequestId`.
    checkValue(where === "path" ? name[0]?.toLowerCase() + name.slice(1) : name, rule, value, true);
    const encoded = encodeURIComponent(String(value));
    if (where === "path") path = path.replace(`{${name}}`, encoded);
    else query += `${query ? "&" : "?"}${encodeURIComponent(name)}=${encoded}`;
  }
  return path + query;
}

/** Checks one value against its generated rule; `inUrl` when it goes into the signed URL. */
export function checkValue(field: string, rule: ParameterRule, value: unknown, inUrl: boolean) {
  const fail = (why: string): never => {
    throw invalid(field, why);
  };
  const { types, minimum: min, maximum: max } = rule;
  if (types.length === 1 && types[0] === "boolean") {
    if (typeof value !== "boolean") fail("must be true or false.");
  } else if (rule.enum) {
    const open = rule.openEnum;
    if (open ? typeof value !== "string" : !rule.enum.includes(value)) {
      const known = rule.enum.map((v) => JSON.stringify(v)).join(", ");
      fail(
        open
          ? `must be a string: one of ${known}, or another value the service knows.`
          : `must be one of ${known}.`,
      );
    }
    if (open) checkString(rule, value, inUrl, fail);
  } else if (types.includes("integer") || types.includes("number")) {
    const whole = !types.includes("number");
    if (
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      (whole && !Number.isInteger(value)) ||
      value < (min ?? -Infinity) ||
      value > (max ?? Infinity)
    ) {
      const range =
        min !== undefined && max !== undefined
          ? ` from ${min} to ${max}`
          : min !== undefined
            ? ` of at least ${min}`
            : max !== undefined
              ? ` of at most ${max}`
              : "";
      fail(`must be a finite ${whole ? "integer" : "number"}${range}.`);
    }
  } else if (rule.url) checkUrl(rule, value, fail);
  else checkString(rule, value, inUrl, fail);
}

function checkUrl(rule: ParameterRule, value: unknown, fail: (why: string) => never): void {
  // The placeholders the service replaces (the spec's x-url-placeholders) are not URL syntax:
  // each is read as a 0 while the URL is parsed.
  const placeholders = rule.placeholders ?? [];
  const what = () =>
    `must be an absolute http(s) URL such as https://rp.example/done${placeholders.length ? ` (the placeholders ${list(placeholders)} are allowed)` : ""}`;
  if (typeof value !== "string") fail(`${what()}; got ${describeType(value)}.`);
  const text = value as string;
  let url: URL | undefined;
  try {
    url = new URL(placeholders.reduce((t, p) => t.replaceAll(p, "0"), text));
  } catch {}
  // URL() would read https:///path as host "path": the host must follow the scheme itself.
  if (!url?.hostname || !/^https?:\/\/[^/\\?#]/.test(text)) fail(`${what()}; it is not one.`);
  // URL() drops tabs and newlines silently; the spec's pattern (no white space) does not.
  if (/[\s\p{Cc}]/u.test(text) || (rule.pattern && !new RegExp(rule.pattern, "u").test(text))) {
    fail(`${what()}; it contains white space or a control character.`);
  }
  if (text.length > (rule.maxLength ?? Infinity)) {
    fail(`${what()}, of at most ${rule.maxLength} characters.`);
  }
}

function checkString(
  rule: ParameterRule,
  value: unknown,
  inUrl: boolean,
  fail: (why: string) => never,
): void {
  const { pattern, maxLength: max } = rule;
  const min = rule.minLength ?? (pattern ? 1 : 0);
  const what = () =>
    `${max === undefined ? `at least ${min}` : `${min} to ${max}`} characters of ${pattern ? describePattern(pattern) : "any characters"}`;
  if (typeof value !== "string") fail(`must be a string of ${what()}; got ${describeType(value)}.`);
  const text = value as string;
  if (text.length < min || text.length > (max ?? Infinity)) {
    fail(`must be ${what()}; got ${text.length} characters.`);
  }
  if (pattern && !new RegExp(pattern, "u").test(text)) {
    // The first character the pattern refuses on its own, shown only when it is printable ASCII.
    const chars = [...text];
    const single = new RegExp(pattern, "u");
    const index = chars.findIndex((char) => !single.test(char));
    if (index < 0) fail(`must be ${what()}; it does not match ${pattern}.`);
    const char = chars[index] as string;
    const shown = /^[\x21-\x7e]$/.test(char)
      ? `"${char}"`
      : `U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`;
    fail(
      `must be ${what()}; it contains ${shown} at position ${index + 1}${inUrl ? ", which could change the requested (and signed) URL" : ""}.`,
    );
  }
}

/** `^[A-Za-z0-9_-]+$` → `A–Z, a–z, 0–9, "-" and "_"`; any other pattern is quoted as is. */
export function describePattern(pattern: string): string {
  const set = /^\^\[([^\]\\]+)\][+*]\$$/.exec(pattern)?.[1];
  if (!set) return `the pattern ${pattern}`;
  const ranges: string[] = [];
  const singles: string[] = [];
  for (let i = 0; i < set.length; i++) {
    if (set[i + 1] === "-" && i + 2 < set.length) {
      ranges.push(`${set[i]}–${set[i + 2]}`);
      i += 2;
    } else singles.push(`"${set[i]}"`);
  }
  return list([...ranges, ...singles.sort()]);
}

/** `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : `${items[0]}`;
}

function describeType(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
