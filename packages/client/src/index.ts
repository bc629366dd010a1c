export {
  createSignereIdClient,
  createSignereIdRawClient,
  type GetSignereIdSessionOptions,
  type SignereIdClient,
  type SignereIdClientOptions,
} from "./client.js";
export { DEPRECATION_MESSAGE, type DeprecationHandler } from "./deprecation.js";
export {
  type ApiErrorDetails,
  type ResponseFormatProblem,
  SignereIdApiError,
  SignereIdError,
  SignereIdNetworkError,
  SignereIdResponseFormatError,
  SignereIdTimeoutError,
  SignereIdValidationError,
} from "./errors.js";
export { createResponseSizeLimit, createSigningMiddleware } from "./middleware.js";
export type { SignereIdEnvironment, SigningCredentials } from "./options.js";
export {
  createHmacSigner,
  formatTimestamp,
  type SigningAlgorithm,
  stringToSign,
} from "./signing.js";
export type {
  components,
  IdentityProviderType,
  LoginStatus,
  MetaDataEntry,
  operations,
  paths,
  SignereIdSession,
} from "./types.js";
