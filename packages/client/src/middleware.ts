// openapi-fetch middleware for a team's own openapi-fetch client: signing, and a cap on response
// size. (The clients this package builds need neither: the request core does both.)
import type { Middleware } from "openapi-fetch";
import { declaredLength, tooLarge } from "./core/body.js";
import { createHeaderSigner } from "./core/sign.js";
import { resolveCredentials, type SigningCredentials } from "./options.js";

/**
 * Signs every request with the SignereID HMAC scheme: sets `API-ID`, `API-TIMESTAMP`,
 * `API-ALGORITHM`, `API-TOKEN`, `API-RETURNERRORHEADER: true`, and
 * `API-USINGSECONDARYTOKEN: true` with the secondary key. GET and DELETE are signed over
 * `request.url`, the exact URL fetch sends (add this middleware last, after any that changes the
 * URL); POST and PUT over the exact body text (read from a clone of the request).
 */
export function createSigningMiddleware(credentials: SigningCredentials): Middleware {
  const resolved = resolveCredentials(credentials);
  const signHeaders = createHeaderSigner(resolved);
  return {
    async onRequest({ request }) {
      const body =
        request.method === "POST" || request.method === "PUT"
          ? await request.clone().text()
          : undefined;
      const headers = await signHeaders(request.method, request.url, body, resolved.now());
      request.headers.delete("API-USINGSECONDARYTOKEN");
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
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
  return {
    async onResponse({ response }) {
      const declared = declaredLength(response.headers);
      if (declared > maxBytes) {
        await response.body?.cancel();
        throw tooLarge(maxBytes, response.status);
      }
      if (!response.body || declared <= maxBytes) return undefined;
      let seen = 0;
      const counter = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(tooLarge(maxBytes, response.status));
          else controller.enqueue(chunk);
        },
      });
      return new Response(response.body.pipeThrough(counter), response);
    },
  };
}
