export { DEMO_ACCOUNT, type MockAccount } from "./accounts.js";
export { callLines } from "./banner.js";
export { RecordingStore, type Reply, type Routed } from "./recordings.js";
export {
  ERROR_REASON_HEADER,
  MAX_BODY_BYTES,
  MAX_CLOCK_SKEW_SECONDS,
  type MockApi,
  type MockApiOptions,
  startMockApi,
} from "./server.js";
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
