// The errors the client throws. Every message says what happened and what to do; none carries
// the API key, a token or a national identity number (see redact.ts). Every class takes
// `(message, details)`; the details become the error's fields (the base class assigns them).

// Names are assigned in constructors, not as class fields: the CommonJS build's transform would
// otherwise rename the classes (`_class4`) in stack traces and inspect() output.

/** Base class: `error instanceof SignereIdError` catches everything this client throws. */
export class SignereIdError extends Error {
  constructor(message: string, details: { cause?: unknown } = {}) {
    // Error reads `cause` from the details, and keeps it non-enumerable (assigning it again below
    // keeps that); no `cause` in the details, no `cause` on the error.
    super(message, details);
    this.name = "SignereIdError";
    Object.assign(this, details);
  }
}

/** Bad input, refused before any request was sent. `field` names the option or argument. */
export class SignereIdValidationError extends SignereIdError {
  declare readonly field: string;
  constructor(message: string, details: { field: string }) {
    super(message, details as object);
    this.name = "SignereIdValidationError";
  }
}

export interface ApiErrorDetails {
  status: number;
  /** The server's reason, from its error-reason response header (whose name is undocumented). */
  reason?: string;
  /** Which response header carried `reason`. */
  reasonHeader?: string;
  /** Every response header, lowercased names, values redacted (and cut to 2000 characters). */
  headers: Record<string, string>;
  /** The start of the response body (at most 200 characters), redacted. */
  bodyExcerpt: string;
  /** How far the server's `Date` was ahead of the clock the request was signed with, when 5 s or more. */
  clockSkewSeconds?: number;
  /** The server's `Retry-After`, when it asked for longer than the client may wait. */
  retryAfterMs?: number;
  attempts: number;
}

/** The server answered with an error status (or a redirect, which is never followed). */
export class SignereIdApiError extends SignereIdError implements ApiErrorDetails {
  declare readonly status: number;
  declare readonly reason?: string;
  declare readonly reasonHeader?: string;
  declare readonly headers: Record<string, string>;
  declare readonly bodyExcerpt: string;
  declare readonly clockSkewSeconds?: number;
  declare readonly retryAfterMs?: number;
  declare readonly attempts: number;
  constructor(message: string, details: ApiErrorDetails) {
    super(message, details as object);
    this.name = "SignereIdApiError";
  }
}

/** The request never got an HTTP answer (DNS, connection refused, TLS, reset…). */
export class SignereIdNetworkError extends SignereIdError {
  declare readonly attempts: number;
  constructor(message: string, details: { attempts: number; cause?: unknown }) {
    super(message, details);
    this.name = "SignereIdNetworkError";
  }
}

/** An attempt took longer than `timeoutMs`, and so did every retry: a network error too. */
export class SignereIdTimeoutError extends SignereIdNetworkError {
  declare readonly timeoutMs: number;
  constructor(message: string, details: { attempts: number; timeoutMs: number }) {
    super(message, details);
    this.name = "SignereIdTimeoutError";
  }
}

/** The caller's AbortSignal ended the call; `cause` is the signal's reason. */
export class SignereIdAbortError extends SignereIdError {
  constructor(message: string, details: { cause: unknown }) {
    super(message, details);
    this.name = "SignereIdAbortError";
  }
}

export type ResponseFormatProblem =
  | "empty"
  | "invalid-json"
  | "invalid-xml"
  | "wrong-shape"
  | "too-large"
  | "implausible-time";

/**
 * A successful status, but a body the client cannot read as the operation's response; or a body
 * of any status over maxResponseBytes once decoded (`too-large`); or, from syncClock, a server
 * time further from the local clock than maxClockSkewMs (`implausible-time`).
 */
export class SignereIdResponseFormatError extends SignereIdError {
  declare readonly problem: ResponseFormatProblem;
  declare readonly status?: number;
  declare readonly contentType?: string;
  constructor(
    message: string,
    details: { problem: ResponseFormatProblem; status?: number; contentType?: string },
  ) {
    super(message, details as object);
    this.name = "SignereIdResponseFormatError";
  }
}

/** A validation error whose message starts with the field's name. */
export function invalid(field: string, message: string): SignereIdValidationError {
  return new SignereIdValidationError(`${field}: ${message}`, { field });
}
