// How to call each of the five operations, one short line each: what the start banner prints
// last (the mock's CLI and the repo's `pnpm start`). The RequestId is the one the recorded create
// response hands out, so the lines work in order against the mock as they are.

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
