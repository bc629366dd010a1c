// The per-attempt deadline (core/deadline.ts): shared slots must never time an attempt out early,
// at most a slot late, and must not outlive their attempts. Fake timers and clock: exact, no waits.
import { getEventListeners } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startDeadline } from "../src/core/deadline.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

describe("per-attempt deadlines", () => {
  it.each([
    [30_000, 100],
    [500, 50],
    [5, 1],
  ])(
    "a %i ms limit fires no earlier than the limit and at most a slot (%i ms) later, from any start in the window",
    (timeoutMs, slotMs) => {
      for (const offset of [0, slotMs - 1]) {
        // To the start of a window well after the last one.
        const now = performance.now();
        vi.advanceTimersByTime(Math.ceil(now / slotMs) * slotMs + 10 * slotMs - now);
        const first = startDeadline(timeoutMs);
        vi.advanceTimersByTime(offset);
        const later = startDeadline(timeoutMs);
        vi.advanceTimersByTime(timeoutMs - 1);
        expect(later.signal.aborted).toBe(false);
        expect(later.timedOut()).toBe(false);
        vi.advanceTimersByTime(slotMs + 1 - offset);
        expect(first.signal.aborted).toBe(true);
        expect(later.timedOut()).toBe(true);
        expect((later.signal.reason as DOMException).name).toBe("TimeoutError");
        first.dispose();
        later.dispose();
      }
    },
  );

  it("shares one signal among at most 8 attempts of a window, and a new window gets its own", () => {
    const deadlines = Array.from({ length: 9 }, () => startDeadline(30_000));
    const signals = new Set(deadlines.map((d) => d.signal));
    expect(signals.size).toBe(2);
    expect(deadlines[7]?.signal).toBe(deadlines[0]?.signal);
    vi.advanceTimersByTime(100);
    const next = startDeadline(30_000);
    expect(signals.has(next.signal)).toBe(false);
    for (const d of [...deadlines, next]) d.dispose();
  });

  it("drops a slot's timer once its attempts are over and no attempt can join it", () => {
    const before = vi.getTimerCount();
    const full = Array.from({ length: 8 }, () => startDeadline(30_000));
    expect(vi.getTimerCount()).toBe(before + 1);
    for (const d of full) d.dispose();
    expect(vi.getTimerCount()).toBe(before);
  });

  it("a limit near setTimeout's maximum is not rounded past it", () => {
    const deadline = startDeadline(2 ** 31 - 1);
    vi.advanceTimersByTime(1000);
    expect(deadline.signal.aborted).toBe(false);
    deadline.dispose();
  });

  it("with a caller's signal: aborted by either, the reason kept, no listener left behind", () => {
    const caller = new AbortController();
    const deadline = startDeadline(30_000, caller.signal);
    caller.abort(new Error("stop"));
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toEqual(new Error("stop"));
    expect(deadline.timedOut()).toBe(false);
    deadline.dispose();
    expect(getEventListeners(caller.signal, "abort")).toHaveLength(0);

    const other = new AbortController();
    const timed = startDeadline(50, other.signal);
    vi.advanceTimersByTime(56);
    expect(timed.timedOut()).toBe(true);
    expect(timed.signal.aborted).toBe(true);
    timed.dispose();
    expect(getEventListeners(other.signal, "abort")).toHaveLength(0);
  });
});

// Attack review of issue 15: slots are kept by time limit, so a caller whose limit varies per call
// (a remaining budget, `deadline - performance.now()`) must not leave one slot per value behind.
describe("attack: shared slots under distinct limits and a stepped clock", () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;

  it("attack: a slot is not kept once its limit has passed, so distinct limits do not pile up", async () => {
    // Made in a function of its own: a suspended async function keeps its stale registers.
    const signals = distinctLimits(50);
    vi.advanceTimersByTime(1200);
    // A WeakRef holds its target until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(signals.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  });

  it("attack: a slot replaced by the next window, its attempts over, leaves no timer behind", () => {
    const before = vi.getTimerCount();
    startDeadline(20_000).dispose();
    vi.advanceTimersByTime(100);
    const next = startDeadline(20_000);
    expect(vi.getTimerCount()).toBe(before + 1);
    next.dispose();
  });

  it("attack: after the wall clock steps back into a past window, an attempt does not join a slot that already timed out", () => {
    vi.setSystemTime(2_000_000);
    startDeadline(1000).dispose();
    vi.advanceTimersByTime(1200);
    // NTP (or a test's clock) steps the wall clock back to when the first attempt started: the
    // windows follow the monotonic clock, which does not step.
    vi.setSystemTime(2_000_000);
    const later = startDeadline(1000);
    expect(later.signal.aborted).toBe(false);
    expect(later.timedOut()).toBe(false);
    later.dispose();
  });
});

describe("idle slots are bounded", () => {
  it("attack: a limit that differs on every call (a remaining budget) keeps at most 16 idle timers", () => {
    const before = vi.getTimerCount();
    for (let i = 0; i < 500; i++) startDeadline(30_000 + i).dispose();
    expect(vi.getTimerCount() - before).toBeLessThanOrEqual(16);
  });
});

/** `count` attempts, each with a limit of its own, over at once: weak references to their signals. */
function distinctLimits(count: number): WeakRef<AbortSignal>[] {
  const signals: WeakRef<AbortSignal>[] = [];
  for (let i = 0; i < count; i++) {
    const deadline = startDeadline(1000 + i / 7);
    signals.push(new WeakRef(deadline.signal));
    deadline.dispose();
  }
  return signals;
}
