// GET /api/Status/ServerTime, unsigned: the server's UTC time as a JSON string with 1 s
// resolution and no zone ("2017-06-13T21:20:13"). Read as UTC; a fraction or a trailing Z is
// accepted too; anything else is a format error.
import type { Core } from "../core/request.js";
import { operations } from "../generated/operations.gen.js";
import type { CallOptions } from "../options.js";
import type { SignereIdServerTime } from "../types.js";

export async function getServerTime(
  core: Core,
  options?: CallOptions,
): Promise<SignereIdServerTime> {
  return (await core.call(
    operations.getServerTime,
    { decode: (value, fail) => parseServerTime(value as string) ?? fail(FORMAT) },
    options,
  )) as SignereIdServerTime;
}

const FORMAT = "a time that is not yyyy-MM-ddTHH:mm:ss (UTC)";
const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?Z?$/;

/** The time, or undefined when `raw` is not one (including dates like 2017-02-30). */
export function parseServerTime(raw: string): SignereIdServerTime | undefined {
  const match = TIME.exec(raw);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((match[7] ?? "").padEnd(3, "0").slice(0, 3));
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  // Date.UTC rolls 2017-02-30 over to March (and years below 100 to the 1900s): refused.
  const fields = [
    time.getUTCFullYear(),
    time.getUTCMonth() + 1,
    time.getUTCDate(),
    time.getUTCHours(),
    time.getUTCMinutes(),
    time.getUTCSeconds(),
  ];
  if (fields.join() !== [year, month, day, hour, minute, second].join()) return undefined;
  return { time, raw };
}
