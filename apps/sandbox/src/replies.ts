// The forms a sandbox answer takes: JSON, a session as JSON or DataContract XML (as the client's
// Accept asks), or a problem as plain text with its reason in the error-reason header.
import type { Problem } from "./signature.js";
import { toDataContractXml } from "./xml.js";

/** The error-reason header. The real API's header name is not documented; this is the sandbox's. */
export const ERROR_REASON_HEADER = "X-Error-Reason";

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Format = "json" | "xml";

/** JSON unless the Accept header prefers XML. */
export function formatFor(accept: string | undefined): Format {
  const value = (accept ?? "").toLowerCase();
  const xml = value.search(/(application|text)\/xml/);
  const json = value.search(/application\/json/);
  return xml !== -1 && (json === -1 || xml < json) ? "xml" : "json";
}

export const json = (body: unknown): Reply => ({
  status: 200,
  headers: { "content-type": "application/json; charset=utf-8" },
  body: JSON.stringify(body),
});

/** A session (the lookup's answer) in the format asked for. */
export const sessionReply = (session: Record<string, unknown>, format: Format): Reply =>
  format === "xml"
    ? {
        status: 200,
        headers: { "content-type": "application/xml; charset=utf-8" },
        body: toDataContractXml(session),
      }
    : json(session);

export const problemReply = ({ status, reason }: Problem): Reply => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", [ERROR_REASON_HEADER]: reason },
  body: reason,
});
