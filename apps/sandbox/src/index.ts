// What a consumer needs: start a sandbox (in tests, as a library), sign with its demo account,
// pick a test person, and complete a session in process.
export { DEMO_ACCOUNT, type SandboxAccount } from "./accounts.js";
export type { CompleteInput } from "./flow.js";
export { type IdentityProvider, PERSONS, type Person, personsFor } from "./persons.js";
export { type Sandbox, type SandboxOptions, startSandbox } from "./server.js";
export type { Outcome } from "./sessions.js";
