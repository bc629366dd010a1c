// client.syncClock(): the vendor's own way to sign with the server's clock (its examples took
// API-TIMESTAMP from GET /api/Status/ServerTime). The offset is bounded like the skew
// correction (maxClockSkewMs): a hostile or broken server cannot push the clock years away.
import type { Core } from "../core/request.js";
import { SignereIdResponseFormatError } from "../errors.js";
import type { CallOptions } from "../options.js";
import { getServerTime } from "./get-server-time.js";

export async function syncClock(core: Core, options?: CallOptions): Promise<number> {
  const before = core.clock.now();
  const { time, raw } = await getServerTime(core, options);
  const after = core.clock.now();
  // The server answered, on average, halfway through the exchange; a time in whole seconds is
  // (most likely) cut, not rounded, so the server's clock was on average half a second later.
  const serverMs = time.getTime() + (raw.includes(".") ? 0 : 500);
  const offsetMs = Math.round(serverMs - (before + after) / 2);
  if (!(Math.abs(offsetMs) <= core.clock.maxSkewMs)) {
    throw new SignereIdResponseFormatError(
      `The server's time is ${Math.round(offsetMs / 1000)} s from this machine's clock, more than maxClockSkewMs (${core.clock.maxSkewMs} ms): it was not adopted. Fix this machine's clock, or check the base URL.`,
      { problem: "implausible-time" },
    );
  }
  core.clock.setOffset(offsetMs);
  return offsetMs;
}
