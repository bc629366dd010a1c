// Friendly names for the generated spec types. Status and IdentityProvider are open sets: the
// generated `"LOGIN" | "UNKNOWN" | string` collapses to `string` in editors, so the known
// values are restated with `string & {}` to keep them offered for completion.
import type { components } from "./generated/schema.js";

/** Every schema of the description, by name (generated). */
export type SignereIdSchemas = components["schemas"];

export type { components, operations, paths } from "./generated/schema.js";

export type LoginStatus = SignereIdSchemas["LoginStatus"];
export type IdentityProviderType = SignereIdSchemas["IdentityProviderType"];
export type MetaDataEntry = SignereIdSchemas["MetaDataEntry"];

/** A SignereID session (`SignereIdResponse`), as JSON or XML gave it. Every field may be absent or null. */
export type SignereIdSession = Omit<
  SignereIdSchemas["SignereIdResponse"],
  "Status" | "IdentityProvider"
> & {
  /** Status of the login: `LOGIN` or `UNKNOWN` are attested; any other string may appear. */
  Status?: LoginStatus | (string & {}) | null;
  /** The e-ID used; values not in IdentityProviderType may appear. */
  IdentityProvider?: IdentityProviderType | (string & {}) | null;
  /** Fields this description does not know are kept as received. */
  [field: string]: unknown;
};

/**
 * What to create a session with (`SignereIdRequest`). The three return URLs and
 * `ExternalReference` are required by this client (the vendor's rule is not documented).
 */
export type SignereIdCreateRequest = Omit<
  SignereIdSchemas["SignereIdRequest"],
  "IdentityProvider"
> & {
  /** The e-ID to use. Values not in IdentityProviderType are sent as they are. */
  IdentityProvider?: IdentityProviderType | (string & {});
};

/** The new session: send the person to `Url`, keep `RequestId`. Every field may be absent or null. */
export type SignereIdCreateResponse = Omit<
  SignereIdSchemas["SignereIdCreateResponse"],
  "Status"
> & {
  /** Seen as `UNKNOWN` only in a third-party fixture; any string may appear. */
  Status?: LoginStatus | (string & {}) | null;
  /** Fields this description does not know are kept as received. */
  [field: string]: unknown;
};

/** The body of `PUT /api/SignereId/Invalidate`, which invalidateSignereIdSession sends. */
export type SignereIdInvalidateRequest = SignereIdSchemas["InvalidateRequest"];

/** The completed check's body as the spec describes it: either form; the client returns a boolean. */
export type SignereIdCompleted = SignereIdSchemas["SignereIdCompleted"];

/** The server's clock (`ServerTime`): read as UTC, and the string as the server sent it. */
export interface SignereIdServerTime {
  time: Date;
  raw: SignereIdSchemas["ServerTime"];
}
