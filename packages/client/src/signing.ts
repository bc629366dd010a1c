// The SignereID HMAC scheme. Web Crypto only, so the client runs unchanged in Node, Bun, Deno,
// browsers and edge runtimes.

export type SigningAlgorithm = "SHA256" | "SHA512";

/** `yyyy-MM-ddTHH:mm:ss` in UTC: no fraction, no `Z`, no offset. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** For GET and DELETE: the full URL as sent + `&Timestamp=<ts>&Httpverb=<VERB>`, always `&`. */
export function stringToSign(url: string, timestamp: string, method: string): string {
  return `${url}&Timestamp=${timestamp}&Httpverb=${method}`;
}

const encoder = new TextEncoder();
const hashNames = { SHA256: "SHA-256", SHA512: "SHA-512" } as const;

/**
 * Returns a function that signs a message with the key: HMAC over UTF-8, as uppercase hex. The
 * key is the API key's characters as UTF-8 bytes (it looks like base64 but is not decoded). The
 * key is imported once and kept non-extractable.
 */
export function createHmacSigner(
  key: string,
  algorithm: SigningAlgorithm,
): (message: string) => Promise<string> {
  let cryptoKey: Promise<CryptoKey> | undefined;
  return async (message) => {
    cryptoKey ??= globalThis.crypto.subtle.importKey(
      "raw",
      encoder.encode(key),
      { name: "HMAC", hash: hashNames[algorithm] },
      false,
      ["sign"],
    );
    const signature = await globalThis.crypto.subtle.sign(
      "HMAC",
      await cryptoKey,
      encoder.encode(message),
    );
    return toUpperHex(new Uint8Array(signature));
  };
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) =>
  byte.toString(16).toUpperCase().padStart(2, "0"),
);
function toUpperHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += HEX_BYTES[byte] as string;
  return out;
}
