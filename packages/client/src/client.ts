// The client: validated options, the request core, and one thin method per operation.
import { createCore } from "./core/request.js";
import {
  type GetSignereIdSessionOptions,
  getSignereIdSession,
} from "./operations/get-signereid-session.js";
import { resolveClientOptions, type SignereIdClientOptions } from "./options.js";
import type { SignereIdSession } from "./types.js";

export type { GetSignereIdSessionOptions };

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
   * @throws {SignereIdAbortError} the call's signal aborted it
   * @throws {SignereIdResponseFormatError} a 200 whose body is not a session
   */
  getSignereIdSession(
    requestId: string,
    options?: GetSignereIdSessionOptions,
  ): Promise<SignereIdSession>;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The correction applied to the local clock after the server's `Date` showed skew (ms). */
  readonly clockOffsetMs: number;
}

/** Builds a client. Throws SignereIdValidationError for bad options, before any request. */
export function createSignereIdClient(options: SignereIdClientOptions): SignereIdClient {
  const config = resolveClientOptions(options);
  const core = createCore(config);
  return {
    getSignereIdSession: (requestId, callOptions) =>
      getSignereIdSession(core, requestId, callOptions),
    baseUrl: config.baseUrl,
    get clockOffsetMs() {
      return core.clockOffsetMs;
    },
  };
}
