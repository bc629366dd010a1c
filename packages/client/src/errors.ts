// The errors the client throws. Every message says what happened and what to do; none carries
// the API key, a token or a national identity number (see redact.ts).

// Names are assigned in constructors, not as class fields: the CommonJS build's transform would
// otherwise rename the classes (`_class4`) in stack traces and inspect() output.

/** Base class: `error instanceof SignereIdError` catches everything this client throws. */
export class SignereIdError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = "SignereIdError";
  }
}

/** Bad input, refused before any request was sent. `field` names the option or argument. */
export class SignereIdValidationError extends SignereIdError {
  declare readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "SignereIdValidationError";
    this.field = field;
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

/** The server answered with an error status. */
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
    super(message);
    this.name = "SignereIdApiError";
    Object.assign(this, details);
  }
}

/** An attempt took longer than `timeoutMs`, and so did every retry. */
export class SignereIdTimeoutError extends SignereIdError {
  declare readonly timeoutMs: number;
  declare readonly attempts: number;
  constructor(timeoutMs: number, attempts: number) {
    super(
      `The SignereID API did not answer within ${timeoutMs} ms (${attempts} attempt${attempts === 1 ? "" : "s"}). Check the network and the base URL, or raise timeoutMs.`,
    );
    this.name = "SignereIdTimeoutError";
    Object.assign(this, { timeoutMs, attempts });
  }
}

/** The request never got an HTTP answer (DNS, connection refused, TLS, reset…). */
export class SignereIdNetworkError extends SignereIdError {
  declare readonly attempts: number;
  constructor(attempts: number, options: { cause: unknown }) {
    super(
      `Could not reach the SignereID API (${attempts} attempt${attempts === 1 ? "" : "s"})${describeCause(options.cause)}. Check the network and the base URL.`,
      options,
    );
    this.name = "SignereIdNetworkError";
    this.attempts = attempts;
  }
}

export type ResponseFormatProblem =
  | "empty"
  | "invalid-json"
  | "invalid-xml"
  | "wrong-shape"
  | "too-large"
  | "unexpected-redirect";

/**
 * A successful status, but a body the client cannot read as a SignereID session; or a body of any
 * status over maxResponseBytes once decoded (`too-large`).
 */
export class SignereIdResponseFormatError extends SignereIdError {
  declare readonly problem: ResponseFormatProblem;
  declare readonly status?: number;
  declare readonly contentType?: string;
  constructor(
    problem: ResponseFormatProblem,
    message: string,
    status?: number,
    contentType?: string,
  ) {
    super(message);
    this.name = "SignereIdResponseFormatError";
    Object.assign(this, { problem, status, contentType });
  }
}

function describeCause(cause: unknown): string {
  const inner = (cause as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof inner?.code === "string" ? inner.code : undefined;
  return code ? `: ${code}` : "";
}
