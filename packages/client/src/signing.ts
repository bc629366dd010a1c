// The SignereID HMAC scheme, with no import of a runtime's own modules, so the client runs
// unchanged in Node, Bun, Deno, browsers and edge runtimes.

export type SigningAlgorithm = "SHA256" | "SHA512";

/** `yyyy-MM-ddTHH:mm:ss` in UTC: no fraction, no `Z`, no offset. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19);
}

/** For GET and DELETE: the full URL as sent + `&Timestamp=<ts>&Httpverb=<VERB>`, always `&`. */
export function stringToSign(url: string, timestamp: string, method: string): string {
  return `${url}&Timestamp=${timestamp}&Httpverb=${method}`;
}

/** For POST and PUT: the exact body sent + `{Timestamp:"<ts>",Httpverb:"<VERB>"}` (keys unquoted). */
export function bodyToSign(body: string, timestamp: string, method: string): string {
  return `${body}{Timestamp:"${timestamp}",Httpverb:"${method}"}`;
}

/** What a request's signature covers: its body for POST and PUT, its URL otherwise. */
export function messageToSign(
  method: string,
  url: string,
  body: string | undefined,
  timestamp: string,
): string {
  return method === "POST" || method === "PUT"
    ? bodyToSign(body ?? "", timestamp, method)
    : stringToSign(url, timestamp, method);
}

const encoder = new TextEncoder();
const hashNames = { SHA256: "SHA-256", SHA512: "SHA-512" } as const;

type NodeCrypto = {
  createHmac(
    algorithm: string,
    key: string,
  ): { update(data: string): { digest(encoding: "hex"): string } };
};

/**
 * node:crypto where the runtime offers it without an import (process.getBuiltinModule: Node
 * 20.16+, Bun): it signs synchronously, while Web Crypto hops to a thread pool for every call,
 * which the benchmarks show costs more than the rest of a request. Anywhere else (Deno without it,
 * browsers, edge runtimes) the portable Web Crypto path is used; both give the same token.
 */
function builtinCrypto(): NodeCrypto | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  try {
    return process?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns a function that signs a message with the key: HMAC over UTF-8, as uppercase hex. The
 * key is the API key's characters as UTF-8 bytes (it looks like base64 but is not decoded).
 */
export function createHmacSigner(
  key: string,
  algorithm: SigningAlgorithm,
): (message: string) => Promise<string> {
  const sync = createSyncHmacSigner(key, algorithm);
  return sync ? async (message) => sync(message) : createWebCryptoSigner(key, algorithm);
}

/** The same signer without a promise, where node:crypto is built in; undefined elsewhere. */
export function createSyncHmacSigner(
  key: string,
  algorithm: SigningAlgorithm,
): ((message: string) => string) | undefined {
  const nodeCrypto = builtinCrypto();
  const name = algorithm === "SHA256" ? "sha256" : "sha512";
  return (
    nodeCrypto &&
    ((message) => nodeCrypto.createHmac(name, key).update(message).digest("hex").toUpperCase())
  );
}

/** The portable path (browsers, edge runtimes, Deno): the key is imported once, non-extractable. */
export function createWebCryptoSigner(
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

function toUpperHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
}
