// Validates what callers pass in, before any request. Errors name the option and say what to
// do; they never echo a key or an id back.

import { SignereIdValidationError } from "./errors.js";
import { servers } from "./generated/spec.js";
import type { SigningAlgorithm } from "./signing.js";

export type SignereIdEnvironment = keyof typeof servers;

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
    throw new SignereIdValidationError(
      "apiId",
      "must be your account id, a GUID like 6e3bd6b4-7a7c-4b8e-9f0d-2f4a1c9d8e71 (API-ID in the Signere.no portal).",
    );
  }
  const keys = (["primaryKey", "secondaryKey"] as const).filter(
    (name) => options[name] !== undefined,
  );
  if (keys.length !== 1) {
    throw new SignereIdValidationError(
      "primaryKey/secondaryKey",
      keys.length === 0
        ? "pass exactly one API key: secondaryKey (enough for this endpoint) or primaryKey."
        : "pass only one API key, not both: the request is signed with one of them.",
    );
  }
  const keyName = keys[0] as "primaryKey" | "secondaryKey";
  const key = options[keyName];
  if (typeof key !== "string" || key.length === 0) {
    throw new SignereIdValidationError(
      keyName,
      "must be a non-empty string (the API key as shown by Signere.no).",
    );
  }
  if (key.trim() !== key) {
    throw new SignereIdValidationError(
      keyName,
      "has leading or trailing whitespace; copy the key without it.",
    );
  }
  const algorithm = options.algorithm ?? "SHA512";
  if (algorithm !== "SHA256" && algorithm !== "SHA512") {
    throw new SignereIdValidationError("algorithm", 'must be "SHA512" or "SHA256" (uppercase).');
  }
  const now = options.now ?? (() => new Date());
  if (typeof now !== "function") {
    throw new SignereIdValidationError("now", "must be a function returning the current Date.");
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
    throw new SignereIdValidationError(
      "environment/baseUrl",
      'pass exactly one: environment ("production" or "test") or baseUrl (e.g. "http://127.0.0.1:4010").',
    );
  }
  if (environment !== undefined) {
    if (environment !== "production" && environment !== "test") {
      throw new SignereIdValidationError("environment", 'must be "production" or "test".');
    }
    return servers[environment];
  }
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    throw new SignereIdValidationError(
      "baseUrl",
      "must be an absolute http(s) URL, e.g. https://testapi.signere.no.",
    );
  }
  if (typeof baseUrl !== "string" || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new SignereIdValidationError(
      "baseUrl",
      "must be an absolute http(s) URL, e.g. https://testapi.signere.no.",
    );
  }
  // The raw string too: URL drops a bare "?" or "#", which would still misroute the request.
  if (url.username || url.password || /[?#]/.test(baseUrl)) {
    throw new SignereIdValidationError(
      "baseUrl",
      "must not contain credentials, a query or a fragment: they would change the signed URL.",
    );
  }
  return url.href.replace(/\/+$/, "");
}

/** The longest delay setTimeout honours: a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export function positiveNumber(
  value: unknown,
  field: string,
  fallback: number,
  opts: { integer?: boolean; min?: number; max?: number } = {},
): number {
  if (value === undefined) return fallback;
  const { min = 1, max = Infinity } = opts;
  if (
    typeof value !== "number" ||
    !(value >= min && value <= max) ||
    !Number.isFinite(value) ||
    (opts.integer && !Number.isInteger(value))
  ) {
    throw new SignereIdValidationError(
      field,
      `must be a finite ${opts.integer ? "integer" : "number"} ≥ ${min}${max < Infinity ? ` and ≤ ${max}` : ""}.`,
    );
  }
  return value;
}

export function requireObject<T>(value: T, field: string): T & Record<string, unknown> {
  if (value === null || typeof value !== "object") {
    throw new SignereIdValidationError(field, "must be an object.");
  }
  return value as T & Record<string, unknown>;
}
