// A call's signal and the client's: either aborts the call. Combined by hand and detached when the
// call is over: Node 20's AbortSignal.any keeps a reference on a long-lived source (the client's
// signal) for every signal made from it.

export function either(a: AbortSignal, b: AbortSignal) {
  const controller = new AbortController();
  const onA = () => controller.abort(a.reason);
  const onB = () => controller.abort(b.reason);
  if (a.aborted) onA();
  else if (b.aborted) onB();
  a.addEventListener("abort", onA, { once: true });
  b.addEventListener("abort", onB, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      a.removeEventListener("abort", onA);
      b.removeEventListener("abort", onB);
    },
  };
}
