// The per-attempt deadline (core/deadline.ts): shared slots must never time an attempt out early,
// at most a slot late, and must not outlive their attempts. Fake timers and clock: exact, no waits.
import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startDeadline } from "../src/core/deadline.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(1_000_000);
});
afterEach(() => vi.useRealTimers());

describe("per-attempt deadlines", () => {
  it.each([
    [30_000, 100],
    [500, 50],
    [5, 1],
  ])("a %i ms limit fires no earlier than the limit and at most a slot (%i ms) later, from any start in the window", (timeoutMs, slotMs) => {
    for (const offset of [0, slotMs - 1]) {
      vi.setSystemTime(Math.ceil(Date.now() / slotMs) * slotMs + 10 * slotMs);
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
  });

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
