import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../../src/feed/fetch/fetch-feed.ts';
import { Announcer } from '../../../src/announcing/announcer.ts';
import { isLocalFeed, nextPollDelay } from '../../../src/following/backoff.ts';
import { FeedPoller } from '../../../src/following/feed-poller.ts';
import { FeedService } from '../../../src/following/feed-service.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { shippedCatalog } from '../../helpers/bot.ts';
import { memoryLibrary } from '../../helpers/library.ts';
import { rssFeed, weeklyItems } from '../../helpers/rss.ts';

/** A pino logger whose JSON lines land in `lines`. */
function capturingLog() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), lines };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function world(feedPath: string) {
  const store = SqliteStore.open(':memory:');
  const library = await memoryLibrary(shippedCatalog());
  const { log, lines } = capturingLog();
  const poller = new FeedPoller(
    { feedUrl: feedPath, announceOnFirstPoll: 1, maxBacklog: 3, backCatalogToleranceMs: 2 * 86_400_000 },
    { store, library, fetch: (u, v) => fetchFeed(u, v), log },
  );
  const announcer = new Announcer(store, library, log);
  cleanups.push(() => store.close());
  return { store, library, poller, announcer, log, lines };
}

describe('feed health', () => {
  it('logs the same consecutive-failure count as the database holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-health-'));
    const w = await world(join(dir, 'missing.xml'));
    for (let i = 0; i < 3; i++) await w.poller.poll();
    const logged = w.lines.filter((l) => l['msg'] === 'feed poll failed').map((l) => l['failures']);
    expect(logged).toEqual([1, 2, 3]);
    expect((await w.store.feedState.get(join(dir, 'missing.xml'))).consecutiveFailures).toBe(3);
  });

  it('retries a local feed file on the poll interval, without backoff, so a file that appears later is read at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-health-'));
    const feedPath = join(dir, 'feed.xml');
    const w = await world(feedPath);
    const service = new FeedService({ feedUrl: feedPath, intervalMs: 300 }, { store: w.store, library: w.library, poller: w.poller, announcer: w.announcer, log: w.log });
    service.start();
    cleanups.push(() => service.stop());
    await new Promise((r) => setTimeout(r, 700));
    expect((await w.store.feedState.get(feedPath)).consecutiveFailures).toBeGreaterThanOrEqual(2);
    writeFileSync(feedPath, rssFeed(weeklyItems(2)));
    const appeared = Date.now();
    while ((await w.store.feedState.get(feedPath)).lastSuccessAt === null) {
      if (Date.now() - appeared > 5_000) throw new Error('the feed file was not read within 5 s of appearing');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await w.library.search('quokka')).total).toBe(2);
  });

  it('backs off only for feeds on the network', () => {
    const input = { intervalMs: 2_000, consecutiveFailures: 4, random: () => 1 };
    expect(nextPollDelay({ ...input, local: true })).toBe(2_000);
    expect(nextPollDelay(input)).toBeGreaterThan(2_000);
    expect([isLocalFeed('./feed.xml'), isLocalFeed('file:///srv/feed.xml'), isLocalFeed('https://x.example/feed'), isLocalFeed(' HTTP://x')]).toEqual([true, true, false, false]);
  });
});
