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
 * A field or element name not in the spec is kept when it reads like a name (an XML name of at
 * most 64 ASCII characters without 4 digits in a row): it is how a new field is learnt.
 */
export function isPlainName(name: string): boolean {
  return /^[A-Za-z_][\w.-]{0,63}$/.test(name) && !/\d{4}/.test(name) && name !== "__proto__";
}
