// The client: validated options, an openapi-fetch transport with signing and a size cap, and
// getSignereIdSession with retries, timeouts, clock-skew correction and typed errors.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { type ClockSkew, clockSkew } from "./clock-skew.js";
import { startDeadline } from "./deadline.js";
import { type DeprecationHandler, warnDeprecated } from "./deprecation.js";
import {
  SignereIdApiError,
  SignereIdError,
  SignereIdNetworkError,
  SignereIdResponseFormatError,
  SignereIdTimeoutError,
  SignereIdValidationError,
} from "./errors.js";
import type { paths } from "./generated/schema.js";
import { createResponseSizeLimit, signingMiddleware } from "./middleware.js";
import {
  MAX_TIMER_MS,
  positiveNumber,
  requireObject,
  resolveBaseUrl,
  resolveCredentials,
  type SignereIdEnvironment,
  type SigningCredentials,
} from "./options.js";
import { excerpt, redact } from "./redact.js";
import { assertRequestId } from "./request-id.js";
import { backoffDelay, parseRetryAfter, RETRYABLE_STATUSES, sleep } from "./retry.js";
import { assertSessionShape } from "./shape.js";
import type { SignereIdSession } from "./types.js";

export type SignereIdClientOptions = SigningCredentials &
  (
    | {
        /** `"production"` (api.signere.no) or `"test"` (testapi.signere.no). */ environment: SignereIdEnvironment;
        baseUrl?: undefined;
      }
    | {
        /** Any other base URL, e.g. the mock API at `http://127.0.0.1:4010`. */ baseUrl: string;
        environment?: undefined;
      }
  ) & {
    /** The fetch to use (default: the global fetch). */
    fetch?: (request: Request) => Promise<Response>;
    /** Time limit for one attempt, in ms. Default 30 000. */
    timeoutMs?: number;
    /** Retries after a network error, a timeout, or 408/429/502/503/504. Default 2. */
    maxRetries?: number;
    /** First backoff delay in ms, doubled on each retry, with jitter. Default 250. */
    retryDelayMs?: number;
    /** The longest the client waits before a retry, Retry-After included. Default 10 000. */
    maxRetryDelayMs?: number;
    /** Largest response body read, in bytes. Default 1 MiB. */
    maxResponseBytes?: number;
    /** Retry once with the server's time after a 401/403 whose Date shows clock skew. Default true. */
    correctClockSkew?: boolean;
    /**
     * The furthest the server's Date may be from this machine's clock to be adopted, in ms (at
     * most 24 h). Default 12 h: enough for a clock set to local time instead of UTC.
     */
    maxClockSkewMs?: number;
    /** A default AbortSignal for every call (a call's own signal takes precedence). */
    signal?: AbortSignal;
    /** `false` silences the one-time DeprecationWarning; a function receives it instead. */
    onDeprecation?: DeprecationHandler;
  };

export interface GetSignereIdSessionOptions {
  /** Include MetaData. Always sent explicitly (`metadata=true|false`). Default false. */
  metadata?: boolean;
  /** Ask for JSON (default) or XML; either way the result is the same object. */
  format?: "json" | "xml";
  /** Abort the call (retries and waits included). */
  signal?: AbortSignal;
}

export interface SignereIdClient {
  /**
   * Retrieves a SignereID session to get the information about the authorized user.
   *
   * @deprecated Signere.no deprecated this endpoint; the legacy API was announced to shut down at
   * the end of 2018. Its successor is the OAuth2-based identification API
   * (`GET https://api.idfy.io/identification/session`).
   * @throws {SignereIdValidationError} bad input, before any request
   * @throws {SignereIdApiError} the server answered with an error status
   * @throws {SignereIdTimeoutError} every attempt timed out
   * @throws {SignereIdNetworkError} the server could not be reached
   * @throws {SignereIdResponseFormatError} a 200 whose body is not a session
   */
  getSignereIdSession(
    requestId: string,
    options?: GetSignereIdSessionOptions,
  ): Promise<SignereIdSession>;
  /** The signing openapi-fetch client underneath, for `{ data, error, response }` results. */
  readonly raw: Client<paths>;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The correction applied to the local clock after the server's `Date` showed skew (ms). */
  readonly clockOffsetMs: number;
}

