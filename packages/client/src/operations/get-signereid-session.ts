// GET /api/SignereId/{RequestId}: the session, as JSON or XML (the same object either way).
import type { Core } from "../core/request.js";
import { invalid } from "../errors.js";
import { operations } from "../generated/operations.gen.js";
import type { CallOptions } from "../options.js";
import type { SignereIdSession } from "../types.js";

export interface GetSignereIdSessionOptions extends CallOptions {
  /** Include MetaData. Always sent explicitly (`metadata=true|false`). Default false. */
  metadata?: boolean;
  /** Ask for JSON (default) or XML; either way the result is the same object. */
  format?: "json" | "xml";
}

const ACCEPT = { json: "application/json", xml: "application/xml" } as const;

export async function getSignereIdSession(
  core: Core,
  requestId: string,
  options: GetSignereIdSessionOptions = {},
): Promise<SignereIdSession> {
  const format = options?.format ?? "json";
  if (!Object.hasOwn(ACCEPT, format)) throw invalid("format", 'must be "json" or "xml".');
  return core.call(
    operations.getSignereIdSession,
    {
      path: { RequestId: requestId },
      query: { metadata: options?.metadata ?? false },
      accept: ACCEPT[format],
    },
    options,
  ) as Promise<SignereIdSession>;
}
