export {
  createSignereIdClient,
  type GetSignereIdSessionOptions,
  type SignereIdClient,
} from "./client.js";
export { DEPRECATION_MESSAGE, type DeprecationHandler } from "./deprecation.js";
export {
  type ApiErrorDetails,
  type ResponseFormatProblem,
  SignereIdAbortError,
  SignereIdApiError,
  SignereIdError,
  SignereIdNetworkError,
  SignereIdResponseFormatError,
  SignereIdTimeoutError,
  SignereIdValidationError,
} from "./errors.js";
export { createResponseSizeLimit, createSigningMiddleware } from "./middleware.js";
export type {
  CallOptions,
  ClientOptionsBase,
  SignereIdClientOptions,
  SignereIdEnvironment,
  SigningCredentials,
} from "./options.js";
export { createSignereIdRawClient } from "./raw.js";
export {
  bodyToSign,
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
  SignereIdCompleted,
  SignereIdCreateRequest,
  SignereIdCreateResponse,
  SignereIdInvalidateRequest,
  SignereIdSchemas,
  SignereIdServerTime,
  SignereIdSession,
} from "./types.js";
