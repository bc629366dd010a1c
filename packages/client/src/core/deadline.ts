// One attempt's time limit, combined with the caller's AbortSignal. In Node 20 an AbortController
// costs more than the rest of a call (every AbortSignal is made transferable; the benchmarks
// show it), so attempts whose deadlines fall in the same slot share one controller and one timer:
// an attempt times out between timeoutMs and timeoutMs plus a slot (at most 100 ms, a tenth of
// short limits) after it starts, never earlier. Only a caller's own signal needs a controller
// per attempt, aborted by whichever comes first.

export interface Deadline {
  signal: AbortSignal;
  timedOut(): boolean;
  /** Detaches from the slot and the caller's signal. Call once the attempt is over. */
  dispose(): void;
}

interface Slot {
  controller: AbortController;
  timer: ReturnType<typeof setTimeout>;
  /** Attempts that joined, and those not yet over. */
  users: number;
  active: number;
}

const MAX_SLOT_MS = 100;
const MAX_TIMER_MS = 2 ** 31 - 1;
// fetch adds a listener to the signal per request and counts them all each time (a copy of the
// list): a few attempts per slot keep that cheap. A full slot is dropped once its attempts are
// over, so its controller dies young instead of living as long as the time limit.
const MAX_SLOT_USERS = 8;
/** The slots attempts may still join, by the time they fire. */
const open = new Map<number, Slot>();

function joinSlot(timeoutMs: number): Slot {
  const slotMs = Math.max(1, Math.min(MAX_SLOT_MS, Math.floor(timeoutMs / 10)));
  const now = Date.now();
  const rounded = Math.ceil((now + timeoutMs) / slotMs) * slotMs;
  // setTimeout turns a delay over 2^31 - 1 ms into 1 ms: a limit that near it is not rounded up.
  const fireAt = rounded - now > MAX_TIMER_MS ? now + timeoutMs : rounded;
  let slot = open.get(fireAt);
  if (!slot) {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      if (open.get(fireAt) === slot) open.delete(fireAt);
      controller.abort(new DOMException("The attempt's time limit passed", "TimeoutError"));
    }, fireAt - now);
    // Never keep a process alive for a timer alone.
    (timer as { unref?: () => void }).unref?.();
    slot = { controller, timer, users: 0, active: 0 };
    open.set(fireAt, slot);
  }
  slot.active++;
  if (++slot.users === MAX_SLOT_USERS) open.delete(fireAt);
  return slot;
}

function leaveSlot(slot: Slot): void {
  if (--slot.active === 0 && slot.users === MAX_SLOT_USERS) clearTimeout(slot.timer);
}

export function startDeadline(timeoutMs: number, callerSignal?: AbortSignal): Deadline {
  const slot = joinSlot(timeoutMs);
  const time = slot.controller.signal;
  if (!callerSignal) {
    return { signal: time, timedOut: () => time.aborted, dispose: () => leaveSlot(slot) };
  }
  const controller = new AbortController();
  const onTime = () => controller.abort(time.reason);
  const onCaller = () => controller.abort(callerSignal.reason);
  time.addEventListener("abort", onTime, { once: true });
  callerSignal.addEventListener("abort", onCaller, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => time.aborted && !callerSignal.aborted,
    dispose() {
      leaveSlot(slot);
      time.removeEventListener("abort", onTime);
      callerSignal.removeEventListener("abort", onCaller);
    },
  };
}
