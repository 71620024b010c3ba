/**
 * Latency of one operation over a fixed list of inputs, with tinybench: each
 * input run once per measured pass (after a warm-up over other inputs), its
 * samples kept so several lists can be summarised together.
 */
import { Bench } from 'tinybench';
import { fullGc } from './gc.ts';
import { summarize, type Summary } from './stats.ts';

/** Whether a value is a promise (an asynchronous operation's result). */
const isPromise = (x: unknown): x is PromiseLike<unknown> => typeof (x as PromiseLike<unknown> | null)?.then === 'function';

/** Per-group percentiles of our own from the same run (tinybench keeps its samples sorted, not by input). */
export type Grouped<G extends string> = Record<G, Summary>;

/**
 * Like {@link measure}, over inputs of several groups run interleaved in
 * one tinybench task (so pauses and warm-up effects fall on every group
 * alike), each call also timed here to give each group its percentiles.
 */
export async function measureGroups<T, G extends string>(
  name: string,
  inputs: readonly T[],
  groupOf: (input: T) => G,
  run: (input: T) => unknown,
  warmup: readonly T[] = [],
): Promise<{ all: Measured; groups: Grouped<G> }> {
  const own = new Map<G, number[]>();
  let async = false;
  for (const w of warmup) {
    const result = run(w);
    if (isPromise(result)) {
      async = true;
      await result;
    }
  }
  const all = await measure(name, inputs, (input) => {
    const t = performance.now();
    const record = () => {
      const ms = performance.now() - t;
      const g = groupOf(input);
      (own.get(g) ?? own.set(g, []).get(g)!).push(ms);
    };
    const result = run(input);
    if (!isPromise(result)) return record();
    return Promise.resolve(result).then(record);
  }, [], async);
  const groups = Object.fromEntries([...own].map(([g, xs]) => [g, summarize(xs)])) as Grouped<G>;
  return { all, groups };
}

/** tinybench's p50/p99 for a list, plus its samples. */
export interface Measured extends Summary {
  samples: number[];
}

/**
 * Runs `run` on every input once (and `warmup` inputs before, unmeasured),
 * timing each call with tinybench (awaited when `run` returns a promise:
 * known from the warm-up, or said by `isAsync`).
 * Returns tinybench's latency percentiles.
 */
export async function measure<T>(name: string, inputs: readonly T[], run: (input: T) => unknown, warmup: readonly T[] = [], isAsync?: boolean): Promise<Measured> {
  let async = isAsync ?? false;
  for (const w of warmup) {
    const result = run(w);
    if (isPromise(result)) {
      async = true;
      await result;
    }
  }
  fullGc();
  let i = 0;
  const bench = new Bench({ name, iterations: inputs.length, time: 0, warmup: false, retainSamples: true, throws: true });
  if (async) {
    bench.add(name, async () => {
      await run(inputs[i++ % inputs.length]!);
    }, { async: true });
  } else {
    bench.add(name, () => {
      run(inputs[i++ % inputs.length]!);
    }, { async: false });
  }
  await bench.run();
  const result = bench.tasks[0]!.result;
  if (result.state !== 'completed') throw new Error(`${name}: tinybench task ${result.state}`);
  const samples = [...(result.latency.samples ?? [])];
  const own = summarize(samples);
  return { ...own, n: samples.length, p50: result.latency.p50, p99: result.latency.p99, samples };
}
