import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { syntheticEpisodes, SYNTHETIC_PODCAST } from '../../../bench/synthetic/catalog.ts';
import { CATALOG_FORMAT_VERSION } from '../../../src/core/model/catalog-schema.ts';
import { commonTopics, prepareDidYouMean } from '../../../commands/did-you-mean.ts';
import { memoryLibrary } from '../../helpers/library.ts';

/**
 * What a slice may hold the event loop (busy CPU time), well under a Slack ack (3 s) or a Discord heartbeat: slices
 * aim at 10 ms, and the unsliced build took 2.1 s; the margin is for a busy CI machine (GC threads count as CPU time).
 */
const MAX_BUSY_MS = 250;

/** The longest stretch the process was busy between two ticks of a 2 ms timer (CPU time, so waiting for a shared core does not count). */
function watchEventLoop() {
  let last = performance.now();
  let cpu = process.cpuUsage();
  let busiest = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    busiest = Math.max(busiest, Math.min(now - last, (used.user + used.system) / 1000));
    [last, cpu] = [now, process.cpuUsage()];
    ticks++;
  }, 2);
  return { stop: () => (clearInterval(timer), { busiest, ticks }) };
}

describe('did-you-mean topics at 10,000 episodes', () => {
  it('are built in slices that never hold the event loop long, and then offered at once', async () => {
    const episodes = [...syntheticEpisodes(10_000, { transcriptWords: 0 })];
    const library = await memoryLibrary({ version: CATALOG_FORMAT_VERSION, podcast: SYNTHETIC_PODCAST, episodes });
    // Asked before the build: a big catalog does not build at once, so nothing yet.
    expect(commonTopics(library, 3)).toEqual([]);

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const watch = watchEventLoop();
    await prepareDidYouMean(library);
    delay.disable();
    const { busiest, ticks } = watch.stop();

    expect(ticks).toBeGreaterThan(3);
    expect(busiest).toBeLessThan(MAX_BUSY_MS);
    const topics = commonTopics(library, 8);
    expect(topics.length).toBe(8);
    // The synthetic chapters ("Introduction", "Outro", "Three tips …") are in most episodes.
    expect(topics).toContain('introduction');
  }, 120_000);

  it('answer with the previous topics while the changed catalog is built again, then with the new ones', async () => {
    const episodes = [...syntheticEpisodes(2_000, { transcriptWords: 0 })];
    const library = await memoryLibrary({ version: CATALOG_FORMAT_VERSION, podcast: SYNTHETIC_PODCAST, episodes: episodes.slice(1) });
    await prepareDidYouMean(library);
    const before = commonTopics(library, 50);
    expect(before.length).toBe(50);

    const newest = { ...episodes[0]!, chapters: Array.from({ length: 3_000 }, (_, i) => ({ startSeconds: i, title: 'Zymurgy' })) };
    await library.upsert([newest]);
    expect(commonTopics(library, 50)).toEqual(before);
    await prepareDidYouMean(library);
    expect(commonTopics(library, 1)).toEqual(['zymurgy']);
  }, 120_000);

  it('are built at once for a small catalog asked first', async () => {
    const episodes = [...syntheticEpisodes(50, { transcriptWords: 0 })];
    const library = await memoryLibrary({ version: CATALOG_FORMAT_VERSION, podcast: SYNTHETIC_PODCAST, episodes });
    expect(commonTopics(library, 3)).toContain('introduction');
  });
});
