export { isPlainName, KNOWN_METADATA_KEYS, REPLACED, SYNTHETIC } from "./allow-list.js";
export { gate, RecordingGateError } from "./gate.js";
export {
  isOperationId,
  OPERATION_IDS,
  OPERATIONS,
  type OperationId,
} from "./operations.js";
export {
  type Recorded,
  RecorderError,
  type RecordOptions,
  recordExchange,
} from "./record.js";
export {
  scrubCompleted,
  scrubCreateRequest,
  scrubCreateResponse,
  scrubErrorBody,
  scrubJson,
  scrubServerTime,
  scrubSession,
  scrubText,
} from "./scrub.js";
export type { Secrets } from "./secrets.js";
