// The signing headers of one attempt. The core calls this as the innermost step of every attempt
// (so a retry gets a fresh timestamp), and so does the exported openapi-fetch middleware.
import { invalid } from "../errors.js";
import type { ResolvedCredentials } from "../options.js";
import { createHmacSigner, formatTimestamp, messageToSign } from "../signing.js";

export type SignHeaders = (
  method: string,
  url: string,
  body: string | undefined,
  date: Date,
) => Promise<Record<string, string>>;

export function createHeaderSigner({
  apiId,
  key,
  usingSecondaryKey,
  algorithm,
}: ResolvedCredentials): SignHeaders {
  const sign = createHmacSigner(key, algorithm);
  // Calls within the same second share their timestamp: formatting a Date costs more than a hash.
  let second = Number.NaN;
  let timestamp = "";
  return async (method, url, body, date) => {
    const ms = date instanceof Date ? date.getTime() : Number.NaN;
    if (Math.floor(ms / 1000) !== second) {
      if (Number.isNaN(ms) || date.getUTCFullYear() > 9999) {
        throw invalid("now", "must return a valid Date.");
      }
      timestamp = formatTimestamp(date);
      second = Math.floor(ms / 1000);
    }
    const headers: Record<string, string> = {
      "API-ID": apiId,
      "API-TIMESTAMP": timestamp,
      "API-ALGORITHM": algorithm,
      "API-TOKEN": await sign(messageToSign(method, url, body, timestamp)),
      "API-RETURNERRORHEADER": "true",
    };
    if (usingSecondaryKey) headers["API-USINGSECONDARYTOKEN"] = "true";
    return headers;
  };
}
