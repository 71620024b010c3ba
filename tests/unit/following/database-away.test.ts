import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/answers/answer.ts';
import { Library } from '../../../src/core/search/library.ts';
import type { AnnouncementTarget, LookupResult, PostResult } from '../../../src/announcing/announcement-target.ts';
import { Announcer } from '../../../src/announcing/announcer.ts';
import { FeedPoller } from '../../../src/following/feed-poller.ts';
import { FeedService } from '../../../src/following/feed-service.ts';
import type { FeedFetcher } from '../../../src/following/read-feed.ts';
import type { TranscriptFetcher } from '../../../src/feed/transcripts/fetch-transcript.ts';
import { TranscriptQueue } from '../../../src/following/transcripts/transcript-queue.ts';
import { PostgresStore } from '../../../src/store/postgres/postgres-store.ts';
import { StoreError } from '../../../src/store/store-error.ts';
import { shippedCatalog } from '../../helpers/bot.ts';
import { describePostgres, useTestDatabase } from '../../helpers/postgres/database.ts';
import { startTcpProxy, type TcpProxy } from '../../helpers/postgres/tcp-proxy.ts';
import { rssFeed, weeklyItems, type TestItem } from '../../helpers/rss.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A platform that records posts and finds an earlier one by its idempotency key (as Discord's and Slack's adapters do). */
class RecordingTarget implements AnnouncementTarget {
  readonly platform = 'discord' as const;
  readonly posts: Array<{ channelId: string; title: string; key: string }> = [];
  async postAnnouncement(channelId: string, answer: Answer, key: string): Promise<PostResult> {
    this.posts.push({ channelId, title: answer.episodes[0]!.title, key });
    return { ok: true, messageId: `m${this.posts.length}` };
  }
  async findAnnouncement(channelId: string, _answer: Answer, key: string): Promise<LookupResult> {
    const i = this.posts.findIndex((p) => p.channelId === channelId && p.key === key);
    return { ok: true, value: i < 0 ? null : { messageId: `m${i + 1}` } };
  }
}

/** Log lines, as the bot writes them. */
function recordingLog() {
  const lines: Array<{ msg: string; level: number }> = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  return { log: pino({ level: 'info' }, stream), lines };
}

