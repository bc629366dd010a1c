// Text that came from the server (an error reason, a body excerpt, header values) is redacted
// before it goes into an error: a server may echo a national identity number or a token.

const NATIONAL_ID = /(?<!\d)\d{6}[ -]?\d{5}(?!\d)/g;
// An HMAC-SHA256 or -SHA512 token is 64 or 128 hex digits.
const TOKEN = /\b[0-9A-Fa-f]{64,}\b/g;

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(NATIONAL_ID, "[redacted]").replace(TOKEN, "[redacted]");
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join("[redacted]");
  }
  return out;
}

export function excerpt(text: string, secrets: readonly string[], max = 200): string {
  const clean = redact(text, secrets);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
