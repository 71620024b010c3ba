/** Percentiles of our own, where the harness gives none (spawned processes, concurrent requests, a whole mix), and a load pool. */

/** The p-th percentile (0–100) of samples, nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** p50, p99, mean and count of samples, in their unit. */
export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Summarises samples. */
export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  return {
    n,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: n === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / n,
    max: n === 0 ? Number.NaN : Math.max(...samples),
  };
}

/**
 * Runs `task(0)`…`task(total - 1)` with at most `concurrency` in flight; `task` must not reject.
 * Stops starting new tasks once `stop()` returns true.
 */
export async function runPool(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total && !stop()) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, total)) }, worker));
}
