// The secrets the recorder handled: the API key, the API-ID and every API-TOKEN it sent. None may
// reach a recording in any case or common encoding.

export interface Secrets {
  key?: string;
  apiId?: string;
  tokens: Set<string>;
}

export type SecretKind = "the API key" | "the API-ID" | "an API-TOKEN that was sent";

/** Each secret as it could be echoed: as is, URL-encoded, JSON-escaped, base64(url), hex. */
function forms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  return [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    bytes.toString("base64").replace(/=+$/, ""),
    bytes.toString("base64url"),
    bytes.toString("hex"),
  ];
}

/** Lowercased forms by kind; matching is case-insensitive (a superset for base64). */
export function secretForms(secrets: Secrets): Array<[SecretKind, string[]]> {
  const entries: Array<[SecretKind, string | undefined]> = [
    ["the API key", secrets.key],
    ["the API-ID", secrets.apiId],
    ...[...secrets.tokens].map((token): [SecretKind, string] => [
      "an API-TOKEN that was sent",
      token,
    ]),
  ];
  return entries
    .filter((entry): entry is [SecretKind, string] => (entry[1]?.length ?? 0) >= 6)
    .map(([kind, secret]) => [kind, [...new Set(forms(secret).map((f) => f.toLowerCase()))]]);
}
