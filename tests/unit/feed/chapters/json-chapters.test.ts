import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FeedPoller } from '../../../../src/following/feed-poller.ts';
import type { FeedFetcher } from '../../../../src/following/read-feed.ts';
import { parseJsonChapters } from '../../../../src/feed/chapters/json-chapters.ts';
import { SqliteStore } from '../../../../src/store/sqlite/sqlite-store.ts';
import { shippedCatalog } from '../../../helpers/bot.ts';
import { memoryLibrary } from '../../../helpers/library.ts';

const FEED = 'https://podcast.example/feed.xml';
const CHAPTERS = 'https://podcast.example/ep1/chapters.json';
const xml = `<?xml version="1.0"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>T</title><description>d</description>
<item><title>Ferrets at scale</title><guid>f1</guid><pubDate>Mon, 03 Jun 2030 10:00:00 GMT</pubDate>
<podcast:chapters url="${CHAPTERS}" type="application/json+chapters"/></item></channel></rss>`;

describe('podcast:chapters', () => {
  it('reads a JSON chapters file in start order, skipping entries without a title or start', () => {
    const json = JSON.stringify({ version: '1.2.0', chapters: [{ startTime: 95.5, title: 'Second' }, { startTime: 0, title: 'Intro' }, { title: 'No start' }, { startTime: 10, title: 'Hidden', toc: false }] });
    expect(parseJsonChapters(json)).toEqual([{ title: 'Intro', startSeconds: 0 }, { title: 'Second', startSeconds: 95 }]);
    expect(parseJsonChapters('<html>')).toBeNull();
  });

  it('fetches the chapters of a new episode with the feed’s fetcher, once', async () => {
    const store = SqliteStore.open(':memory:');
    const library = await memoryLibrary(shippedCatalog());
    const asked: string[] = [];
    const fetch: FeedFetcher = async (url) => {
      asked.push(url);
      const body = url === CHAPTERS ? JSON.stringify({ chapters: [{ startTime: 0, title: 'Hello' }, { startTime: 61, title: 'Ferret logistics' }] }) : xml;
      return { kind: 'fetched', body, validators: { etag: null, lastModified: null }, finalUrl: url, status: 200 };
    };
    const poller = new FeedPoller(
      { feedUrl: FEED, announceOnFirstPoll: 1, maxBacklog: 3, backCatalogToleranceMs: 0 },
      { store, library, fetch, log: pino({ level: 'silent' }) },
    );
    await poller.poll();
    await poller.poll();
    expect(asked.filter((u) => u === CHAPTERS)).toHaveLength(1);
    expect(library.get('ep-3f524cdc07a11d7c')?.chapters).toHaveLength(2);
    const hit = (await library.search('ferret logistics')).hits[0]!;
    expect(hit.chapter).toEqual({ title: 'Ferret logistics', startSeconds: 61 });
    await store.close();
  });
});
