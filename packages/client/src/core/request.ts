// The request core: one attempt loop for every operation, typed or raw. Each attempt has its own
// deadline combined with the caller's signal and is signed as its innermost step (a retry gets a
// fresh timestamp); its body is read under the size cap within the deadline. Between attempts:
// one clock-skew refresh (counted apart from the retries) and the retry policy (retry.ts).
import { deprecationMessage, warnDeprecated } from "../deprecation.js";
import {
  SignereIdAbortError,
  SignereIdError,
  SignereIdNetworkError,
  SignereIdTimeoutError,
} from "../errors.js";
import {
  type CallOptions,
  type ClientConfig,
  type ResolvedCallOptions,
  resolveCallOptions,
} from "../options.js";
import { excerpt, type Secrets, secretsOf } from "../redact.js";
import { apiError } from "./api-error.js";
import { readCappedText } from "./body.js";
import { checkBody } from "./body-rules.js";
import { type ClockSkew, clockSkew } from "./clock-skew.js";
import { startDeadline } from "./deadline.js";
import type { Operation } from "./operation.js";
import { buildTarget } from "./params.js";
import { type Decode, readResult } from "./read.js";
import { retryDecision, sleep } from "./retry.js";
import { createHeaderSigner } from "./sign.js";
import { either } from "./signals.js";

/** What a typed call passes: its parameters by the spec's names, its body, the media type it wants. */
export interface CallInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  /** The body's argument name in errors (default `request`), and fields renamed for them. */
  bodyName?: string;
  bodyNames?: Readonly<Record<string, string>>;
  accept?: string;
  /** Turns the checked value into the result; `fail` throws a wrong-shape format error. */
  decode?: Decode;
}

interface Outgoing {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Serialised once: these exact bytes are signed and sent. */
  body?: string;
  signed: boolean;
}

/** The final answer of a call, after retries: a success, or the error status to report. */
export interface Exchange {
  response: Response;
  /** The key and the tokens to redact from the server's text, gathered only when needed. */
  secrets: () => Secrets;
  text: string;
  attempts: number;
  skew?: ClockSkew;
  skewNote: string;
  retryAfterMs?: number;
}

export const JSON_BODY = "application/json; charset=UTF-8";
// A server may echo any token it received, in pieces: errors redact the last tokens of the call
// and of the client (for concurrent calls), a bounded number so the redaction stays cheap.
const TOKENS_KEPT = 16;

export type Core = ReturnType<typeof createCore>;

