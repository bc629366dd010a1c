// The request target, read once from the wire. The signature covers `http://<Host><target>`
// byte for byte and the real server does not normalise it, so the mock routes on those same
// bytes and refuses every target a router could read differently from how it was signed.
import type { Problem } from "./signature.js";

export interface Target {
  /** The absolute URL the client signed: `http://` + Host + the request target, verbatim. */
  signedUrl: string;
  /** The path as sent (no decoding, no dot or slash normalisation). */
  path: string;
  /** The query as sent, without `?`. */
  query: string;
}

/** host[:port]: a registered name or IPv4 address, or an IPv6 literal, and an optional port. */
const HOST = /^(?:[A-Za-z0-9._~-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The target of a request, or why it is refused (400). `rawTarget` is the request line's target
 * (Node's `req.url`), `host` the Host header.
 */
export function readTarget(rawTarget: string, host: string | undefined): Target | Problem {
  if (!host) {
    return {
      status: 400,
      reason: "Missing Host header: the signed URL is built from it (send Host, as HTTP/1.1 does)",
    };
  }
  // The Host is part of the signed URL: a "/", "?", "#" or "@" in it would move bytes between the
  // authority and the path the sandbox routes on, so only host[:port] is taken.
  if (!HOST.test(host)) {
    return {
      status: 400,
      reason:
        "The Host header must be host[:port] (letters, digits, . - _ ~, or an [IPv6] literal)",
    };
  }
  if (!rawTarget.startsWith("/")) {
    return {
      status: 400,
      reason:
        "The request target must be a path starting with /: absolute-form and other targets are refused",
    };
  }
  try {
    decodeURIComponent(rawTarget);
  } catch {
    return {
      status: 400,
      reason:
        "The request target has a malformed percent-encoding: each % must start %XX and decode to UTF-8",
    };
  }
  const queryAt = rawTarget.indexOf("?");
  const path = queryAt === -1 ? rawTarget : rawTarget.slice(0, queryAt);
  const query = queryAt === -1 ? "" : rawTarget.slice(queryAt + 1);
  // "/" alone is a path (and a 404); anywhere else an empty segment is "//" or a trailing "/",
  // which routers collapse and the signature does not.
  const segments = path === "/" ? [] : path.slice(1).split("/");
  if (segments.includes("")) {
    return { status: 400, reason: "The path has an empty segment (// or a trailing /)" };
  }
  // Decoded, so %2e and %2E count: a dot segment is resolved away by routers, never by the signature.
  if (segments.some((segment) => [".", ".."].includes(decodeURIComponent(segment)))) {
    return { status: 400, reason: "The path has a dot segment (. or .., also as %2e)" };
  }
  return { signedUrl: `http://${host}${rawTarget}`, path, query };
}
