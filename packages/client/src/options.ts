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

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function resolveCredentials(input: SigningCredentials): ResolvedCredentials {
  const options = requireObject(input, "options");
  const apiId = options.apiId;
  if (typeof apiId !== "string" || !GUID.test(apiId.toLowerCase())) {
    throw invalid(
      "apiId",
      "must be your account id, a GUID like 6e3bd6b4-7a7c-4b8e-9f0d-2f4a1c9d8e71 (API-ID in the Signere.no portal).",
    );
  }
  const keys = (["primaryKey", "secondaryKey"] as const).filter(
    (name) => options[name] !== undefined,
  );
  if (keys.length !== 1) {
    throw invalid(
      "primaryKey/secondaryKey",
      keys.length === 0
        ? "pass exactly one API key: secondaryKey (enough for this endpoint) or primaryKey."
        : "pass only one API key, not both: the request is signed with one of them.",
    );
  }
  const keyName = keys[0] as "primaryKey" | "secondaryKey";
  const key = options[keyName];
  if (typeof key !== "string" || key.length === 0) {
    throw invalid(keyName, "must be a non-empty string (the API key as shown by Signere.no).");
  }
  if (key.trim() !== key) {
    throw invalid(keyName, "has leading or trailing whitespace; copy the key without it.");
  }
  const algorithm = options.algorithm ?? "SHA512";
  if (algorithm !== "SHA256" && algorithm !== "SHA512") {
    throw invalid("algorithm", 'must be "SHA512" or "SHA256" (uppercase).');
  }
  const now = options.now ?? (() => new Date());
  if (typeof now !== "function") {
    throw invalid("now", "must be a function returning the current Date.");
  }
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
  if ((environment === undefined) === (baseUrl === undefined)) {
    throw invalid(
      "environment/baseUrl",
      'pass exactly one: environment ("production" or "test") or baseUrl (e.g. "http://127.0.0.1:4010").',
    );
  }
  if (environment !== undefined) {
    if (typeof environment !== "string" || !Object.hasOwn(servers, environment)) {
      throw invalid("environment", `must be one of ${Object.keys(servers).join(", ")}.`);
    }
    return servers[environment as Environment];
  }
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    throw invalid("baseUrl", "must be an absolute http(s) URL, e.g. https://testapi.signere.no.");
  }
  if (typeof baseUrl !== "string" || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw invalid("baseUrl", "must be an absolute http(s) URL, e.g. https://testapi.signere.no.");
  }
  // The raw string too: URL drops a bare "?" or "#", which would still misroute the request.
  if (url.username || url.password || /[?#]/.test(baseUrl)) {
    throw invalid(
      "baseUrl",
      "must not contain credentials, a query or a fragment: they would change the signed URL.",
    );
  }
  return url.href.replace(/\/+$/, "");
}

/** The longest delay setTimeout honours: a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A finite number within [min, max] (an integer when asked), or the fallback when undefined. */
export function numberOption(
  value: unknown,
  field: string,
  fallback: number,
  {
    min,
    max = Number.POSITIVE_INFINITY,
    integer = false,
  }: { min: number; max?: number; integer?: boolean },
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    !(value >= min && value <= max) ||
    (integer && !Number.isInteger(value))
  ) {
    throw invalid(
      field,
      `must be a finite ${integer ? "integer" : "number"} ≥ ${min}${max < Number.POSITIVE_INFINITY ? ` and ≤ ${max}` : ""}.`,
    );
  }
  return value;
}

export function requireObject<T>(value: T, field: string): T & Record<string, unknown> {
  if (value === null || typeof value !== "object") throw invalid(field, "must be an object.");
  return value as T & Record<string, unknown>;
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

const HOUR_MS = 3_600_000;
// Every delay feeds setTimeout, which turns anything longer than MAX_TIMER_MS into 1 ms.
const timeoutRule = { min: 1, max: MAX_TIMER_MS };
const retriesRule = { min: 0, integer: true };

function signalOption(value: unknown): AbortSignal | undefined {
  if (value !== undefined && !(value instanceof AbortSignal)) {
    throw invalid("signal", "must be an AbortSignal.");
  }
  return value;
}

/** Validates a call's own options against the same rules as the client's. */
export function resolveCallOptions(
  input: CallOptions,
  defaults: ResolvedCallOptions,
): ResolvedCallOptions {
  const options = requireObject(input, "options");
  return {
    timeoutMs: numberOption(options.timeoutMs, "timeoutMs", defaults.timeoutMs, timeoutRule),
    maxRetries: numberOption(options.maxRetries, "maxRetries", defaults.maxRetries, retriesRule),
    signal: signalOption(options.signal) ?? defaults.signal,
  };
}

export interface ClientOptionsBase {
  /** The fetch to use (default: the global fetch). It receives a Request. */
  fetch?: (request: Request) => Promise<Response>;
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
  /** A default AbortSignal for every call (a call's own signal takes precedence). */
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
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw invalid("fetch", "must be a fetch-compatible function.");
  }
  const onDeprecation = options.onDeprecation;
  if (
    onDeprecation !== undefined &&
    onDeprecation !== false &&
    typeof onDeprecation !== "function"
  ) {
    throw invalid("onDeprecation", "must be false or a function.");
  }
  if (options.correctClockSkew !== undefined && typeof options.correctClockSkew !== "boolean") {
    throw invalid("correctClockSkew", "must be true or false.");
  }
  const delay = { min: 0, max: MAX_TIMER_MS };
  return {
    credentials,
    correctClockSkew: options.correctClockSkew ?? true,
    baseUrl: resolveBaseUrl(options.environment, options.baseUrl),
    fetch: options.fetch,
    timeoutMs: numberOption(options.timeoutMs, "timeoutMs", 30_000, timeoutRule),
    maxRetries: numberOption(options.maxRetries, "maxRetries", 2, retriesRule),
    retryDelayMs: numberOption(options.retryDelayMs, "retryDelayMs", 250, delay),
    maxRetryDelayMs: numberOption(options.maxRetryDelayMs, "maxRetryDelayMs", 10_000, delay),
    maxClockSkewMs: numberOption(options.maxClockSkewMs, "maxClockSkewMs", 12 * HOUR_MS, {
      min: 0,
      max: 24 * HOUR_MS,
    }),
    maxResponseBytes: numberOption(options.maxResponseBytes, "maxResponseBytes", 1024 * 1024, {
      min: 1,
      integer: true,
    }),
    signal: signalOption(options.signal),
    onDeprecation,
  };
}
