// When to try again, and how long to wait first. retryDecision is the whole policy, a pure
// function: the core's attempt loop only does what it says.
import { SignereIdNetworkError, SignereIdTimeoutError } from "../errors.js";

/** Statuses worth retrying when repeating the request is safe. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);
/** Methods whose repetition has no further effect. POST is not one: it may create twice. */
const IDEMPOTENT: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export interface RetryLimits {
  maxRetries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  nowMs?: number;
  random?: () => number;
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  /** `retryAfterMs`: the server asked for a longer wait than maxRetryDelayMs allows. */
  | { retry: false; retryAfterMs?: number };

/**
 * Whether to retry after `attempt` (1 for the first) ended in `outcome`: an HTTP status, or the
 * network error or timeout the attempt failed with. GET, PUT and DELETE retry 408, 429, 502,
 * 503, 504, network errors and timeouts. POST retries only when the request provably never left
 * (the connection was refused): never after a timeout or a status, as the server may have acted.
 */
export function retryDecision(
  method: string,
  outcome: number | Error,
  attempt: number,
  headers: Headers | undefined,
  limits: RetryLimits,
): RetryDecision {
  if (attempt > limits.maxRetries) return { retry: false };
  const backoff = () => ({
    retry: true as const,
    delayMs: backoffDelay(attempt, limits.retryDelayMs, limits.maxRetryDelayMs, limits.random),
  });
  if (typeof outcome !== "number") {
    if (!(outcome instanceof SignereIdNetworkError)) return { retry: false };
    if (IDEMPOTENT.has(method)) return backoff();
    return !(outcome instanceof SignereIdTimeoutError) && connectionRefused(outcome)
      ? backoff()
      : { retry: false };
  }
  if (!IDEMPOTENT.has(method) || !RETRYABLE_STATUSES.has(outcome)) return { retry: false };
  const retryAfterMs = parseRetryAfter(
    headers?.get("retry-after") ?? null,
    limits.nowMs ?? Date.now(),
  );
  if (retryAfterMs === undefined) return backoff();
  return retryAfterMs <= limits.maxRetryDelayMs
    ? { retry: true, delayMs: retryAfterMs }
    : { retry: false, retryAfterMs };
}

/** ECONNREFUSED anywhere in the cause chain (or among an AggregateError's errors). */
export function connectionRefused(error: unknown, depth = 0): boolean {
  if (!(error instanceof Object) || depth > 5) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (code === "ECONNREFUSED") return true;
  if (Array.isArray(errors) && errors.some((inner) => connectionRefused(inner, depth + 1))) {
    return true;
  }
  return connectionRefused(cause, depth + 1);
}

/** Exponential backoff with full jitter: a random wait in [base·2^(n-1)/2, base·2^(n-1)], capped. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Waits, unless the signal aborts first (then rejects with its reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
