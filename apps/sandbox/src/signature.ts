// Checks the SignereID signing headers the way the real server must: its own implementation
// (node:crypto), independent of @signereid/client, with a constant-time comparison.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { SandboxAccount } from "./accounts.js";

export interface Problem {
  status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415;
  reason: string;
}

export interface SignedRequest {
  method: string;
  /** The absolute URL the client sent: scheme, Host header, request target. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The body bytes exactly as received (POST and PUT sign them). */
  body?: Uint8Array;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

export function header(request: Pick<SignedRequest, "headers">, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A boolean header: absent is `undefined`; `true` or `false` in any case (the vendor's stack is
 * ASP.NET, whose bool parsing ignores case, and .NET clients send `True`); anything else, `1`
 * and the empty value included, is a 400 rather than a silent `false`.
 */
export function booleanHeader(request: SignedRequest, name: string): boolean | undefined | Problem {
  const value = header(request, name);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  return { status: 400, reason: `${name} must be true or false` };
}

/** The account behind API-ID, or the problem. */
export function checkApiId(
  request: SignedRequest,
  accounts: readonly SandboxAccount[],
): SandboxAccount | Problem {
  const apiId = header(request, "API-ID");
  if (!apiId) return { status: 400, reason: "Missing header API-ID" };
  const account = accounts.find((candidate) => candidate.apiId === apiId);
  return account ?? { status: 401, reason: "Unknown API-ID" };
}

/** The timestamp, in the format and within the window, or the problem. */
export function checkTimestamp(
  request: SignedRequest,
  nowMs: number,
  windowSeconds: number,
): true | Problem {
  const timestamp = header(request, "API-TIMESTAMP");
  if (!timestamp) return { status: 400, reason: "Missing header API-TIMESTAMP" };
  const ms = Date.parse(`${timestamp}Z`);
  if (!TIMESTAMP.test(timestamp) || Number.isNaN(ms)) {
    return { status: 400, reason: "API-TIMESTAMP must be yyyy-MM-ddTHH:mm:ss in UTC" };
  }
  const skew = Math.round((ms - nowMs) / 1000);
  if (Math.abs(skew) > windowSeconds) {
    return {
      status: 401,
      reason: `API-TIMESTAMP is ${skew} s from the server's clock (allowed: ±${windowSeconds} s)`,
    };
  }
  return true;
}

/** The token, made with the key API-USINGSECONDARYTOKEN names, or the problem. */
export function checkToken(request: SignedRequest, account: SandboxAccount): true | Problem {
  const token = header(request, "API-TOKEN");
  if (!token) return { status: 400, reason: "Missing header API-TOKEN" };
  const algorithm = header(request, "API-ALGORITHM");
  if (!algorithm)
    return { status: 400, reason: "Missing header API-ALGORITHM (send SHA256 or SHA512)" };
  if (algorithm !== "SHA256" && algorithm !== "SHA512") {
    return { status: 400, reason: "API-ALGORITHM must be SHA256 or SHA512" };
  }
  if (!/^[0-9A-F]+$/.test(token)) {
    return {
      status: 401,
      reason:
        "API-TOKEN must be uppercase hex (the real server's handling of other forms is not documented)",
    };
  }
  const secondary = booleanHeader(request, "API-USINGSECONDARYTOKEN");
  if (isProblem(secondary)) return secondary;
  const claimed = secondary ? account.secondaryKey : account.primaryKey;
  if (sameToken(token, expectedToken(request, claimed, algorithm))) return true;
  const other = secondary ? account.primaryKey : account.secondaryKey;
  if (sameToken(token, expectedToken(request, other, algorithm))) {
    return {
      status: 401,
      reason: secondary
        ? "API-TOKEN was made with the primary key, but API-USINGSECONDARYTOKEN is true"
        : "API-TOKEN was made with the secondary key; send API-USINGSECONDARYTOKEN: true",
    };
  }
  return {
    status: 401,
    reason: "Invalid API-TOKEN: the signature does not match the URL (or body), timestamp and key",
  };
}

/**
 * The token the request must carry, by the facts file's two recipes: GET and DELETE sign
 * `<url>&Timestamp=<ts>&Httpverb=<VERB>`; POST and PUT sign the exact body bytes followed by
 * `{Timestamp:"<ts>",Httpverb:"<VERB>"}`.
 */
export function expectedToken(
  request: SignedRequest,
  key: string,
  algorithm: "SHA256" | "SHA512",
): string {
  const timestamp = header(request, "API-TIMESTAMP");
  const hmac = createHmac(algorithm === "SHA256" ? "sha256" : "sha512", Buffer.from(key, "utf8"));
  if (request.method === "POST" || request.method === "PUT") {
    hmac.update(request.body ?? new Uint8Array());
    hmac.update(`{Timestamp:"${timestamp}",Httpverb:"${request.method}"}`, "utf8");
  } else {
    hmac.update(`${request.url}&Timestamp=${timestamp}&Httpverb=${request.method}`, "utf8");
  }
  return hmac.digest("hex").toUpperCase();
}

function sameToken(received: string, expected: string): boolean {
  const a = Buffer.from(received, "utf8");
  const b = Buffer.from(expected, "utf8");
  // The length is fixed by the algorithm, so comparing it first leaks nothing secret.
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "reason" in value && "status" in value;
}
