// Every path and query parameter of every operation is checked against the spec's rule before
// any I/O. A path value goes into the URL, and the URL is what gets signed: anything that could
// change it (`.`, `..`, `/`, `%`, `?`, control characters…) is refused by the spec's pattern.
// Errors never echo the value: it could be anything, a national id number pasted by mistake
// included.
import { invalid } from "../errors.js";
import type { Operation, Parameter, ParameterRule } from "./operation.js";

/** The URL path and query of one call, from its validated parameters. */
export function buildTarget(
  op: Operation,
  values: { path?: Record<string, unknown>; query?: Record<string, unknown> },
): string {
  let path = op.path;
  const query: string[] = [];
  for (const param of op.params) {
    const value = (param.in === "path" ? values.path : values.query)?.[param.name];
    if (value === undefined && !param.required) continue;
    checkParameter(param, value);
    const encoded = encodeURIComponent(String(value));
    if (param.in === "path") path = path.replace(`{${param.name}}`, encoded);
    else query.push(`${encodeURIComponent(param.name)}=${encoded}`);
  }
  return query.length > 0 ? `${path}?${query.join("&")}` : path;
}

/** The argument's name as a caller writes it: `requestId` for the spec's `RequestId`. */
export function fieldName(param: Parameter): string {
  return param.in === "path" ? param.name[0]?.toLowerCase() + param.name.slice(1) : param.name;
}

export function checkParameter(param: Parameter, value: unknown): void {
  checkValue(fieldName(param), param.rule, value, true);
}

/** Checks one value against its generated rule; `inUrl` when it goes into the signed URL. */
export function checkValue(field: string, rule: ParameterRule, value: unknown, inUrl: boolean) {
  if (rule.types.includes("boolean") && rule.types.length === 1) {
    if (typeof value !== "boolean") throw invalid(field, "must be true or false.");
    return;
  }
  if (rule.enum) {
    const known = rule.enum.map((v) => JSON.stringify(v)).join(", ");
    if (rule.openEnum ? typeof value !== "string" : !rule.enum.includes(value)) {
      throw invalid(
        field,
        rule.openEnum
          ? `must be a string: one of ${known}, or another value the service knows.`
          : `must be one of ${known}.`,
      );
    }
    if (rule.openEnum) checkString(field, rule, value, inUrl);
    return;
  }
  if (rule.types.includes("integer") || rule.types.includes("number")) {
    const whole = !rule.types.includes("number");
    const range =
      rule.minimum !== undefined && rule.maximum !== undefined
        ? ` from ${rule.minimum} to ${rule.maximum}`
        : rule.minimum !== undefined
          ? ` of at least ${rule.minimum}`
          : rule.maximum !== undefined
            ? ` of at most ${rule.maximum}`
            : "";
    if (
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      (whole && !Number.isInteger(value)) ||
      (rule.minimum !== undefined && value < rule.minimum) ||
      (rule.maximum !== undefined && value > rule.maximum)
    ) {
      throw invalid(field, `must be a finite ${whole ? "integer" : "number"}${range}.`);
    }
    return;
  }
  if (rule.url) checkUrl(field, rule, value);
  else checkString(field, rule, value, inUrl);
}

function checkUrl(field: string, rule: ParameterRule, value: unknown): void {
  // The placeholders the service replaces (the spec's x-url-placeholders) are not URL syntax:
  // each is read as a 0 while the URL is parsed.
  const placeholders = rule.placeholders ?? [];
  const allowed =
    placeholders.length > 0 ? ` (the placeholders ${list(placeholders)} are allowed)` : "";
  const what = `must be an absolute http(s) URL such as https://rp.example/done${allowed}`;
  if (typeof value !== "string") throw invalid(field, `${what}; got ${describeType(value)}.`);
  let url: URL | undefined;
  try {
    url = new URL(placeholders.reduce((text, p) => text.replaceAll(p, "0"), value));
  } catch {
    url = undefined;
  }
  // URL() would read https:///path as host "path": the host must follow the scheme itself.
  if (!url || !/^https?:\/\/[^/\\?#]/.test(value) || !url.hostname) {
    throw invalid(field, `${what}; it is not one.`);
  }
  // URL() drops tabs and newlines silently; the spec's pattern (no white space) does not.
  if (/[\s\p{Cc}]/u.test(value) || (rule.pattern && !new RegExp(rule.pattern, "u").test(value))) {
    throw invalid(field, `${what}; it contains white space or a control character.`);
  }
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    throw invalid(field, `${what}, of at most ${rule.maxLength} characters.`);
  }
}

function checkString(field: string, rule: ParameterRule, value: unknown, inUrl: boolean): void {
  const min = rule.minLength ?? (rule.pattern ? 1 : 0);
  const max = rule.maxLength;
  const alphabet = rule.pattern ? describePattern(rule.pattern) : "any characters";
  const what = `${max === undefined ? `at least ${min}` : `${min} to ${max}`} characters of ${alphabet}`;
  if (typeof value !== "string") {
    throw invalid(field, `must be a string of ${what}; got ${describeType(value)}.`);
  }
  if (value.length < min || (max !== undefined && value.length > max)) {
    throw invalid(field, `must be ${what}; got ${value.length} characters.`);
  }
  if (rule.pattern && !new RegExp(rule.pattern, "u").test(value)) {
    const chars = [...value];
    const single = new RegExp(rule.pattern, "u");
    const index = chars.findIndex((char) => !single.test(char));
    if (index < 0) throw invalid(field, `must be ${what}; it does not match ${rule.pattern}.`);
    const char = chars[index] as string;
    const shown = /^[\x21-\x7e]$/.test(char)
      ? `"${char}"`
      : `U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`;
    throw invalid(
      field,
      `must be ${what}; it contains ${shown} at position ${index + 1}${inUrl ? ", which could change the requested (and signed) URL" : ""}.`,
    );
  }
}

/** `^[A-Za-z0-9_-]+$` → `A–Z, a–z, 0–9, "-" and "_"`; any other pattern is quoted as is. */
export function describePattern(pattern: string): string {
  const match = /^\^\[([^\]\\]+)\][+*]\$$/.exec(pattern);
  if (!match) return `the pattern ${pattern}`;
  const set = match[1] as string;
  const ranges: string[] = [];
  const singles: string[] = [];
  for (let i = 0; i < set.length; i++) {
    if (set[i + 1] === "-" && i + 2 < set.length) {
      ranges.push(`${set[i]}–${set[i + 2]}`);
      i += 2;
    } else singles.push(`"${set[i]}"`);
  }
  const parts = [...ranges, ...singles.sort()];
  return list(parts);
}

/** `a, b and c`. */
function list(items: readonly string[]): string {
  return items.length > 1
    ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`
    : (items[0] ?? "");
}

function describeType(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