export function createCore(config: ClientConfig) {
  let clockOffsetMs = 0;
  const recentTokens: string[] = [];
  const secretsWith = (callTokens: readonly string[]) => () =>
    secretsOf([config.credentials.key, ...callTokens, ...recentTokens]);
  const signHeaders = createHeaderSigner(config.credentials);
  const defaults: ResolvedCallOptions = {
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
  };

  /**
   * Sends one attempt; the token it is signed with is added to `tokens`. Not an async function:
   * where signing is synchronous (node:crypto) the attempt costs no extra promise.
   */
  function send(request: Outgoing, offsetMs: number, signal: AbortSignal, tokens: string[]) {
    const go = (headers: Record<string, string>): Promise<Response> => {
      if (request.signed) {
        const token = headers["API-TOKEN"] as string;
        keepLast(tokens, token);
        keepLast(recentTokens, token);
      }
      // The signature covers the URL: a redirect would need a new one, so it is reported instead.
      const init: RequestInit = {
        method: request.method,
        headers,
        body: request.body,
        signal,
        redirect: "manual",
      };
      // Called as fetch is: building a Request here would cost as much as the rest of the call.
      return config.fetch ? config.fetch(request.url, init) : fetch(request.url, init);
    };
    if (!request.signed) return go(request.headers);
    const signed = signHeaders(
      request.method,
      request.url,
      request.body,
      new Date(config.credentials.now().getTime() + offsetMs),
      request.headers,
    );
    return signed instanceof Promise ? signed.then(go) : go(signed);
  }

  /** The attempts of one call, aborted by the call's signal or the client's. */
  function exchange(request: Outgoing, options: ResolvedCallOptions): Promise<Exchange> {
    // Without both there is nothing to combine, and no promise is added to the call.
    if (!config.signal || !options.signal) {
      return attempts(request, options, options.signal ?? config.signal);
    }
    const both = either(config.signal, options.signal);
    return attempts(request, options, both.signal).finally(both.dispose);
  }

  async function attempts(
    request: Outgoing,
    options: ResolvedCallOptions,
    signal: AbortSignal | undefined,
  ): Promise<Exchange> {
    const limits = {
      maxRetries: options.maxRetries,
      retryDelayMs: config.retryDelayMs,
      maxRetryDelayMs: config.maxRetryDelayMs,
    };
    const aborted = (attempts: number) =>
      new SignereIdAbortError(
        `The call was aborted by its signal (${plural(attempts)}); the reason is the error's cause.`,
        { cause: signal?.reason },
      );
    const wait = (ms: number, attempts: number) =>
      sleep(ms, signal).catch(() => {
        throw aborted(attempts);
      });
    let skewRefreshed = false;
    let retries = 0;
    const tokens: string[] = [];
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw aborted(attempt - 1);
      const deadline = startDeadline(options.timeoutMs, signal);
      // Signing reads the offset inside send(): this is the one this attempt is signed with.
      const signedOffsetMs = clockOffsetMs;
      let response: Response;
      let text: string;
      try {
        response = await send(request, signedOffsetMs, deadline.signal, tokens);
        text = await readCappedText(response, config.maxResponseBytes);
      } catch (error) {
        if (signal?.aborted) throw aborted(attempt);
        if (error instanceof SignereIdError) throw error;
        const failure = deadline.timedOut()
          ? new SignereIdTimeoutError(
              `The SignereID API did not answer within ${options.timeoutMs} ms (${plural(attempt)}). Check the network and the base URL, or raise timeoutMs.`,
              { attempts: attempt, timeoutMs: options.timeoutMs },
            )
          : networkError(error, attempt, secretsWith(tokens)());
        const decision = retryDecision(request.method, failure, ++retries, undefined, limits);
        if (!decision.retry) throw failure;
        await wait(decision.delayMs, attempt);
        continue;
      } finally {
        deadline.dispose();
      }
      if (response.ok) {
        return { response, secrets: secretsWith(tokens), text, attempts: attempt, skewNote: "" };
      }

      const skew = clockSkew(
        response.headers.get("date"),
        config.credentials.now().getTime(),
        signedOffsetMs,
        config.maxClockSkewMs,
      );
      const correct =
        request.signed &&
        config.correctClockSkew &&
        (response.status === 401 || response.status === 403);
      if (correct && !skewRefreshed && skew?.offsetMs !== undefined) {
        skewRefreshed = true;
        clockOffsetMs = skew.offsetMs;
        continue;
      }
      const decision = retryDecision(
        request.method,
        response.status,
        retries + 1,
        response.headers,
        limits,
      );
      if (decision.retry) {
        retries++;
        await wait(decision.delayMs, attempt);
        continue;
      }
      return {
        response,
        secrets: secretsWith(tokens),
        text,
        attempts: attempt,
        skew,
        skewNote: skewRefreshed
          ? ", even after one retry with the server's time"
          : correct
            ? `; its Date is over maxClockSkewMs (${config.maxClockSkewMs} ms) away, so it was not adopted`
            : "",
        retryAfterMs: decision.retryAfterMs,
      };
    }
  }

  return {
    get clockOffsetMs() {
      return clockOffsetMs;
    },

    /** The local clock and the bound on any offset adopted from the server (core/clock-skew.ts). */
    clock: {
      now: () => config.credentials.now().getTime(),
      maxSkewMs: config.maxClockSkewMs,
      /** Sets the offset; the caller has checked it against maxSkewMs. */
      setOffset(offsetMs: number) {
        clockOffsetMs = offsetMs;
      },
    },

    /** A typed call: validated before any I/O, its result read and checked, errors thrown. */
    async call(op: Operation, input: CallInput, callOptions: CallOptions = {}): Promise<unknown> {
      const options = resolveCallOptions(callOptions, defaults);
      const target = buildTarget(op, input);
      if (op.bodyRule) checkBody(op.bodyRule, input.body, input.bodyName, input.bodyNames);
      const accept = input.accept ?? Object.values(op.responses)[0]?.media[0] ?? "application/json";
      const headers: Record<string, string> = { Accept: accept };
      let body: string | undefined;
      if (op.body !== undefined) {
        body = JSON.stringify(input.body);
        headers["Content-Type"] = JSON_BODY;
      }
      const early = options.signal?.aborted
        ? options.signal
        : config.signal?.aborted
          ? config.signal
          : undefined;
      if (early) {
        throw new SignereIdAbortError("The call was aborted by its signal before it started.", {
          cause: early.reason,
        });
      }
      if (op.deprecated !== undefined) {
        warnDeprecated(
          config.onDeprecation,
          `${op.method} ${op.path}`,
          deprecationMessage(op.method, op.path, op.deprecated),
        );
      }
      const request = {
        method: op.method,
        url: config.baseUrl + target,
        headers,
        body,
        signed: op.signed,
      };
      const result = await exchange(request, options);
      if (!result.response.ok) {
        throw apiError(result.response, result.text, { ...result, secrets: result.secrets() });
      }
      return readResult(op, result.response, result.text, accept, result.secrets, input.decode);
    },

    /** The attempt loop alone, for the raw client's fetch (raw.ts). */
    exchange,
    defaults,
  };
}

function keepLast(list: string[], item: string): void {
  if (list.push(item) > TOKENS_KEPT) list.shift();
}

function plural(attempts: number): string {
  return `${attempts} attempt${attempts === 1 ? "" : "s"}`;
}

function networkError(error: unknown, attempts: number, secrets: Secrets) {
  return new SignereIdNetworkError(
    `Could not reach the SignereID API (${plural(attempts)})${describeCause(error)}. Check the network and the base URL.`,
    { attempts, cause: scrubCause(error, secrets) },
  );
}

function describeCause(error: unknown): string {
  const inner = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof inner?.code === "string" ? `: ${inner.code}` : "";
}

// undici keeps the unparsed bytes of a malformed response on the cause (`data`): server text.
function scrubCause(error: unknown, secrets: Secrets): unknown {
  let cause = error as { cause?: unknown; data?: unknown } | undefined;
  for (let depth = 0; depth < 4 && cause instanceof Object; depth++, cause = cause.cause as never) {
    if (typeof cause.data === "string") cause.data = excerpt(cause.data, secrets);
  }
  return error;
}
