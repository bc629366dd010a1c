// An operation the vendor deprecated says so once per operation and process, in the spec's words
// (generated/operations.gen.ts), with the way to silence it.
import { operations } from "./generated/operations.gen.js";

export type DeprecationHandler = false | ((message: string) => void);

/** The warning for a deprecated operation. */
export function deprecationMessage(method: string, path: string, text: string): string {
  return `${method} ${path}: ${text} Pass onDeprecation: false to createSignereIdClient to silence this warning.`;
}

const session = operations.getSignereIdSession;
/** The warning getSignereIdSession gives. */
export const DEPRECATION_MESSAGE = deprecationMessage(
  session.method,
  session.path,
  session.deprecated,
);

const warned = new Set<string>();

/** To the handler every time; else once per `key` and process, as a DeprecationWarning. */
export function warnDeprecated(
  handler: DeprecationHandler | undefined,
  key: string,
  message: string,
): void {
  if (handler) handler(message);
  if (handler !== undefined || warned.has(key)) return;
  warned.add(key);
  const process = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } })
    .process;
  if (process?.emitWarning) {
    process.emitWarning(message, { type: "DeprecationWarning", code: "SIGNEREID_DEPRECATED" });
  } else console.warn(`DeprecationWarning: ${message}`);
}
