// Validates what callers pass in, before any request. Errors name the option and say what to
// do; they never echo a key or an id back.

import type { DeprecationHandler } from "./deprecation.js";
import { invalid } from "./errors.js";
import { type Environment, servers } from "./generated/operations.gen.js";
import type { SigningAlgorithm } from "./signing.js";

export type { Environment as SignereIdEnvironment };

/** Who signs: the account id and exactly one of its two API keys. */
export type SigningCredentials = {
  /** `API-ID`: the account id, a GUID. */
  apiId: string;
  /** `SHA512` (default) or `SHA256`. */
  algorithm?: SigningAlgorithm;
  /** The clock used for `API-TIMESTAMP`. Default: `() => new Date()`. */
  now?: () => Date;
} & (
  | {
      /** The account's secondary API key: enough for this endpoint. */ secondaryKey: string;
      primaryKey?: undefined;
    }
  | { /** The account's primary API key. */ primaryKey: string; secondaryKey?: undefined }
);

export interface ResolvedCredentials {
  apiId: string;
  key: string;
  usingSecondaryKey: boolean;
  algorithm: SigningAlgorithm;
  now: () => Date;
}

const GUID = /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i;

/** Refuses the option `field` unless `ok`; `message` says what it must be. */
function ensure(ok: unknown, field: string, message: string): asserts ok {
  if (!ok) throw invalid(field, message);
}

export function resolveCredentials(input: SigningCredentials): ResolvedCredentials {
  const options = requireObject(input, "options");
  const { apiId } = options;
  ensure(
    typeof apiId === "string" && GUID.test(apiId),
    "apiId",
    "must be your account id, a GUID (API-ID in the Signere.no portal).",
  );
  const keys = (["primaryKey", "secondaryKey"] as const).filter(
    (name) => options[name] !== undefined,
  );
  const [keyName] = keys;
  ensure(
    keyName && keys.length === 1,
    "primaryKey/secondaryKey",
    `pass exactly one API key${keyName ? ", not both" : ""}: secondaryKey (enough for this endpoint) or primaryKey.`,
  );
  const key = options[keyName];
  ensure(
    typeof key === "string" && key && key.trim() === key,
    keyName,
    "must be the API key as Signere.no shows it: a non-empty string, without leading or trailing whitespace.",
  );
  const algorithm = options.algorithm ?? "SHA512";
  ensure(
    algorithm === "SHA256" || algorithm === "SHA512",
    "algorithm",
    'must be "SHA512" or "SHA256" (uppercase).',
  );
  const now = options.now ?? (() => new Date());
  ensure(typeof now === "function", "now", "must be a function returning the current Date.");
  return {
    apiId: apiId.toLowerCase(),
    key,
    usingSecondaryKey: keyName === "secondaryKey",
    algorithm,
    now,
  };
}

