// PUT /api/SignereId/Invalidate with {"RequestId": …}, signed over the body. The response body
// is not documented: any 2xx is success, its body is not parsed (it is still read under the
// size cap).
import type { Core } from "../core/request.js";
import { operations } from "../generated/operations.gen.js";
import type { CallOptions } from "../options.js";

export async function invalidateSignereIdSession(
  core: Core,
  requestId: string,
  options?: CallOptions,
): Promise<void> {
  await core.call(
    operations.invalidateSignereIdSession,
    { body: { RequestId: requestId }, bodyNames: { RequestId: "requestId" } },
    options,
  );
}
