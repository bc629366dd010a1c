// Clock-skew policy: when a refused request's `Date` says the signing clock is off, and whether
// the server's clock is believable enough to adopt. The allowed skew is undocumented and `Date`
// has 1 s resolution, hence the 5 s threshold. A `Date` further from this machine's clock than
// maxClockSkewMs is never adopted: a hostile server could otherwise push the clock years away
// (and harvest tokens signed for future timestamps) or past year 9999.

const THRESHOLD_MS = 5000;

export interface ClockSkew {
  /** The server's clock minus the clock the request was signed with, in ms. */
  skewMs: number;
  /** The offset to add to this machine's clock to match the server's; undefined when beyond the bound. */
  offsetMs?: number;
}

/**
 * Judged against the offset that request was signed with, not the client's current one: a
 * concurrent call may have corrected the shared offset meanwhile, and this request still needs
 * its own retry.
 */
export function clockSkew(
  date: string | null,
  localNowMs: number,
  signedOffsetMs: number,
  maxSkewMs: number,
): ClockSkew | undefined {
  const serverMs = Date.parse(date ?? "");
  const skewMs = serverMs - localNowMs - signedOffsetMs;
  if (!(Math.abs(skewMs) >= THRESHOLD_MS)) return undefined; // also NaN: no or unreadable Date
  const offsetMs = serverMs - localNowMs;
  return { skewMs, offsetMs: Math.abs(offsetMs) <= maxSkewMs ? offsetMs : undefined };
}
