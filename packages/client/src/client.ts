// The client: validated options, the request core, and one thin method per operation.
import { type Core, createCore } from "./core/request.js";
import { createSignereIdSession } from "./operations/create-signereid-session.js";
import { getServerTime } from "./operations/get-server-time.js";
import {
  type GetSignereIdSessionOptions,
  getSignereIdSession,
} from "./operations/get-signereid-session.js";
import { getSignereIdSessionCompleted } from "./operations/get-signereid-session-completed.js";
import { invalidateSignereIdSession } from "./operations/invalidate-signereid-session.js";
import { syncClock } from "./operations/sync-clock.js";
import { type CallOptions, resolveClientOptions, type SignereIdClientOptions } from "./options.js";
import type {
  SignereIdCreateRequest,
  SignereIdCreateResponse,
  SignereIdServerTime,
  SignereIdSession,
} from "./types.js";

export type { GetSignereIdSessionOptions };

// Every signed method may throw: SignereIdValidationError (bad input, before any request),
// SignereIdApiError (an error status), SignereIdTimeoutError, SignereIdNetworkError,
// SignereIdAbortError, SignereIdResponseFormatError (a 2xx whose body is not the answer).
export interface SignereIdClient {
  /**
   * Creates a SignereID session: send the person to `Url`, keep `RequestId`. Signed over its
   * body; never retried once it may have reached the server.
   *
   * @deprecated Signere.no deprecated the legacy API; its successor is
   * `POST https://api.idfy.io/identification/session`.
   * @throws {SignereIdValidationError} a bad request field (named in `field`), before any request
   */
  createSignereIdSession(
    request: SignereIdCreateRequest,
    options?: CallOptions,
  ): Promise<SignereIdCreateResponse>;
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
   * @throws {SignereIdAbortError} the call's signal aborted it
   * @throws {SignereIdResponseFormatError} a 200 whose body is not a session
   */
  getSignereIdSession(
    requestId: string,
    options?: GetSignereIdSessionOptions,
  ): Promise<SignereIdSession>;
  /**
   * Whether the session is completed. The body is undocumented: a JSON boolean and
   * `{"Done": bool}` are both accepted.
   *
   * @deprecated Signere.no deprecated the legacy API.
   * @throws {SignereIdResponseFormatError} a body of neither form (`wrong-shape`)
   */
  getSignereIdSessionCompleted(requestId: string, options?: CallOptions): Promise<boolean>;
  /**
   * Invalidates the session so that it cannot be used again. Any 2xx is success, whatever its body.
   *
   * @deprecated Signere.no deprecated the legacy API.
   */
  invalidateSignereIdSession(requestId: string, options?: CallOptions): Promise<void>;
  /** The server's clock (unsigned): the time read as UTC, and the string as sent. */
  getServerTime(options?: CallOptions): Promise<SignereIdServerTime>;
  /**
   * Sets `clockOffsetMs` from getServerTime and returns it. An offset over `maxClockSkewMs` is
   * refused (SignereIdResponseFormatError, `implausible-time`) and the offset stays as it was.
   */
  syncClock(options?: CallOptions): Promise<number>;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The correction applied to the local clock, from syncClock or the server's `Date` (ms). */
  readonly clockOffsetMs: number;
}

/** Builds a client. Throws SignereIdValidationError for bad options, before any request. */
export function createSignereIdClient(options: SignereIdClientOptions): SignereIdClient {
  const config = resolveClientOptions(options);
  const core = createCore(config);
  // Each operation with this client's core as its first argument.
  const on =
    <A extends unknown[], R>(operation: (core: Core, ...args: A) => R) =>
    (...args: A) =>
      operation(core, ...args);
  return {
    createSignereIdSession: on(createSignereIdSession),
    getSignereIdSession: on(getSignereIdSession),
    getSignereIdSessionCompleted: on(getSignereIdSessionCompleted),
    invalidateSignereIdSession: on(invalidateSignereIdSession),
    getServerTime: on(getServerTime),
    syncClock: on(syncClock),
    baseUrl: config.baseUrl,
    get clockOffsetMs() {
      return core.clockOffsetMs;
    },
  };
}