/** Where requests go: one of the vendor's environments, or any base URL (a mock, a proxy). */
export function resolveBaseUrl(environment: unknown, baseUrl: unknown): string {
  ensure(
    (environment === undefined) !== (baseUrl === undefined),
    "environment/baseUrl",
    'pass exactly one: environment ("production" or "test") or baseUrl (e.g. "http://127.0.0.1:4010").',
  );
  if (environment !== undefined) {
    ensure(
      typeof environment === "string" && Object.hasOwn(servers, environment),
      "environment",
      `must be one of ${Object.keys(servers).join(", ")}.`,
    );
    return servers[environment as Environment];
  }
  let url: URL | undefined;
  try {
    url = new URL(baseUrl as string);
  } catch {}
  // The raw string too: URL drops a bare "?" or "#", which would still misroute the request.
  ensure(
    typeof baseUrl === "string" &&
      /^https?:$/.test(url?.protocol ?? "") &&
      !(url?.username || url?.password || /[?#]/.test(baseUrl)),
    "baseUrl",
    "must be an absolute http(s) URL without credentials, a query or a fragment (they would change the signed URL), e.g. https://testapi.signere.no.",
  );
  return (url as URL).href.replace(/\/+$/, "");
}

/** The longest delay setTimeout honours: a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
const HOUR_MS = 3_600_000;

// Every numeric option: [default, min, max, whole numbers only]. Every delay feeds setTimeout,
// which turns anything longer than MAX_TIMER_MS into 1 ms.
const NUMBERS = {
  timeoutMs: [30_000, 1, MAX_TIMER_MS],
  maxRetries: [2, 0, Number.POSITIVE_INFINITY, true],
  retryDelayMs: [250, 0, MAX_TIMER_MS],
  maxRetryDelayMs: [10_000, 0, MAX_TIMER_MS],
  maxClockSkewMs: [12 * HOUR_MS, 0, 24 * HOUR_MS],
  maxResponseBytes: [1_048_576, 1, Number.POSITIVE_INFINITY, true],
} as const;
type Numbers = Record<keyof typeof NUMBERS, number>;

/** The options `names`, each a finite number in its range, or its default when undefined. */
function numbers<K extends keyof Numbers>(
  options: Record<string, unknown>,
  names: readonly K[],
  defaults?: Pick<Numbers, K>,
): Pick<Numbers, K> {
  const out = {} as Pick<Numbers, K>;
  for (const name of names) {
    const [fallback, min, max, integer] = NUMBERS[name] as readonly [number, number, number, true?];
    const value = options[name] as number | undefined;
    // Number.isFinite is false for any other type; NaN fails the range.
    if (
      value !== undefined &&
      !(
        Number.isFinite(value) &&
        value >= min &&
        value <= max &&
        (!integer || Number.isInteger(value))
      )
    ) {
      throw invalid(
        name,
        `must be a finite ${integer ? "integer" : "number"} ≥ ${min}${max < Number.POSITIVE_INFINITY ? ` and ≤ ${max}` : ""}.`,
      );
    }
    out[name] = value ?? defaults?.[name] ?? fallback;
  }
  return out;
}

export function requireObject<T>(value: T, field: string): T & Record<string, unknown> {
  ensure(value !== null && typeof value === "object", field, "must be an object.");
  return value as T & Record<string, unknown>;
}

function signalOption(value: unknown): AbortSignal | undefined {
  ensure(value === undefined || value instanceof AbortSignal, "signal", "must be an AbortSignal.");
  return value;
}

/** Per call, every one optional: they override the client's own. */
export interface CallOptions {
  /** Time limit for each attempt of this call, in ms. */
  timeoutMs?: number;
  /** Retries for this call. */
  maxRetries?: number;
  /** Abort this call (retries and waits included). */
  signal?: AbortSignal;
}

export interface ResolvedCallOptions {
  timeoutMs: number;
  maxRetries: number;
  signal?: AbortSignal;
}

/** Validates a call's own options against the same rules as the client's. */
export function resolveCallOptions(
  input: CallOptions,
  defaults: ResolvedCallOptions,
): ResolvedCallOptions {
  const options = requireObject(input, "options");
  // Most calls set none of these: they get the client's own, already checked.
  const { timeoutMs, maxRetries, signal } = options;
  if (timeoutMs === undefined && maxRetries === undefined && signal === undefined) return defaults;
  return {
    ...numbers(options, ["timeoutMs", "maxRetries"], defaults),
    signal: signalOption(options.signal),
  };
}

export interface ClientOptionsBase {
  /**
   * The fetch to use (default: the global fetch). Called as `fetch(url, init)`, as the global one
   * is: `init` has the method, the headers as a plain object, the body as a string, a signal and
   * `redirect: "manual"`.
   */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Time limit for one attempt, in ms. Default 30 000. */
  timeoutMs?: number;
  /** Retries after a network error, a timeout, or 408/429/502/503/504 (POST: see the README). Default 2. */
  maxRetries?: number;
  /** First backoff delay in ms, doubled on each retry, with jitter. Default 250. */
  retryDelayMs?: number;
  /** The longest the client waits before a retry, Retry-After included. Default 10 000. */
  maxRetryDelayMs?: number;
  /** Largest response body read, in bytes. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Retry once with the server's time after a 401/403 whose Date shows clock skew. Default true. */
  correctClockSkew?: boolean;
  /**
   * The furthest the server's Date may be from this machine's clock to be adopted, in ms (at
   * most 24 h). Default 12 h: enough for a clock set to local time instead of UTC.
   */
  maxClockSkewMs?: number;
  /** Aborts every call; a call's own signal, when given, aborts it too. */
  signal?: AbortSignal;
  /** `false` silences the DeprecationWarnings; a function receives them instead. */
  onDeprecation?: DeprecationHandler;
}

export type SignereIdClientOptions = SigningCredentials &
  (
    | {
        /** `"production"` (api.signere.no) or `"test"` (testapi.signere.no). */ environment: Environment;
        baseUrl?: undefined;
      }
    | {
        /** Any other base URL, e.g. the mock API at `http://127.0.0.1:4010`. */ baseUrl: string;
        environment?: undefined;
      }
  ) &
  ClientOptionsBase;

export type ClientConfig = ReturnType<typeof resolveClientOptions>;

export function resolveClientOptions(input: SignereIdClientOptions) {
  const options = requireObject(input, "options");
  const credentials = resolveCredentials(options);
  const { fetch, onDeprecation, correctClockSkew = true } = options;
  ensure(
    fetch === undefined || typeof fetch === "function",
    "fetch",
    "must be a fetch-compatible function.",
  );
  ensure(
    onDeprecation === undefined || onDeprecation === false || typeof onDeprecation === "function",
    "onDeprecation",
    "must be false or a function.",
  );
  ensure(typeof correctClockSkew === "boolean", "correctClockSkew", "must be true or false.");
  return {
    credentials,
    correctClockSkew,
    baseUrl: resolveBaseUrl(options.environment, options.baseUrl),
    fetch,
    ...numbers(options, Object.keys(NUMBERS) as (keyof Numbers)[]),
    signal: signalOption(options.signal),
    onDeprecation,
  };
}
