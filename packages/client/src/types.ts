// Friendly names for the generated spec types. Status and IdentityProvider are open sets: the
// generated `"LOGIN" | "UNKNOWN" | string` collapses to `string` in editors, so the known
// values are restated with `string & {}` to keep them offered for completion.
import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

export type { components, operations, paths } from "./generated/schema.js";

export type LoginStatus = Schemas["LoginStatus"];
export type IdentityProviderType = Schemas["IdentityProviderType"];
export type MetaDataEntry = Schemas["MetaDataEntry"];

/** A SignereID session (`SignereIdResponse`), as JSON or XML gave it. Every field may be absent or null. */
export type SignereIdSession = Omit<Schemas["SignereIdResponse"], "Status" | "IdentityProvider"> & {
  /** Status of the login: `LOGIN` or `UNKNOWN` are attested; any other string may appear. */
  Status?: LoginStatus | (string & {}) | null;
  /** The e-ID used; values not in IdentityProviderType may appear. */
  IdentityProvider?: IdentityProviderType | (string & {}) | null;
  /** Fields this description does not know are kept as received. */
  [field: string]: unknown;
};
