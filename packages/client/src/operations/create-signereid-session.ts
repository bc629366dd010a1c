// POST /api/SignereId: a new session. The body is checked against the spec's rules before any
// I/O (core/body-rules.ts), serialised once, signed over those bytes, and never retried once it
// may have reached the server (core/retry.ts).
import type { Core } from "../core/request.js";
import { operations } from "../generated/operations.gen.js";
import type { CallOptions } from "../options.js";
import type { SignereIdCreateRequest, SignereIdCreateResponse } from "../types.js";

export function createSignereIdSession(
  core: Core,
  request: SignereIdCreateRequest,
  options?: CallOptions,
): Promise<SignereIdCreateResponse> {
  return core.call(
    operations.createSignereIdSession,
    { body: request },
    options,
  ) as Promise<SignereIdCreateResponse>;
}
