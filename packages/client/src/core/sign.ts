// The signing headers of one attempt. The core calls this as the innermost step of every attempt
// (so a retry gets a fresh timestamp), and so does the exported openapi-fetch middleware.
import { invalid } from "../errors.js";
import type { ResolvedCredentials } from "../options.js";
import {
  createHmacSigner,
  createSyncHmacSigner,
  formatTimestamp,
  messageToSign,
} from "../signing.js";

export type SignHeaders = (
  method: string,
  url: string,
  body: string | undefined,
  date: Date,
  /** Headers to send along, copied into the result. */
  base?: Record<string, string>,
) => Record<string, string> | Promise<Record<string, string>>;

export function createHeaderSigner({
  apiId,
  key,
  usingSecondaryKey,
  algorithm,
}: ResolvedCredentials): SignHeaders {
  // Without a promise where the runtime signs synchronously (node:crypto): one less per attempt.
  const sign = createSyncHmacSigner(key, algorithm) ?? createHmacSigner(key, algorithm);
  const fixed: Record<string, string> = {
    "API-ID": apiId,
    "API-ALGORITHM": algorithm,
    "API-RETURNERRORHEADER": "true",
  };
  if (usingSecondaryKey) fixed["API-USINGSECONDARYTOKEN"] = "true";
  // Object.assign, not a spread: V8 builds `{ ...base, "API-ID": … }` forty times slower.
  const headers = (base: Record<string, string>, timestamp: string, token: string) =>
    Object.assign({}, base, fixed, { "API-TIMESTAMP": timestamp, "API-TOKEN": token });
  // Calls within the same second share their timestamp: formatting a Date costs more than a hash.
  let second = Number.NaN;
  let stamp = "";
  return (method, url, body, date, base = {}) => {
    const ms = date instanceof Date ? date.getTime() : Number.NaN;
    if (Math.floor(ms / 1000) !== second) {
      if (Number.isNaN(ms) || date.getUTCFullYear() > 9999) {
        throw invalid("now", "must return a valid Date.");
      }
      stamp = formatTimestamp(date);
      second = Math.floor(ms / 1000);
    }
    const timestamp = stamp;
    const token = sign(messageToSign(method, url, body, timestamp));
    return typeof token === "string"
      ? headers(base, timestamp, token)
      : token.then((value) => headers(base, timestamp, value));
  };
}
