// One attempt's time limit, combined with the caller's AbortSignal. A plain AbortController and
// a cleared timer: in Node 20, AbortSignal.timeout and AbortSignal.any cost more per call than
// the rest of the client together (weak references and finalizers), see BENCHMARKS.md.

export interface Deadline {
  signal: AbortSignal;
  timedOut(): boolean;
  /** Stops the timer and detaches from the caller's signal. Call once the attempt is over. */
  dispose(): void;
}

export function startDeadline(timeoutMs: number, callerSignal?: AbortSignal): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, "TimeoutError"));
  }, timeoutMs);
  // Never keep a process alive for a timer alone.
  (timer as { unref?: () => void }).unref?.();
  const onAbort = () => controller.abort(callerSignal?.reason);
  callerSignal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onAbort);
    },
  };
}