const MEDIA_TYPES = { json: "application/json", xml: "application/xml" } as const;
const HOUR_MS = 3_600_000;

// openapi-fetch JSON-parses an error body, and the excerpt must come from the raw text (a value
// re-serialised can be deeper than the stack allows): hand the text over as one JSON string.
// Used before the size limit, so it reads a body that is already capped.
const rawErrorText: Middleware = {
  async onResponse({ response }) {
    if (response.ok || !response.body) return undefined;
    return new Response(JSON.stringify(await response.text()), response);
  },
};

/** Builds a client. Throws SignereIdValidationError for bad options, before any request. */
export function createSignereIdClient(options: SignereIdClientOptions): SignereIdClient {
  const config = resolveClientOptions(options);
  let clockOffsetMs = 0;
  const raw = buildRawClient(
    config,
    () => new Date(config.credentials.now().getTime() + clockOffsetMs),
    rawErrorText,
  );
  const secrets = [config.credentials.key];

  async function getSignereIdSession(
    requestId: string,
    callOptions: GetSignereIdSessionOptions = {},
  ): Promise<SignereIdSession> {
    requireObject(callOptions, "options");
    assertRequestId(requestId);
    const metadata = callOptions.metadata ?? false;
    if (typeof metadata !== "boolean") {
      throw new SignereIdValidationError("metadata", "must be true or false.");
    }
    const format = callOptions.format ?? "json";
    if (format !== "json" && format !== "xml") {
      throw new SignereIdValidationError("format", 'must be "json" or "xml".');
    }
    const signal = callOptions.signal ?? config.signal;
    signal?.throwIfAborted();
    warnDeprecated(config.onDeprecation);

    let clockCorrected = false;
    let retriesLeft = config.maxRetries;
    for (let attempt = 1; ; attempt++) {
      const deadline = startDeadline(config.timeoutMs, signal);
      // Signing reads the offset synchronously inside raw.GET: this is the one this attempt uses.
      const signedOffsetMs = clockOffsetMs;
      let result: { data?: unknown; error?: unknown; response: Response };
      try {
        result = await raw.GET("/api/SignereId/{RequestId}", {
          params: { path: { RequestId: requestId }, query: { metadata } },
          headers: { Accept: MEDIA_TYPES[format] },
          parseAs: "text",
          signal: deadline.signal,
        });
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof SignereIdError) throw error;
        const failure = deadline.timedOut()
          ? new SignereIdTimeoutError(config.timeoutMs, attempt)
          : new SignereIdNetworkError(attempt, { cause: scrubCause(error, secrets) });
        if (retriesLeft-- <= 0) throw failure;
        await sleep(backoffDelay(attempt, config.retryDelayMs, config.maxRetryDelayMs), signal);
        continue;
      } finally {
        deadline.dispose();
      }

      const { response } = result;
      if (response.ok) {
        return readSession(result.data as string | undefined, response, format, secrets);
      }

      const skew = clockSkew(
        response.headers.get("date"),
        config.credentials.now().getTime(),
        signedOffsetMs,
        config.maxClockSkewMs,
      );
      const refused = response.status === 401 || response.status === 403;
      const correct = refused && config.correctClockSkew;
      if (correct && !clockCorrected && skew?.offsetMs !== undefined) {
        clockCorrected = true;
        clockOffsetMs = skew.offsetMs;
        continue;
      }
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
      const retryable = RETRYABLE_STATUSES.has(response.status) && retriesLeft > 0;
      if (retryable && (retryAfterMs === undefined || retryAfterMs <= config.maxRetryDelayMs)) {
        retriesLeft--;
        await sleep(
          retryAfterMs ?? backoffDelay(attempt, config.retryDelayMs, config.maxRetryDelayMs),
          signal,
        );
        continue;
      }
      throw apiError(response, result.error, {
        attempts: attempt,
        skew,
        skewNote: clockCorrected
          ? ", even after one retry with the server's time"
          : correct
            ? `; its Date is over maxClockSkewMs (${config.maxClockSkewMs} ms) away, so it was not adopted`
            : "",
        retryAfterMs: retryable ? retryAfterMs : undefined,
        secrets,
      });
    }
  }

  return {
    getSignereIdSession,
    raw,
    baseUrl: config.baseUrl,
    get clockOffsetMs() {
      return clockOffsetMs;
    },
  };
}

