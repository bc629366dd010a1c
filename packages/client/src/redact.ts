// Every piece of server text that goes into an error (status text, header values, the content
// type, a body excerpt, an XML parser message) is redacted first: a server may echo a national
// identity number, a token or the key. National ids differ by country (Norwegian 11 digits,
// Swedish 10 or 12 with - or +, Danish DDMMYY-XXXX, Finnish DDMMYY[-+A…]XXXC), so any long run
// of digits goes. Every step is linear, and long text is cut before it is redacted.

// A run of 6+ digits, with the rest of the number when one separator splits it
// (230712 12345, 010170-1234, 19121212-1212, 131052A308T).
const DIGITS = /\d{6,}(?:\D?\d+)?/g;
// 32+ hex digits: an HMAC token (64 or 128), a key or a hash.
const HEX = /[0-9A-Fa-f]{32,}/g;
// A hostile server may echo a secret cut into pieces (too short for HEX) and re-cased: any piece
// this long of the key or of a token the client sent goes.
const PIECE = 8;
const REDACTED = "[redacted]";

/** The key and the tokens sent, prepared once per error: the set of their pieces, lowercased. */
export interface Secrets {
  readonly whole: readonly string[];
  readonly pieces: ReadonlySet<string>;
  readonly longest: number;
}

// ASCII only: toLowerCase() can change a string's length (İ → i̇), and the indices must match.
const lower = (text: string) => text.replace(/[A-Z]+/g, (run) => run.toLowerCase());

export function secretsOf(list: readonly string[]): Secrets {
  const whole = list.filter(Boolean);
  let pieces: Set<string> | undefined;
  return {
    whole,
    // Built on first use, so a call that ends well never pays for it.
    get pieces() {
      if (!pieces) {
        pieces = new Set();
        for (const secret of whole) {
          const folded = lower(secret);
          for (let i = 0; i + PIECE <= folded.length; i++) pieces.add(folded.slice(i, i + PIECE));
        }
      }
      return pieces;
    },
    longest: Math.max(0, ...whole.map((secret) => secret.length)),
  };
}

export const NO_SECRETS = secretsOf([]);

/** Redacts `text`, which must be short: irregexp overflows its stack on runs of millions. */
export function redact(text: string, secrets: Secrets = NO_SECRETS): string {
  let out = text;
  // Secrets first: a pattern could split one before it is seen whole.
  for (const secret of secrets.whole) out = out.split(secret).join(REDACTED);
  return redactPieces(out, secrets.pieces).replace(HEX, REDACTED).replace(DIGITS, REDACTED);
}

// One pass: each window of PIECE characters is looked up in the set; overlapping or touching
// matches become one [redacted].
function redactPieces(text: string, pieces: ReadonlySet<string>): string {
  if (pieces.size === 0) return text;
  const folded = lower(text);
  let out = "";
  let copied = 0;
  let end = -1;
  for (let i = 0; i + PIECE <= folded.length; i++) {
    if (!pieces.has(folded.slice(i, i + PIECE))) continue;
    if (i > end) out += text.slice(copied, i) + REDACTED;
    end = i + PIECE;
    copied = end;
  }
  return out + text.slice(copied);
}

/**
 * The start of `text`, at most `max` characters, redacted. Cut first, so the work is bounded
 * whatever the body; a word the cut goes through is dropped (up to the longest secret or token),
 * so no part of a secret, token or id slips past the patterns.
 */
export function excerpt(text: string, secrets: Secrets, max = 200): string {
  const guard = Math.max(128, secrets.longest);
  let cut = text.slice(0, 2 * max + guard);
  const cutShort = cut.length < text.length;
  // The trailing-run pattern only ever sees `guard` characters.
  if (cutShort) cut = cut.slice(0, -guard) + cut.slice(-guard).replace(/[\w+/=-]+$/, "");
  const clean = redact(cut, secrets);
  return cutShort || clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
