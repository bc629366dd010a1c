// One attempt's time limit, combined with the caller's AbortSignal. In Node 20 an AbortController
// costs more than the rest of a call (every AbortSignal is made transferable; the benchmarks
// show it), so attempts that start close together share one controller and one timer: an attempt
// times out between timeoutMs and timeoutMs plus a slot (at most 100 ms, a tenth of short
// limits) after it starts, never earlier. Only a caller's own signal needs a controller
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
  /** The window of start times it serves (performance.now() / slot length, rounded down). */
  window: number;
  /** The time limit it serves (its key in `open`). */
  timeoutMs: number;
  /** Attempts that joined, and those not yet over. */
  users: number;
  active: number;
}

const MAX_SLOT_MS = 100;
const MAX_TIMER_MS = 2 ** 31 - 1;
// fetch adds a listener to the signal per request and counts them all each time (a copy of the
// list): a few attempts per slot keep that cheap. A slot no attempt can join any more is dropped
// once its attempts are over, so its controller dies young instead of living as long as the limit;
// a slot still open lives until it is replaced, dropped as idle, or its timer fires.
const MAX_SLOT_USERS = 8;
// Idle open slots kept for reuse, across all limits: a caller whose limit differs on every call
// (a remaining budget) would otherwise keep a timer per call until it fires.
const MAX_IDLE_SLOTS = 16;
/** The slot attempts may join, by time limit. */
const open = new Map<number, Slot>();

function joinSlot(timeoutMs: number): Slot {
  // Attempts that start in the same window share a timer set to timeoutMs plus the window, from
  // the first one's start: never early for any of them. One fixed delay per time limit also
  // keeps Node's timer lists to one per limit.
  let slotMs = Math.max(1, Math.min(MAX_SLOT_MS, Math.floor(timeoutMs / 10)));
  // setTimeout turns a delay over 2^31 - 1 ms into 1 ms: a limit that near it is not shared.
  if (timeoutMs + slotMs > MAX_TIMER_MS) slotMs = 0;
  // The monotonic clock: a wall clock stepped back could reopen a window already spent.
  const window = slotMs ? Math.floor(performance.now() / slotMs) : Number.NaN;
  let slot = open.get(timeoutMs);
  if (!slot || slot.window !== window) {
    // A replaced slot none of whose attempts is running has no more use for its timer.
    if (slot?.active === 0) clearTimeout(slot.timer);
    if (open.size >= MAX_IDLE_SLOTS) dropIdleSlots();
    const controller = new AbortController();
    const timer = setTimeout(() => {
      // Dropped as it fires: a limit used once (a remaining budget, say) leaves nothing behind.
      if (open.get(timeoutMs)?.controller === controller) open.delete(timeoutMs);
      controller.abort(new DOMException("The attempt's time limit passed", "TimeoutError"));
    }, timeoutMs + slotMs);
    // Never keep a process alive for a timer alone.
    (timer as { unref?: () => void }).unref?.();
    slot = { controller, timer, window, timeoutMs, users: 0, active: 0 };
    open.set(timeoutMs, slot);
  }
  slot.active++;
  if (++slot.users === MAX_SLOT_USERS) open.delete(timeoutMs);
  return slot;
}

function dropIdleSlots(): void {
  for (const [timeoutMs, slot] of open) {
    if (slot.active > 0) continue;
    clearTimeout(slot.timer);
    open.delete(timeoutMs);
  }
}

function leaveSlot(slot: Slot): void {
  if (--slot.active === 0 && open.get(slot.timeoutMs) !== slot) clearTimeout(slot.timer);
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