/**
 * The signing openapi-fetch client alone: `{ data, error, response }` instead of exceptions, no
 * retries. Same options as createSignereIdClient.
 */
export function createSignereIdRawClient(options: SignereIdClientOptions): Client<paths> {
  const config = resolveClientOptions(options);
  return buildRawClient(config, config.credentials.now);
}

type ClientConfig = ReturnType<typeof resolveClientOptions>;

function resolveClientOptions(input: SignereIdClientOptions) {
  const options = requireObject(input, "options");
  const credentials = resolveCredentials(options);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new SignereIdValidationError("fetch", "must be a fetch-compatible function.");
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new SignereIdValidationError("signal", "must be an AbortSignal.");
  }
  const onDeprecation = options.onDeprecation;
  if (
    onDeprecation !== undefined &&
    onDeprecation !== false &&
    typeof onDeprecation !== "function"
  ) {
    throw new SignereIdValidationError("onDeprecation", "must be false or a function.");
  }
  if (options.correctClockSkew !== undefined && typeof options.correctClockSkew !== "boolean") {
    throw new SignereIdValidationError("correctClockSkew", "must be true or false.");
  }
  return {
    credentials,
    correctClockSkew: options.correctClockSkew ?? true,
    baseUrl: resolveBaseUrl(options.environment, options.baseUrl),
    fetch: options.fetch,
    // Every delay feeds setTimeout, which turns anything longer than MAX_TIMER_MS into 1 ms.
    timeoutMs: positiveNumber(options.timeoutMs, "timeoutMs", 30_000, { max: MAX_TIMER_MS }),
    maxRetries: positiveNumber(options.maxRetries, "maxRetries", 2, { integer: true, min: 0 }),
    retryDelayMs: positiveNumber(options.retryDelayMs, "retryDelayMs", 250, {
      min: 0,
      max: MAX_TIMER_MS,
    }),
    maxRetryDelayMs: positiveNumber(options.maxRetryDelayMs, "maxRetryDelayMs", 10_000, {
      min: 0,
      max: MAX_TIMER_MS,
    }),
    maxClockSkewMs: positiveNumber(options.maxClockSkewMs, "maxClockSkewMs", 12 * HOUR_MS, {
      min: 0,
      max: 24 * HOUR_MS,
    }),
    maxResponseBytes: positiveNumber(options.maxResponseBytes, "maxResponseBytes", 1024 * 1024, {
      integer: true,
    }),
    signal: options.signal,
    onDeprecation,
  };
}

function buildRawClient(
  config: ClientConfig,
  now: () => Date,
  ...outer: Middleware[]
): Client<paths> {
  const raw = createClient<paths>({
    baseUrl: config.baseUrl,
    headers: { Accept: MEDIA_TYPES.json },
    // The signature covers the URL: a redirect would need a new one, so it is reported instead.
    redirect: "manual",
    ...(config.fetch ? { fetch: config.fetch } : {}),
  });
  // onRequest runs in this order, onResponse in reverse: signing sees the final URL, and the
  // outer middleware sees a body already capped.
  raw.use(...outer, createResponseSizeLimit(config.maxResponseBytes));
  raw.use(signingMiddleware({ ...config.credentials, now }));
  return raw;
}

