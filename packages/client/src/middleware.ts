// openapi-fetch middleware: signing, and a cap on response size. Both work with any
// openapi-fetch client, not only the one this package builds.
import type { Middleware } from "openapi-fetch";
import { SignereIdResponseFormatError, SignereIdValidationError } from "./errors.js";
import {
  type ResolvedCredentials,
  resolveCredentials,
  type SigningCredentials,
} from "./options.js";
import { createHmacSigner, formatTimestamp, stringToSign } from "./signing.js";

/**
 * Signs every request with the SignereID HMAC scheme: sets `API-ID`, `API-TIMESTAMP`,
 * `API-ALGORITHM`, `API-TOKEN`, `API-RETURNERRORHEADER: true`, and
 * `API-USINGSECONDARYTOKEN: true` with the secondary key. The signed URL is `request.url`, the
 * exact URL fetch sends. Add it last, after any middleware that changes the URL.
 */
export function createSigningMiddleware(credentials: SigningCredentials): Middleware {
  return signingMiddleware(resolveCredentials(credentials));
}

/** The same, for credentials that were validated already (the client's). */
export function signingMiddleware({
  apiId,
  key,
  usingSecondaryKey,
  algorithm,
  now,
}: ResolvedCredentials): Middleware {
  const sign = createHmacSigner(key, algorithm);
  return {
    async onRequest({ request }) {
      if (request.method !== "GET" && request.method !== "DELETE") {
        throw new SignereIdValidationError(
          "method",
          `${request.method} requests are signed over their body; this middleware signs GET and DELETE only.`,
        );
      }
      const date = now();
      if (!(date instanceof Date) || Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) {
        throw new SignereIdValidationError("now", "must return a valid Date.");
      }
      const timestamp = formatTimestamp(date);
      const token = await sign(stringToSign(request.url, timestamp, request.method));
      const headers = request.headers;
      headers.set("API-ID", apiId);
      headers.set("API-TIMESTAMP", timestamp);
      headers.set("API-ALGORITHM", algorithm);
      headers.set("API-TOKEN", token);
      headers.set("API-RETURNERRORHEADER", "true");
      if (usingSecondaryKey) headers.set("API-USINGSECONDARYTOKEN", "true");
      else headers.delete("API-USINGSECONDARYTOKEN");
      return request;
    },
  };
}

/**
 * Refuses a response body larger than `maxBytes`, counted as decoded (fetch decodes gzip, deflate
 * and br transparently), so a hostile or broken server cannot exhaust memory, not even with a
 * decompression bomb. The error is a SignereIdResponseFormatError with problem "too-large".
 */
export function createResponseSizeLimit(maxBytes: number): Middleware {
  const tooLarge = (status: number) =>
    new SignereIdResponseFormatError(
      "too-large",
      `The response body is larger than ${maxBytes} bytes, far more than a SignereID session; it was not read. Raise maxResponseBytes if this is expected.`,
      status,
    );
  return {
    async onResponse({ response }) {
      // Content-Length counts the bytes on the wire: it is the decoded size only when the body is
      // not content-encoded. A real fetch never yields more than a declared length, so only an
      // encoded or undeclared body needs counting as it streams (the costlier path).
      const identity = /^\s*(identity\s*)?$/i.test(response.headers.get("content-encoding") ?? "");
      const length = response.headers.get("content-length");
      const declared = identity && length !== null ? Number(length) : Number.NaN;
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw tooLarge(response.status);
      }
      if (!response.body || declared <= maxBytes) return undefined;
      let seen = 0;
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(tooLarge(response.status));
          else controller.enqueue(chunk);
        },
      });
      return new Response(response.body.pipeThrough(counter), response);
    },
  };
}
