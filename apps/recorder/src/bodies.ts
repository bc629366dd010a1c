// How a 2xx body is kept, the two ways a recipe (operations.ts) can choose: from the received
// JSON text, or (the session) rebuilt from the value the client parsed.
import type { Recording } from "@signereid/openapi";
import { REPLACED, XML_ROOT } from "./allow-list.js";
import { MARKUP_REMOVED, scrubSession, startsLikeMarkup } from "./scrub.js";
import { toSessionXml } from "./xml.js";

export type Body = Recording["response"]["body"];

/**
 * The received text as JSON, scrubbed as a value by `scrub` (a JSON string is stored as its raw
 * text, as the format wants); empty stays empty, any other text is replaced. The client's value
 * is not used: it may be no longer JSON (a Date) or nothing at all.
 */
export function receivedJson(
  scrub: (value: unknown) => unknown,
): (value: unknown, received: string) => Body {
  return (_value, received) => {
    if (received === "") return "";
    let value: unknown;
    try {
      value = JSON.parse(received);
    } catch {
      return startsLikeMarkup(received) ? MARKUP_REMOVED : REPLACED;
    }
    const scrubbed = scrub(value) as Body;
    return typeof scrubbed === "string" ? JSON.stringify(scrubbed) : scrubbed;
  };
}

/** The session, rebuilt from what the client parsed; XML when the received body was markup. */
export function sessionBody(session: unknown, received: string): Body {
  const scrubbed = scrubSession(session as Record<string, unknown>);
  return startsLikeMarkup(received) ? toSessionXml(scrubbed, XML_ROOT) : scrubbed;
}
