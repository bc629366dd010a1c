// The replay server's own check of a SignereID signature (node:crypto), sharing no code with the
// client or the mock; held to the spec package's signing vectors (test/signing.test.ts).
import { createHmac, timingSafeEqual } from "node:crypto";

export interface Signed {
  method: string;
  /** The absolute URL as sent. */
  url: string;
  /** The body bytes as sent (POST and PUT are signed over them). */
  body?: Uint8Array;
  timestamp: string;
  algorithm: string;
}

/** GET/DELETE: url&Timestamp=…&Httpverb=…; POST/PUT: body + {Timestamp:"…",Httpverb:"…"}. */
export function tokenFor(request: Signed, key: string): string {
  const hash = request.algorithm === "SHA256" ? "sha256" : "sha512";
  const hmac = createHmac(hash, Buffer.from(key, "utf8"));
  if (request.method === "POST" || request.method === "PUT")
    hmac
      .update(request.body ?? new Uint8Array())
      .update(`{Timestamp:"${request.timestamp}",Httpverb:"${request.method}"}`, "utf8");
  else hmac.update(`${request.url}&Timestamp=${request.timestamp}&Httpverb=${request.method}`);
  return hmac.digest("hex").toUpperCase();
}

export function signatureMatches(request: Signed, key: string, token: string): boolean {
  const expected = Buffer.from(tokenFor(request, key));
  const received = Buffer.from(token);
  return expected.length === received.length && timingSafeEqual(expected, received);
}
