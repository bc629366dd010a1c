// An error status becomes a SignereIdApiError: every piece of server text redacted and cut, the
// error-reason header found whatever its (undocumented) name, and a hint of what to do.
import { SignereIdApiError } from "../errors.js";
import { excerpt, type Secrets } from "../redact.js";
import type { ClockSkew } from "./clock-skew.js";

// Standard headers that never carry the server's error reason.
const NOT_A_REASON =
  /^(content-|x-content-type-options|access-control-|cache-control|date$|server$)/i;

export interface ErrorContext {
  attempts: number;
  skew?: ClockSkew;
  /** Why the skew is still there (retried, or not believed). */
  skewNote: string;
  retryAfterMs?: number;
  /** The key and the tokens sent, whose pieces are redacted. */
  secrets: Secrets;
}

export function apiError(
  response: Response,
  text: string,
  context: ErrorContext,
): SignereIdApiError {
  const { status } = response;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // Names too (a server chooses them), and cut: another fetch may not bound header sizes.
    headers[excerpt(name, context.secrets)] = excerpt(value, context.secrets, 2000);
  });
  const reasonHeader = Object.keys(headers).find(
    (name) => /error|reason/i.test(name) && !NOT_A_REASON.test(name),
  );
  const reason = reasonHeader ? headers[reasonHeader] : undefined;
  const clockSkewSeconds = context.skew && Math.round(context.skew.skewMs / 1000);
  const statusText = excerpt(response.statusText, context.secrets);
  const message = `The SignereID API answered ${status}${statusText ? ` ${statusText}` : ""}${reason ? `: ${reason}` : ""}.${hint(status, clockSkewSeconds, context.retryAfterMs, context.skewNote)}`;
  return new SignereIdApiError(message, {
    status,
    reason,
    reasonHeader,
    headers,
    // From the raw text, cut before redaction: a value re-serialised could overflow the stack.
    bodyExcerpt: excerpt(text, context.secrets),
    clockSkewSeconds,
    retryAfterMs: context.retryAfterMs,
    attempts: context.attempts,
  });
}

/** What to do about `status`, with a leading space; empty when there is nothing to say. */
function hint(
  status: number,
  skewSeconds: number | undefined,
  retryAfterMs: number | undefined,
  skewNote: string,
): string {
  if (status >= 300 && status < 400) {
    return " A redirect is not followed (the signature covers the URL): use the final address as baseUrl.";
  }
  if (status === 401 || status === 403) {
    const skew =
      skewSeconds === undefined
        ? ""
        : ` The server's clock is ${Math.abs(skewSeconds)} s ${skewSeconds > 0 ? "ahead of" : "behind"} this machine's${skewNote}: synchronise the clock.`;
    return ` The signature or the account was refused: check apiId, the key (primary or secondary), the SignereID subscription and this machine's clock.${skew}`;
  }
  if (status === 404) return " An id in the request is unknown or expired.";
  if (status === 400) return " The server could not read the request: check the arguments.";
  if (retryAfterMs !== undefined) {
    return ` The server asked to wait ${Math.ceil(retryAfterMs / 1000)} s before retrying, longer than maxRetryDelayMs.`;
  }
  return status === 408 || status === 429 || status >= 500
    ? " The server is unavailable: try again later."
    : "";
}
