// Interleaved measurement: on a shared machine a single run swings by tens of percent between
// time slices, so every case runs once per round, in a shuffled order, and each is judged by its
// ratio to a control measured in the same round. Medians of those ratios, with their spread.
// Each slice starts from a collected heap (node --expose-gc), so no case pays for another's garbage.

// What a slice is timed with: this process's CPU time (user + system: client, loopback server and
// kernel) by default, which other processes on a shared machine barely move; BENCH_CLOCK=wall
// times it by the wall clock instead (what a quiet, dedicated machine would see).
const CPU_CLOCK = process.env.BENCH_CLOCK !== "wall";
export const CLOCK = CPU_CLOCK ? "calls per CPU second" : "calls/s";

/** Calls `fn` (a batch of `batch` calls) for `ms` milliseconds; returns calls per second. */
async function rate(fn, ms, batch) {
  globalThis.gc?.();
  let calls = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + ms;
  let now = start;
  while (now < end) {
    await fn();
    calls += batch;
    now = performance.now();
  }
  if (!CPU_CLOCK) return (calls * 1000) / (now - start);
  const used = process.cpuUsage(cpu);
  return (calls * 1e6) / (used.user + used.system);
}

// A fixed seed: the same orders in every run, different in every round.
function shuffled(length, seed) {
  const order = Array.from({ length }, (_, i) => i);
  let state = seed;
  for (let i = length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Runs `cases` ([name, fn] pairs, the first one the control) for `rounds` rounds of `sliceMs`
 * each, after one warm-up slice per case. Returns per-case arrays of calls per second, one entry
 * per round, in the cases' order.
 */
export async function interleave(cases, { rounds, sliceMs, batch = 1 }) {
  for (const [, fn] of cases) await rate(fn, sliceMs, batch);
  const samples = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const index of shuffled(cases.length, round + 1)) {
      samples[index].push(await rate(cases[index][1], sliceMs, batch));
    }
  }
  return samples;
}

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
}

export const median = (values) => quantile(values, 0.5);

/** Median and interquartile range of the per-round ratios a[i] / b[i]. */
export function ratio(a, b) {
  const ratios = a.map((value, i) => value / b[i]);
  return {
    median: quantile(ratios, 0.5),
    low: quantile(ratios, 0.25),
    high: quantile(ratios, 0.75),
  };
}

export const formatRatio = ({ median, low, high }) =>
  `${median.toFixed(2)}× (${low.toFixed(2)}–${high.toFixed(2)})`;
