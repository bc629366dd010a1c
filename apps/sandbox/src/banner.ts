// How to call each of the five operations, one short line each: what the start banner prints
// last (the sandbox's CLI and the repo's `pnpm start`). The lookups name the recorded session that
// runs a whole login, answered as recorded, so the lines work in order as they are; the create
// starts a fresh session of its own.

/** One line per operation, calling it with @signereid/client (`client` signed for the account). */
export function callLines(requestId: string): string[] {
  const id = JSON.stringify(requestId);
  return [
    "await client.getServerTime()  // unsigned; client.syncClock() sets the client's clock from it",
    "await client.createSignereIdSession({ SuccessUrl, ErrorUrl, CancelUrl, ExternalReference })",
    `await client.getSignereIdSessionCompleted(${id})`,
    `await client.getSignereIdSession(${id}, { metadata: true })`,
    `await client.invalidateSignereIdSession(${id})`,
  ];
}
