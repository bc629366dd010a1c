// The vendor deprecated this endpoint. Say so once per process, with the way out.

export const DEPRECATION_MESSAGE =
  "GET /api/SignereId/{RequestId} is deprecated by Signere.no: the legacy API was announced to shut down at the end of 2018. " +
  "Its successor is the OAuth2-based identification API (GET https://api.idfy.io/identification/session). " +
  "Pass onDeprecation: false to createSignereIdClient to silence this warning.";

let warned = false;

export type DeprecationHandler = false | ((message: string) => void);

export function warnDeprecated(handler: DeprecationHandler | undefined): void {
  if (handler === false) return;
  if (handler) {
    handler(DEPRECATION_MESSAGE);
    return;
  }
  if (warned) return;
  warned = true;
  const process = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } })
    .process;
  if (typeof process?.emitWarning === "function") {
    process.emitWarning(DEPRECATION_MESSAGE, {
      type: "DeprecationWarning",
      code: "SIGNEREID_DEPRECATED",
    });
  } else {
    console.warn(`DeprecationWarning: ${DEPRECATION_MESSAGE}`);
  }
}
