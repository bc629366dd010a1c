// When to try again, and how long to wait first. retryDecision is the whole policy, a pure
// function: the core's attempt loop only does what it says.
import { SignereIdNetworkError, SignereIdTimeoutError } from "../errors.js";

// Patterns rather than Sets: the same test in fewer bytes of the bundle (BENCHMARKS.md, Size).
/** Statuses worth retrying when repeating the request is safe. */
const RETRYABLE = /^(408|429|50[234])$/;
/** Methods whose repetition has no further effect. POST is not one: it may create twice. */
const IDEMPOTENT = /^(GET|HEAD|OPTIONS|PUT|DELETE)$/;

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
  const safe = IDEMPOTENT.test(method);
  const worth =
    typeof outcome === "number"
      ? safe && RETRYABLE.test(String(outcome))
      : outcome instanceof SignereIdNetworkError &&
        (safe || (!(outcome instanceof SignereIdTimeoutError) && connectionRefused(outcome)));
  if (!worth || attempt > limits.maxRetries) return { retry: false };
  // Retry-After: delta-seconds or an HTTP date; NaN when absent or unreadable.
  const value = headers?.get("retry-after") ?? "";
  const retryAfterMs = /^\s*\d+\s*$/.test(value)
    ? Number(value) * 1000
    : Math.max(0, Date.parse(value) - (limits.nowMs ?? Date.now()));
  if (Number.isNaN(retryAfterMs)) {
    // Exponential backoff with full jitter: a random wait in [ceiling/2, ceiling].
    const ceiling = Math.min(limits.maxRetryDelayMs, limits.retryDelayMs * 2 ** (attempt - 1));
    return {
      retry: true,
      delayMs: Math.round(ceiling / 2 + ((limits.random ?? Math.random)() * ceiling) / 2),
    };
  }
  return retryAfterMs <= limits.maxRetryDelayMs
    ? { retry: true, delayMs: retryAfterMs }
    : { retry: false, retryAfterMs };
}

/** ECONNREFUSED anywhere in the cause chain (or among an AggregateError's errors). */
export function connectionRefused(error: unknown, depth = 0): boolean {
  if (!(error instanceof Object) || depth > 5) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  return (
    code === "ECONNREFUSED" ||
    (Array.isArray(errors) && errors.some((inner) => connectionRefused(inner, depth + 1))) ||
    connectionRefused(cause, depth + 1)
  );
}

/** Waits, unless the signal aborts first (then rejects with its reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}
