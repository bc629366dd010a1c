// Reads a response body under a cap on its decoded size, so a hostile or broken server cannot
// exhaust memory, not even with a decompression bomb (fetch decodes gzip, deflate and br itself).
import { SignereIdResponseFormatError } from "../errors.js";

// In MiB past 100 000 bytes: errors carry no run of 6 digits, which log scrubbers take for an id.
const size = (bytes: number) =>
  bytes < 100_000 ? `${bytes} bytes` : `${Number((bytes / 2 ** 20).toFixed(2))} MiB`;

export function tooLarge(maxBytes: number, status: number): SignereIdResponseFormatError {
  return new SignereIdResponseFormatError(
    `The response body is larger than ${size(maxBytes)}, far more than this API sends; it was not read. Raise maxResponseBytes if this is expected.`,
    { problem: "too-large", status },
  );
}

/**
 * The declared length when it is the decoded size (no content-encoding), else NaN. A real fetch
 * never yields more than a declared length, so only an encoded or undeclared body needs counting.
 */
export function declaredLength(headers: Headers): number {
  const identity = /^\s*(identity\s*)?$/i.test(headers.get("content-encoding") ?? "");
  const length = headers.get("content-length");
  return identity && length !== null ? Number(length) : Number.NaN;
}

/** The body as text, refused with `too-large` once more than maxBytes decoded bytes arrive. */
export function readCappedText(response: Response, maxBytes: number): Promise<string> {
  const declared = declaredLength(response.headers);
  // The common case without an async frame of its own: each costs a promise and a tick.
  return declared <= maxBytes ? response.text() : readCounted(response, maxBytes, declared);
}

async function readCounted(response: Response, maxBytes: number, declared: number) {
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(maxBytes, response.status);
  }
  if (!response.body) return "";
  // Counted as it arrives and decoded as it goes: nothing past the cap is kept.
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let seen = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    seen += read.value.byteLength;
    if (seen > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes, response.status);
    }
    text += decoder.decode(read.value, { stream: true });
  }
  return text + decoder.decode();
}
