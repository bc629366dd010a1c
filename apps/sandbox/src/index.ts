export { DEMO_ACCOUNT, type MockAccount } from "./accounts.js";
export { callLines } from "./banner.js";
export {
  type CompleteInput,
  MAX_ERROR_CODE,
  MAX_ERROR_MESSAGE,
  MAX_EXPANDED_RETURN_URL,
} from "./flow.js";
export { type IdentityProvider, PERSONS, type Person, personsFor } from "./persons.js";
export { RecordingStore, type Reply, type Routed } from "./recordings.js";
export {
  ERROR_REASON_HEADER,
  MAX_BODY_BYTES,
  MAX_CLOCK_SKEW_SECONDS,
  MAX_SESSION_TTL_SECONDS,
  MAX_SESSIONS,
  MAX_SESSIONS_WHY,
  type MockApi,
  type MockApiOptions,
  type Sandbox,
  type SandboxOptions,
  SESSION_MEMORY_BUDGET_BYTES,
  startMockApi,
  startSandbox,
} from "./server.js";
export {
  MAX_EXTERNAL_REFERENCE,
  MAX_IDENTITY_PROVIDER,
  MAX_RETURN_URL,
  WORST_CASE_SESSION_BYTES,
} from "./sessions.js";
export {
  booleanHeader,
  checkApiId,
  checkTimestamp,
  checkToken,
  expectedToken,
  type Problem,
  type SignedRequest,
} from "./signature.js";
export { toDataContractXml } from "./xml.js";