async function readSession(
  text: string | undefined,
  response: Response,
  format: "json" | "xml",
  secrets: string[],
): Promise<SignereIdSession> {
  const { status } = response;
  const contentType = excerpt(response.headers.get("content-type") ?? "", secrets);
  if (!text) {
    throw new SignereIdResponseFormatError(
      "empty",
      `The SignereID API answered ${status} with an empty body; a session was expected.`,
      status,
      contentType,
    );
  }
  // Trust the response's own Content-Type over what was asked for: a server may ignore Accept.
  const isXml = /xml/i.test(contentType) || (!/json/i.test(contentType) && format === "xml");
  let value: unknown;
  if (isXml) {
    const { parseSignereIdXml } = await import("./xml.js");
    try {
      value = parseSignereIdXml(text);
    } catch (error) {
      const problem = error as SignereIdResponseFormatError;
      // The reader knows no secrets: the key could be echoed in an element name.
      throw new SignereIdResponseFormatError(
        "invalid-xml",
        redact(problem.message, secrets),
        status,
        contentType,
      );
    }
  } else {
    try {
      value = JSON.parse(text);
    } catch {
      throw new SignereIdResponseFormatError(
        "invalid-json",
        `The SignereID API answered ${status} with a body that is not valid JSON (${text.length} characters, content-type "${contentType}"). Check the base URL.`,
        status,
        contentType,
      );
    }
  }
  assertSessionShape(value, status, contentType);
  return value;
}

// undici keeps the unparsed bytes of a malformed response on the cause (`data`): server text.
function scrubCause(error: unknown, secrets: string[]): unknown {
  let cause = error as { cause?: unknown; data?: unknown } | undefined;
  for (let depth = 0; depth < 4 && cause instanceof Object; depth++, cause = cause.cause as never) {
    if (typeof cause.data === "string") cause.data = excerpt(cause.data, secrets);
  }
  return error;
}

// Standard headers that never carry the server's error reason.
const NOT_A_REASON =
  /^(content-|x-content-type-options|access-control-|cache-control|date$|server$)/i;

function apiError(
  response: Response,
  body: unknown,
  context: {
    attempts: number;
    skew?: ClockSkew;
    /** Why the skew is still there (retried, or not believed). */
    skewNote: string;
    retryAfterMs?: number;
    secrets: string[];
  },
): SignereIdApiError {
  const { status } = response;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    // Names too (a server chooses them), and cut: another fetch may not bound header sizes.
    headers[excerpt(name, context.secrets)] = excerpt(value, context.secrets, 2000);
  });
  // The error-reason header's name is undocumented: take the first one that says error or reason.
  const reasonHeader = Object.keys(headers).find(
    (name) => /error|reason/i.test(name) && !NOT_A_REASON.test(name),
  );
  const reason = reasonHeader ? headers[reasonHeader] : undefined;
  const clockSkewSeconds = context.skew && Math.round(context.skew.skewMs / 1000);
  const statusText = excerpt(response.statusText, context.secrets);
  const message = [
    `The SignereID API answered ${status}${statusText ? ` ${statusText}` : ""}${reason ? `: ${reason}` : ""}.`,
    hint(status, clockSkewSeconds, context.retryAfterMs, context.skewNote),
  ]
    .filter(Boolean)
    .join(" ");
  return new SignereIdApiError(message, {
    status,
    reason,
    reasonHeader,
    headers,
    // The raw text (see rawErrorText); anything else means no body.
    bodyExcerpt: typeof body === "string" ? excerpt(body, context.secrets) : "",
    clockSkewSeconds,
    retryAfterMs: context.retryAfterMs,
    attempts: context.attempts,
  });
}

function hint(
  status: number,
  skewSeconds: number | undefined,
  retryAfterMs: number | undefined,
  skewNote: string,
): string {
  if (status === 0 || (status >= 300 && status < 400)) {
    return "The server redirected the request; redirects are not followed because the signature covers the URL. Use the final address as baseUrl.";
  }
  if (status === 401 || status === 403) {
    const skew =
      skewSeconds === undefined
        ? ""
        : ` The server's clock is ${Math.abs(skewSeconds)} s ${skewSeconds > 0 ? "ahead of" : "behind"} this machine's${skewNote}: synchronise the clock.`;
    return `The signature or the account was refused: check apiId, the key and whether it is the primary or secondary one, the SignereID subscription, and this machine's clock.${skew}`;
  }
  if (status === 404) return "No session has this RequestId: it is unknown or expired.";
  if (status === 400)
    return "The server could not read the request; check the RequestId and the options.";
  if (retryAfterMs !== undefined) {
    return `The server asked to wait ${Math.ceil(retryAfterMs / 1000)} s before retrying, longer than maxRetryDelayMs.`;
  }
  if (status === 408 || status === 429 || status >= 500)
    return "The server is unavailable or overloaded; try again later.";
  return "";
}
