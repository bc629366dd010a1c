// GET /api/Status/ServerTime, unsigned: the server's UTC time as a JSON string with 1 s
// resolution and no zone ("2017-06-13T21:20:13"). Read as UTC; a fraction or a trailing Z is
// accepted too; anything else is a format error.
import type { Core } from "../core/request.js";
import { operations } from "../generated/operations.gen.js";
import type { CallOptions } from "../options.js";
import type { SignereIdServerTime } from "../types.js";

export function getServerTime(core: Core, options?: CallOptions): Promise<SignereIdServerTime> {
  return core.call(
    operations.getServerTime,
    { decode: (value, fail) => parseServerTime(value as string) ?? fail(FORMAT) },
    options,
  ) as Promise<SignereIdServerTime>;
}

const FORMAT = "a time that is not yyyy-MM-ddTHH:mm:ss (UTC)";
const TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?Z?$/;

/** The time, or undefined when `raw` is not one (including dates like 2017-02-30). */
export function parseServerTime(raw: string): SignereIdServerTime | undefined {
  const [, seconds, fraction = ""] = TIME.exec(raw) ?? [];
  // ECMAScript's own date format, which every engine reads. A day or an hour out of range
  // (2017-02-30, 24:00) either fails or rolls over, and then does not read back the same: refused.
  const time = new Date(`${seconds}.${fraction.padEnd(3, "0").slice(0, 3)}Z`);
  return seconds && !Number.isNaN(time.getTime()) && time.toISOString().startsWith(seconds)
    ? { time, raw }
    : undefined;
}
