// GET /api/SignereId/Completed/{RequestId}: whether the session is completed. The body is not
// documented: a bare JSON boolean and the successor's {"Done": bool} are both accepted.
import type { Core } from "../core/request.js";
import { operations } from "../generated/operations.gen.js";
import type { CallOptions } from "../options.js";

export function getSignereIdSessionCompleted(
  core: Core,
  requestId: string,
  options?: CallOptions,
): Promise<boolean> {
  return core.call(
    operations.getSignereIdSessionCompleted,
    { path: { RequestId: requestId }, decode: completed },
    options,
  ) as Promise<boolean>;
}

function completed(value: unknown, fail: (why: string) => never): boolean {
  if (typeof value === "boolean") return value;
  const done = (value as { Done?: unknown } | null)?.Done;
  if (typeof done === "boolean") return done;
  return fail('a body that is neither a JSON boolean nor an object {"Done": true|false}');
}
