#!/usr/bin/env node
// signereid-mock-api [--port 4010] [--clock-skew 300]
// Credentials from SIGNEREID_MOCK_API_ID, SIGNEREID_MOCK_PRIMARY_KEY, SIGNEREID_MOCK_SECONDARY_KEY
// (default: the demo account). Keys from the environment are never printed.
import { parseArgs } from "node:util";
import { DEMO_ACCOUNT, type MockAccount } from "./accounts.js";
import { startMockApi } from "./server.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    "clock-skew": { type: "string", default: "300" },
  },
});
const port = Number(values.port);
const clockSkewSeconds = Number(values["clock-skew"]);
if (!Number.isInteger(port) || port < 0 || port > 65535 || !(clockSkewSeconds >= 0)) {
  console.error("Usage: signereid-mock-api [--port 0-65535] [--clock-skew seconds]");
  process.exit(2);
}

const env = process.env;
const fromEnv = Boolean(
  env.SIGNEREID_MOCK_API_ID || env.SIGNEREID_MOCK_PRIMARY_KEY || env.SIGNEREID_MOCK_SECONDARY_KEY,
);
const account: MockAccount = {
  apiId: (env.SIGNEREID_MOCK_API_ID ?? DEMO_ACCOUNT.apiId).toLowerCase(),
  primaryKey: env.SIGNEREID_MOCK_PRIMARY_KEY ?? DEMO_ACCOUNT.primaryKey,
  secondaryKey: env.SIGNEREID_MOCK_SECONDARY_KEY ?? DEMO_ACCOUNT.secondaryKey,
};

const mock = await startMockApi({ port, credentials: account, clockSkewSeconds });
console.log(`SignereID mock API listening on ${mock.url}`);
console.log(
  fromEnv
    ? `  credentials: API-ID ${account.apiId}, keys from SIGNEREID_MOCK_*_KEY (not shown)`
    : `  demo credentials: apiId ${account.apiId}, secondaryKey "${account.secondaryKey}", primaryKey "${account.primaryKey}"`,
);
console.log("  RequestIds:");
for (const { requestId, title } of mock.sessions) console.log(`    ${requestId}  ${title}`);
console.log("Press Ctrl+C to stop.");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    mock.close().then(() => process.exit(0));
  });
}
