// A success body read by what the operation declares: JSON, XML (through the lazily loaded
// ./xml.js) or text, then held against the declared shape. Every problem is one
// SignereIdResponseFormatError, with the server's text redacted.
import { type ResponseFormatProblem, SignereIdResponseFormatError } from "../errors.js";
import { excerpt, type Secrets } from "../redact.js";
import { shapeMismatch } from "../shape.js";
import type { Operation, ResponseForm } from "./operation.js";

/** An operation's own reading of a checked value; `fail` says why it is not a result. */
export type Decode = (value: unknown, fail: (why: string) => never) => unknown;

/** The result; a promise only when the XML reader has to be loaded (each await costs a call). */
export function readResult(
  op: Operation,
  response: Response,
  text: string,
  accept: string,
  /** Gathered only when an error needs them. */
  secrets: () => Secrets,
  decode?: Decode,
): unknown {
  const { status } = response;
  const form: ResponseForm | undefined =
    op.responses[status] ??
    op.responses[`${String(status)[0]}XX`] ??
    Object.values(op.responses)[0];
  const media = form?.media ?? [];
  const rawType = response.headers.get("content-type") ?? "";
  // Redacted only when an error needs it: a success pays nothing for redaction.
  const contentType = () => excerpt(rawType, secrets());
  const fail = (problem: ResponseFormatProblem, why: string): never => {
    throw new SignereIdResponseFormatError(
      `The SignereID API answered ${status} with ${why}. The server may have answered for another endpoint; check the base URL.`,
      { problem, status, contentType: contentType() },
    );
  };
  // Nothing declared (e.g. 204), or any media type (`*/*`: an undocumented body): not read.
  if (media.length === 0 || media.includes("*/*")) return undefined;
  if (!text) fail("empty", "an empty body; a response body was expected");
  // Trust the response's own Content-Type over what was asked for: a server may ignore Accept.
  const json = /json/i.test(rawType);
  const xml = !json && (/xml/i.test(rawType) || /xml/i.test(accept));
  const checked = (value: unknown) => {
    const mismatch = form?.shape && shapeMismatch(value, form.shape);
    if (mismatch) {
      fail(
        "wrong-shape",
        `a body of the wrong shape: ${mismatch.where} should be ${mismatch.expected}`,
      );
    }
    return decode ? decode(value, (why) => fail("wrong-shape", why)) : value;
  };
  if (xml && form?.xml) {
    const xmlForm = form.xml;
    return import("../xml.js").then(({ parseXml }) =>
      checked(
        parseXml(text, xmlForm, (why) =>
          fail("invalid-xml", `XML that could not be read: ${excerpt(why, secrets())}`),
        ),
      ),
    );
  }
  if (media.every((type) => type.startsWith("text/"))) return text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail(
      "invalid-json",
      `a body that is not valid JSON (${text.length} characters, content-type "${contentType()}")`,
    );
  }
  return checked(value);
}