describePostgres('following feeds while PostgreSQL goes away and comes back', () => {
  const db = useTestDatabase();
  let proxy: TcpProxy;
  let cut = false;
  const opened: PostgresStore[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (err: unknown) => unhandled.push(err);
  beforeAll(async () => {
    proxy = await startTcpProxy(Number(new URL(db.url).port));
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    if (cut) await proxy.back();
    cut = false;
    for (const s of opened.splice(0)) await s.close().catch(() => {});
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await proxy?.close();
  });
  const away = async () => {
    await proxy.away();
    cut = true;
  };
  const back = async () => {
    await proxy.back();
    cut = false;
  };

  /** A feed of its own (the test file shares one database), a store through the proxy, a channel subscribed. */
  async function setup(name: string, log = pino({ level: 'silent' })) {
    const FEED = `https://podcast.example/${name}.xml`;
    const store = await PostgresStore.open(proxy.through(db.url), { connectTimeoutMs: 500, startupRetryMs: 2_000 });
    opened.push(store);
    const library = await Library.create(shippedCatalog(), { transcripts: store.transcriptSegments });
    let items: TestItem[] = weeklyItems(2, '2030-06-01T10:00:00Z', name);
    const fetch: FeedFetcher = async () => ({ kind: 'fetched', body: rssFeed(items), validators: { etag: null, lastModified: null }, finalUrl: FEED, status: 200 });
    const poller = new FeedPoller({ feedUrl: FEED, announceOnFirstPoll: 0, maxBacklog: 3, backCatalogToleranceMs: 2 * 86_400_000 }, { store, library, fetch, log });
    const announcer = new Announcer(store, library, log);
    const target = new RecordingTarget();
    announcer.addTarget(target);
    await store.subscriptions.add({ platform: 'discord', channelId: 'c1', serverId: 'g1', createdBy: 'admin' }, new Date().toISOString());
    const fresh = { guid: `${name}-fresh`, title: `Zebras in production ${name}`, date: '2030-06-08T10:00:00Z' };
    return { FEED, store, library, poller, announcer, target, publish: () => (items = [fresh, ...items]) };
  }

  it('a scheduled poll + announce round fails softly while cut, and the first rounds after restore announce exactly once', async () => {
    const { log, lines } = recordingLog();
    const t = await setup('scheduled', log);
    const FEED = t.FEED;
    const service = new FeedService({ feedUrl: FEED, intervalMs: 100, leadership: { ttlMs: 3_000, heartbeatMs: 200 }, random: () => 0.5 }, { store: t.store, library: t.library, poller: t.poller, announcer: t.announcer, log });
    service.start();
    try {
      for (let i = 0; i < 100 && !(await t.store.feedState.get(FEED)).initialized; i++) await sleep(50);
      expect(t.target.posts).toEqual([]);
      await away();
      t.publish();
      await sleep(1_200); // about ten rounds, every one failing on the store
      expect(t.target.posts).toEqual([]);
      expect(lines.filter((l) => l.msg === 'feed cycle failed').length).toBeGreaterThan(1);
      await back();
      for (let i = 0; i < 100 && t.target.posts.length === 0; i++) await sleep(50);
      await sleep(800); // more rounds: none may post it again
      expect(t.target.posts.map((p) => [p.channelId, p.title])).toEqual([['c1', 'Zebras in production scheduled']]);
      expect(await t.store.deliveries.counts()).toMatchObject({ delivered: 1, pending: 0 });
      expect((await t.library.search('zebras')).hits).toHaveLength(1);
      expect(unhandled).toEqual([]);
    } finally {
      await service.stop();
    }
  });

  it('a round cut between the post and its ledger write does not post again once back: the claim is found, the earlier post too', async () => {
    const t = await setup('mid-round');
    await t.poller.poll();
    t.publish();
    await t.poller.poll();
    t.announcer.afterClaim = () => away();
    await expect(t.announcer.deliver()).rejects.toBeInstanceOf(StoreError);
    expect(t.target.posts).toHaveLength(1);
    t.announcer.afterClaim = null;
    await back();
    expect(await t.announcer.deliver()).toMatchObject({ delivered: 1 });
    expect(t.target.posts).toHaveLength(1);
    expect(await t.announcer.deliver()).toMatchObject({ delivered: 0, retrying: 0 });
    expect(t.target.posts).toHaveLength(1);
    expect(unhandled).toEqual([]);
  });

  it('a round cut before its claim posts nothing, and the next round posts once', async () => {
    const t = await setup('before-claim');
    await t.poller.poll();
    t.publish();
    await t.poller.poll();
    await away();
    await expect(t.announcer.deliver()).rejects.toBeInstanceOf(StoreError);
    await expect(t.poller.poll()).rejects.toBeInstanceOf(StoreError);
    expect(t.target.posts).toHaveLength(0);
    await back();
    expect(await t.announcer.deliver()).toMatchObject({ delivered: 1 });
    expect(await t.announcer.deliver()).toMatchObject({ delivered: 0 });
    expect(t.target.posts.map((p) => p.title)).toEqual(['Zebras in production before-claim']);
  });
});

describePostgres('fetching transcripts while PostgreSQL goes away and comes back', () => {
  const db = useTestDatabase();

  it('a transcript fetched while the store is cut is not lost: the queue stops softly and stores it on the next drain', async () => {
    const proxy = await startTcpProxy(Number(new URL(db.url).port));
    const store = await PostgresStore.open(proxy.through(db.url), { connectTimeoutMs: 500, startupRetryMs: 2_000 });
    const { log, lines } = recordingLog();
    try {
      const library = await Library.create(shippedCatalog(), { transcripts: store.transcriptSegments });
      const source = { url: 'https://podcast.example/t/okapi.txt', type: 'text/plain', language: null, rel: null };
      await store.transcriptState.track({ episodeId: 'okapi-ep', showKey: 'okapi-show', publishedAt: '2030-06-01T10:00:00Z', sources: [source] }, new Date().toISOString());
      let cutDuringFetch = true;
      const fetch: TranscriptFetcher = async (url) => {
        // The database goes away while the file is being fetched: its write must fail, not be lost.
        if (cutDuringFetch) await proxy.away();
        return { kind: 'fetched', body: 'Ana: We talk about okapis and narwhals today.', validators: { etag: null, lastModified: null }, finalUrl: url, status: 200 };
      };
      const queue = new TranscriptQueue({ concurrency: 1 }, { store, sink: library.transcripts, fetch, log, isLeader: () => true });
      await queue.drain();
      expect(lines.some((l) => l.msg === 'transcript queue stopped for now')).toBe(true);
      await proxy.back();
      cutDuringFetch = false;
      expect(await library.transcripts.hasTranscript('okapi-ep')).toBe(false);
      await queue.drain();
      expect(await library.transcripts.hasTranscript('okapi-ep')).toBe(true);
      expect((await store.transcriptState.counts())).toMatchObject({ done: 1 });
      await queue.stop();
    } finally {
      await store.close();
      await proxy.close();
    }
  });
});
