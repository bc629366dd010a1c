// What the sandbox answers for a session it holds, and how a session is completed (by the login
// form or by the in-process helper). Every value the real API's documentation leaves open is a
// SANDBOX CHOICE, listed in the README: the session before completion, the Status of a cancel or
// an error, what [0] holds, the completed check's body form, the MetaData items.
import { type Person, personsFor } from "./persons.js";
import type { Completion, Outcome, Session, SessionStore } from "./sessions.js";
import type { Problem } from "./signature.js";

/** The longest provider error code and message the sandbox takes (its own limits). */
export const MAX_ERROR_CODE = 64;
export const MAX_ERROR_MESSAGE = 500;

export interface CompleteInput {
  outcome: Outcome;
  personId?: string;
  errorCode?: string;
  errorMessage?: string;
}

/** `[0]` for each outcome: LOGIN, CANCEL, or the provider's error code (else ERROR). */
export function statusCode(completion: Completion): string {
  if (completion.outcome === "login") return "LOGIN";
  if (completion.outcome === "cancel") return "CANCEL";
  return completion.errorCode || "ERROR";
}

/** The longest return URL the sandbox sends a browser to, after substitution (its own limit). */
export const MAX_EXPANDED_RETURN_URL = 8192;

/**
 * The return URL of a completed session, with [0] [1] [2] substituted (URL-encoded), or a 400
 * when it would exceed MAX_EXPANDED_RETURN_URL. The length is computed before the URL is built:
 * a URL full of [2] times a long reference would otherwise grow to hundreds of megabytes.
 */
export function returnUrl(session: Session): string | Problem {
  const completion = session.completion as Completion;
  const { SuccessUrl, CancelUrl, ErrorUrl, ExternalReference } = session.request;
  // Non-ASCII first: the substituted values are encoded already, and placeholders are ASCII.
  const url = { login: SuccessUrl, cancel: CancelUrl, error: ErrorUrl }[completion.outcome].replace(
    /[^\x21-\x7e]/gu,
    encode,
  );
  const values: [string, string][] = [
    ["[0]", encode(statusCode(completion))],
    ["[1]", encode(session.requestId)],
    ["[2]", encode(ExternalReference ?? "")],
  ];
  let length = url.length;
  for (const [placeholder, value] of values)
    length += (url.split(placeholder).length - 1) * (value.length - placeholder.length);
  if (length > MAX_EXPANDED_RETURN_URL)
    return {
      status: 400,
      reason: `The return URL would be ${length} characters with [0] [1] [2] substituted; the sandbox sends at most ${MAX_EXPANDED_RETURN_URL}: use fewer placeholders or a shorter ExternalReference`,
    };
  return values.reduce((built, [placeholder, value]) => built.replaceAll(placeholder, value), url);
}

/**
 * Percent-encodes a value for a URL; a Location header must be ASCII. A lone surrogate (JSON can
 * carry one) becomes U+FFFD first, since encodeURIComponent throws on it.
 */
function encode(value: string): string {
  return encodeURIComponent(value.replace(/\p{Cs}/gu, "\uFFFD"));
}

/**
 * Completes a created session, checking the input as the form's server side would. Returns the
 * return URL to send the browser to, or the problem (the session is unknown, already completed,
 * or the input is wrong).
 */
export function completeSession(
  store: SessionStore,
  requestId: string,
  input: CompleteInput,
  environment: { userAgent?: string; ipAddress?: string } = {},
): string | Problem {
  const session = store.get(requestId);
  if (!session) return { status: 404, reason: "No SignereID session with this RequestId" };
  if (session.completion) return { status: 409, reason: "This session is already completed" };
  const { outcome } = input;
  if (outcome !== "login" && outcome !== "cancel" && outcome !== "error")
    return { status: 400, reason: "outcome must be login, cancel or error" };
  let person: Person | undefined;
  if (outcome === "login") {
    person = personsFor(session.request.IdentityProvider).find((p) => p.id === input.personId);
    if (!person)
      return { status: 400, reason: "Choose one of the test persons offered for this session" };
  }
  const errorCode = outcome === "error" ? (input.errorCode ?? "").trim() : "";
  const errorMessage = outcome === "error" ? (input.errorMessage ?? "").trim() : "";
  if (errorCode.length > MAX_ERROR_CODE || errorMessage.length > MAX_ERROR_MESSAGE)
    return {
      status: 400,
      reason: `The error code may have ${MAX_ERROR_CODE} characters, the message ${MAX_ERROR_MESSAGE}`,
    };
  const completion = { outcome, ...(person ? { person } : {}), errorCode, errorMessage };
  // Checked before the session is completed, so a refused URL leaves it open.
  const url = returnUrl({ ...session, completion });
  if (typeof url !== "string") return url;
  store.complete(requestId, { ...completion, ...environment });
  return url;
}

const STATUS: Record<Outcome, string> = { login: "LOGIN", cancel: "CANCEL", error: "ERROR" };

/**
 * The session as getSignereIdSession answers it, fields in the order of the vendor's example.
 * Before completion: Status UNKNOWN and every person field empty. SocialSecurityNumber only when
 * the create asked GetSocialSecurityNumber: true; MetaData only with metadata=true (else null).
 */
export function sessionBody(session: Session, metadata: boolean): Record<string, unknown> {
  const { completion, request } = session;
  const person = completion?.person;
  const body: Record<string, unknown> = {
    Name: person?.Name ?? "",
    FirstName: person?.FirstName ?? "",
    MiddleName: person?.MiddleName ?? "",
    LastName: person?.LastName ?? "",
    DateOfBirth: person?.DateOfBirth ?? "",
    Status: completion ? STATUS[completion.outcome] : "UNKNOWN",
    MetaData: metadata ? (person ? [{ Key: "sandbox.person.id", Value: person.id }] : []) : null,
  };
  if (request.GetSocialSecurityNumber === true)
    body.SocialSecurityNumber = person?.SocialSecurityNumber ?? "";
  Object.assign(body, {
    IdentityProviderUniqueId: person?.IdentityProviderUniqueId ?? "",
    UserAgent: completion?.userAgent ?? "",
    IPAddress: completion?.ipAddress ?? "",
    IdentityProvider: person?.identityProvider ?? request.IdentityProvider ?? "UNKNOWN",
    ErrorCode: completion?.errorCode ?? "",
    ErrorMessage: completion?.errorMessage ?? "",
  });
  return body;
}
