// Every piece of server text that goes into an error (status text, header values, the content
// type, a body excerpt, an XML parser message) is redacted first: a server may echo a national
// identity number, a token or the key. National ids differ by country (Norwegian 11 digits,
// Swedish 10 or 12 with - or +, Danish DDMMYY-XXXX, Finnish DDMMYY[-+A…]XXXC), so any long run
// of digits goes. Every pattern is linear, and long text is cut before it is redacted.

// A run of 6+ digits, with the rest of the number when one separator splits it
// (230712 12345, 010170-1234, 19121212-1212, 131052A308T).
const DIGITS = /\d{6,}(?:\D?\d+)?/g;
// 32+ hex digits: an HMAC token (64 or 128), a key or a hash.
const HEX = /[0-9A-Fa-f]{32,}/g;
const REDACTED = "[redacted]";

/** Redacts `text`, which must be short: irregexp overflows its stack on runs of millions. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  // Secrets first: a pattern could split one before it is seen whole.
  for (const secret of secrets) if (secret) out = out.split(secret).join(REDACTED);
  return out.replace(HEX, REDACTED).replace(DIGITS, REDACTED);
}

/**
 * The start of `text`, at most `max` characters, redacted. Cut first, so the work is bounded
 * whatever the body; a word the cut goes through is dropped (up to the longest secret or token),
 * so no part of a secret, token or id slips past the patterns.
 */
export function excerpt(text: string, secrets: readonly string[], max = 200): string {
  const guard = Math.max(128, ...secrets.map((secret) => secret.length));
  let cut = text.slice(0, 2 * max + guard);
  const cutShort = cut.length < text.length;
  // The trailing-run pattern only ever sees `guard` characters.
  if (cutShort) cut = cut.slice(0, -guard) + cut.slice(-guard).replace(/[\w+/=-]+$/, "");
  const clean = redact(cut, secrets);
  return cutShort || clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
