import { defaultRecordingsDir } from "../src/recordings.js";

export { DEMO_ACCOUNT } from "../src/accounts.js";
export { type MockApi, startMockApi } from "../src/server.js";
export { expectedToken } from "../src/signature.js";
export { toDataContractXml } from "../src/xml.js";
export const defaultRecordingsDirForTests = defaultRecordingsDir;
