import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../../src/core/search/library.ts';
import { fetchFeed } from '../../../src/feed/fetch/fetch-feed.ts';
import { FeedPoller } from '../../../src/following/feed-poller.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { startFeedServer, type FeedServer } from '../../doubles/feed-server.ts';
import { shippedCatalog } from '../../helpers/bot.ts';
import { memoryLibrary } from '../../helpers/library.ts';
import { rssFeed, weeklyItems } from '../../helpers/rss.ts';

const log = pino({ level: 'silent' });
let server: FeedServer;
let store: SqliteStore;
let library: Library;
let poller: FeedPoller;

beforeEach(async () => {
  server = await startFeedServer(rssFeed(weeklyItems(3)));
  store = SqliteStore.open(':memory:');
  library = await memoryLibrary(shippedCatalog());
  poller = new FeedPoller(
    { feedUrl: server.url, announceOnFirstPoll: 1, maxBacklog: 3, backCatalogToleranceMs: 2 * 86_400_000 },
    { store, library, fetch: (url, v) => fetchFeed(url, v, { timeoutMs: 500, maxBytes: 2 * 1024 * 1024 }), log },
  );
});

afterEach(async () => {
  await store.close();
  await server.close();
});

/** What a failed poll must leave untouched. */
async function snapshot() {
  return { episodes: await store.episodes.count(), library: library.size, deliveries: await store.deliveries.counts(), etag: (await store.feedState.get(server.url)).etag };
}

describe('feed faults: a bad poll changes nothing but the feed’s health', () => {
  it('sends the validators back and does no work on a 304', async () => {
    await poller.poll();
    const before = await snapshot();
    expect(await poller.poll()).toEqual({ outcome: 'not-modified' });
    expect(server.lastRequest?.headers['if-none-match']).toBe(before.etag);
    expect(server.lastRequest?.status).toBe(304);
    expect(await snapshot()).toEqual(before);
  });

  const faults: Array<[string, () => void, RegExp]> = [
    ['a 500', () => server.setMode({ kind: 'status', status: 500 }), /500/],
    ['a timeout', () => server.setMode({ kind: 'hang' }), /timed out/],
    ['garbage', () => server.setMode({ kind: 'garbage', body: '\u0000\u0001 not xml at all <<<' }), /is not XML|not valid XML|not RSS/],
    ['a 50 MB body', () => server.setMode({ kind: 'huge', bytes: 50 * 1024 * 1024, contentLength: false }), /larger than 2 MiB/],
    [
      'an entity bomb',
      () =>
        server.setFeed(
          `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title></channel></rss>`,
        ),
      /entit/i,
    ],
  ];

  for (const [name, fault, message] of faults) {
    it(`records ${name} as a failure naming the feed, and keeps what was stored`, async () => {
      await poller.poll();
      const before = await snapshot();
      fault();
      const started = Date.now();
      const report = await poller.poll();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(report.outcome).toBe('failed');
      const state = await store.feedState.get(server.url);
      expect(state.lastError).toMatch(message);
      expect(state.lastError).toContain('127.0.0.1');
      expect(state.consecutiveFailures).toBe(1);
      expect(await snapshot()).toEqual(before);
    });
  }

  it('recovers on the next good poll and resets the failure count', async () => {
    await poller.poll();
    server.setMode({ kind: 'status', status: 503 }, { times: 1 });
    expect((await poller.poll()).outcome).toBe('failed');
    server.setFeed(rssFeed([{ guid: 'new', title: 'Back online', date: '2030-06-08T10:00:00Z' }, ...weeklyItems(3)]));
    expect(await poller.poll()).toMatchObject({ outcome: 'updated', added: [expect.any(String)] });
    const state = await store.feedState.get(server.url);
    expect(state).toMatchObject({ consecutiveFailures: 0, lastError: expect.stringContaining('503') });
    expect((await library.search('back online')).total).toBeGreaterThan(0);
  });
});
