// What a recording may keep as it was received. Everything else is replaced (see scrub.ts). The
// enum values come from the bundled spec, so the allow-list follows the spec when it changes.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

interface Spec {
  components: {
    schemas: Record<string, { enum?: string[]; properties?: object; xml?: { name?: string } }>;
  };
}
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("@signereid/openapi/openapi.json"), "utf8"),
) as Spec;
const schemas = spec.components.schemas;

function enumOf(schema: string): ReadonlySet<string> {
  const values = schemas[schema]?.enum;
  if (!values) throw new Error(`the bundled spec has no enum for ${schema}`);
  return new Set(values);
}

/** Session fields whose value is kept when it is one of the spec's enum values. */
export const ENUM_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  Status: enumOf("LoginStatus"),
  IdentityProvider: enumOf("IdentityProviderType"),
};

/** Create-request fields whose value is kept when it is one of the spec's enum values. */
export const REQUEST_ENUM_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  IdentityProvider: enumOf("IdentityProviderType"),
  Language: enumOf("Language"),
};

/**
 * The create request's return URLs: each becomes `https://rp.example/<path>` with one query
 * parameter per placeholder the original carried (`[0]` status, `[1]` id, `[2]` ref).
 */
export const RETURN_URLS: Readonly<Record<string, string>> = {
  CancelUrl: "cancel",
  ErrorUrl: "error",
  SuccessUrl: "success",
};
export const PLACEHOLDER_NAMES = { "[0]": "status", "[1]": "id", "[2]": "ref" } as const;

/** The create request's other free-text fields, by name (any other string: REPLACED). */
export const SYNTHETIC_REQUEST: Readonly<Record<string, string>> = {
  ExternalReference: "synthetic-reference",
  PageTitle: "Synthetic page title",
  Domain: "rp.example",
};

/**
 * The create response's RequestId, the same everywhere in the file, and its login URL. No 6-digit
 * or 32-hex run, so the gate lets them through.
 */
export const SYNTHETIC_REQUEST_ID = "SyntheticRequestIdByTheRecorder";
export const SYNTHETIC_LOGIN_URL = `https://login.signereid.example/start?sessionid=${SYNTHETIC_REQUEST_ID}`;

/**
 * A server timestamp in the server-time form (`yyyy-MM-ddTHH:mm:ss`, optional fraction and Z) is
 * kept: it says when the recording was made, nothing about a person. A fraction is cut to 3
 * digits (a longer run of digits would stop the gate).
 */
export function keptTimestamp(text: string): string | undefined {
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?(Z?)$/.exec(text);
  if (!match) return undefined;
  return `${match[1]}${match[2] ? `.${match[2].slice(0, 3)}` : ""}${match[3]}`;
}

/** The session's fields, from the spec: these names are kept as they are. */
export const SESSION_FIELDS: ReadonlySet<string> = new Set(
  Object.keys(schemas.SignereIdResponse?.properties ?? {}),
);

/** The root element of the XML form. */
export const XML_ROOT: string =
  schemas.SignereIdResponse?.xml?.name ??
  (() => {
    throw new Error("the bundled spec names no XML root for SignereIdResponse");
  })();

/** The only MetaData key attested for the real API. */
export const KNOWN_METADATA_KEYS: ReadonlySet<string> = new Set(["user.certificate.json"]);

/**
 * Replacements for the session's free-text fields. The national id fails its checksum and the
 * IP address is from the documentation range (RFC 5737), so none of them is anybody's.
 */
export const SYNTHETIC: Readonly<Record<string, string>> = {
  Name: "Kari Nordmann",
  FirstName: "Kari",
  MiddleName: "Synthetic",
  LastName: "Nordmann",
  DateOfBirth: "010100",
  SocialSecurityNumber: "01010000000",
  IdentityProviderUniqueId: "9578-6000-4-00000",
  IPAddress: "192.0.2.1",
  UserAgent: "synthetic-user-agent",
  ErrorCode: "SYNTHETIC",
  ErrorMessage: "Synthetic error message.",
};

/** Every other string of a session: unknown fields, MetaData values, unknown enum values. */
export const REPLACED = "[replaced by the recorder]";

/** The runs of 6+ digits a recording may contain: only the synthetic values above. */
export const SYNTHETIC_NUMBERS: ReadonlySet<string> = new Set(
  Object.values(SYNTHETIC).flatMap((value) => value.match(/\d{6,}/g) ?? []),
);

/**
 * A field, element or header name not in the spec is kept only when it cannot carry an id or a
 * secret: at most 64 characters of letters, `_`, `.` and `-` (starting with a letter or `_`), no
 * digit at all and no run of 8+ hex letters (`a`-`f`). Any other name becomes `renamed-N`. The
 * rule applies to every name at every depth, dotted names and XML element names alike.
 */
export function isPlainName(name: string): boolean {
  return (
    /^[A-Za-z_][A-Za-z_.-]{0,63}$/.test(name) && !/[a-f]{8}/i.test(name) && name !== "__proto__"
  );
}

/** What a name the rule refuses becomes (N counts up per object); the gate lets these through. */
export const RENAMED = /^renamed-[1-9]\d*$/;

/**
 * The only free text (an error reason, an error body or one of its strings) kept as received: the
 * exact phrases the sandbox (`@signereid/sandbox`) answers with, fixed strings with no value in
 * them. Nothing about the real API's wording is attested, so nothing else is kept.
 */
export const KNOWN_PHRASES: ReadonlySet<string> = new Set([
  "No SignereID session with this RequestId",
  "This session is already completed",
  "outcome must be login, cancel or error",
  "Choose one of the test persons offered for this session",
  "The login form is sent as application/x-www-form-urlencoded",
  "The login page takes GET and POST",
  "Content-Type must be application/json (the body is JSON, signed over its bytes)",
  "The account has no SignereID subscription",
  "Not authorized",
  "No recording answers this request",
  "Missing header API-ID",
  "Unknown API-ID",
  "Missing header API-TIMESTAMP",
  "API-TIMESTAMP must be yyyy-MM-ddTHH:mm:ss in UTC",
  "Missing header API-TOKEN",
  "Missing header API-ALGORITHM (send SHA256 or SHA512)",
  "API-ALGORITHM must be SHA256 or SHA512",
  "Invalid API-TOKEN: the signature does not match the URL (or body), timestamp and key",
  "Missing Host header: the signed URL is built from it (send Host, as HTTP/1.1 does)",
  "The path has an empty segment (// or a trailing /)",
  "The path has a dot segment (. or .., also as %2e)",
]);

/**
 * Any other free text becomes this, keeping only its length (grouped with commas, so the count
 * is never a run of 6 digits for the gate).
 */
export function replacedText(text: string): string {
  return `[text replaced by the recorder: ${text.length.toLocaleString("en-US")} characters]`;
}
