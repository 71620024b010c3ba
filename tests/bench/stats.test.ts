import { describe, expect, it } from 'vitest';
import { percentile, runPool, summarize } from '../../bench/stats.ts';

describe('bench statistics', () => {
  it('computes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([percentile(samples, 50), percentile(samples, 99), percentile(samples, 100)]).toEqual([50, 99, 100]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(summarize([3, 1, 2])).toEqual({ n: 3, p50: 2, p99: 3, mean: 2, max: 3 });
  });

  it('keeps at most `concurrency` tasks in flight and runs each once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await runPool(23, 5, async (i) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(i);
      inFlight -= 1;
    });
    expect(peak).toBe(5);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });

  it('stops starting tasks once asked to', async () => {
    let started = 0;
    await runPool(100, 2, async () => void started++, () => started >= 10);
    expect(started).toBe(10);
  });
});
