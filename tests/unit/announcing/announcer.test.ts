import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/core/answers/answer.ts';
import type { Library } from '../../../src/core/search/library.ts';
import type { AnnouncementTarget, PostResult } from '../../../src/announcing/announcement-target.ts';
import { Announcer } from '../../../src/announcing/announcer.ts';
import { FeedPoller } from '../../../src/following/feed-poller.ts';
import type { FeedFetcher } from '../../../src/following/read-feed.ts';
import { titleKey } from '../../../src/feed/overlay/reconcile.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { shippedCatalog } from '../../helpers/bot.ts';
import { memoryLibrary } from '../../helpers/library.ts';
import { rssFeed, weeklyItems, type TestItem } from '../../helpers/rss.ts';

const log = pino({ level: 'silent' });
const FEED = 'https://podcast.example/feed.xml';

/** A platform that records posts; a channel can be made to reject them. */
class RecordingTarget implements AnnouncementTarget {
  readonly posts: Array<{ channelId: string; title: string; key: string }> = [];
  readonly rejecting = new Map<string, PostResult>();
  constructor(readonly platform: 'discord' | 'slack' = 'discord') {}
  async postAnnouncement(channelId: string, answer: Answer, key: string): Promise<PostResult> {
    const refusal = this.rejecting.get(channelId);
    if (refusal) return refusal;
    this.posts.push({ channelId, title: answer.episodes[0]!.title, key });
    return { ok: true, messageId: `m${this.posts.length}` };
  }
}

/** The shipped episode with this title (what src/main.ts builds at start). */
function catalogByTitle(library: Library, title: string) {
  return library.latest(0, 17).find((e) => titleKey(e.title) === titleKey(title));
}

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup(path = ':memory:', opts: { first?: number; backlog?: number; reconcile?: boolean } = {}) {
  const store = SqliteStore.open(path);
  stores.push(store);
  const library = await memoryLibrary(shippedCatalog());
  await library.upsert(await store.episodes.all());
  let xml = rssFeed([]);
  const fetch: FeedFetcher = async () => ({ kind: 'fetched', body: xml, validators: { etag: null, lastModified: null }, finalUrl: FEED, status: 200 });
  const announced: string[] = [];
  const poller = new FeedPoller(
    { feedUrl: FEED, announceOnFirstPoll: opts.first ?? 1, maxBacklog: opts.backlog ?? 3, backCatalogToleranceMs: 2 * 86_400_000 },
    {
      store,
      library,
      ...(opts.reconcile ? { overlay: () => (title: string) => catalogByTitle(library, title) } : {}),
      fetch,
      log,
      onAnnounce: (eps) => announced.push(...eps.map((e) => e.title)),
    },
  );
  const announcer = new Announcer(store, library, log);
  const target = new RecordingTarget();
  announcer.addTarget(target);
  const subscribe = async (...channels: string[]) => {
    for (const c of channels) await store.subscriptions.add({ platform: 'discord', channelId: c, serverId: 'g1', createdBy: 'admin' }, new Date().toISOString());
  };
  const cycle = async (items: TestItem[]) => {
    xml = rssFeed(items);
    const report = await poller.poll();
    await announcer.deliver();
    return report;
  };
  return { store, library, poller, announcer, target, subscribe, cycle, announced, setXml: (x: string) => (xml = x) };
}

describe('new-episode announcements', () => {
  it('announces only the newest episode on a feed’s first poll, once per subscribed channel', async () => {
    const t = await setup();
    await t.subscribe('c1', 'c2');
    const report = await t.cycle(weeklyItems(5));
    expect(report).toMatchObject({ outcome: 'updated', announced: [expect.any(String)] });
    expect(t.target.posts.map((p) => [p.channelId, p.title])).toEqual([
      ['c1', 'Episode 5: quokka resilience part 5'],
      ['c2', 'Episode 5: quokka resilience part 5'],
    ]);
    expect((await t.library.search('quokka part 3')).total).toBeGreaterThan(0);
  });

  it('posts a new episode exactly once per channel, and makes it searchable at once', async () => {
    const t = await setup();
    await t.subscribe('c1', 'c2');
    await t.cycle(weeklyItems(3));
    t.target.posts.length = 0;
    const items = [{ guid: 'fresh', title: 'Zebras in production', date: '2030-06-08T10:00:00Z' }, ...weeklyItems(3)];
    await t.cycle(items);
    await t.cycle(items);
    expect(t.target.posts.map((p) => p.channelId)).toEqual(['c1', 'c2']);
    expect(t.target.posts.every((p) => p.title === 'Zebras in production')).toBe(true);
    expect(t.library.get((await t.library.search('zebras')).hits[0]!.episodeId)!.title).toBe('Zebras in production');
    expect(t.library.latest(0, 1)[0]!.title).toBe('Zebras in production');
  });

  it('updates an edited episode without announcing it again', async () => {
    const t = await setup();
    await t.subscribe('c1');
    const items = weeklyItems(2);
    await t.cycle(items);
    const before = t.target.posts.length;
    const report = await t.cycle([{ ...items[0]!, title: 'Episode 2: quokkas, corrected' }, items[1]!]);
    expect(report).toMatchObject({ outcome: 'updated', added: [], updated: [expect.any(String)], announced: [] });
    expect(t.target.posts.length).toBe(before);
    const top = (await t.library.search('quokkas corrected')).hits[0]!;
    expect(t.library.get(top.episodeId)!.title).toBe('Episode 2: quokkas, corrected');
    expect(t.library.latest(0, 1)[0]!.title).toBe('Episode 2: quokkas, corrected');
    expect(t.library.size).toBe(17 + 2);
  });

  it('announces at most the configured backlog after downtime, newest first', async () => {
    const t = await setup(':memory:', { backlog: 3 });
    await t.subscribe('c1');
    await t.cycle(weeklyItems(2, '2030-01-01T00:00:00Z', 'old'));
    t.target.posts.length = 0;
    const meanwhile = weeklyItems(5, '2030-03-01T00:00:00Z', 'new');
    const report = await t.cycle([...meanwhile, ...weeklyItems(2, '2030-01-01T00:00:00Z', 'old')]);
    expect(report.outcome === 'updated' && report.skipped).toHaveLength(2);
    expect(t.target.posts.map((p) => p.title)).toEqual([
      'Episode 3: quokka resilience part 3',
      'Episode 4: quokka resilience part 4',
      'Episode 5: quokka resilience part 5',
    ]);
    expect((await t.library.search('part 1')).total).toBeGreaterThan(0);
  });

  it('never announces back-catalog items that appear late in the feed', async () => {
    const t = await setup();
    await t.subscribe('c1');
    await t.cycle(weeklyItems(1, '2030-06-01T00:00:00Z'));
    t.target.posts.length = 0;
    await t.cycle([...weeklyItems(1, '2030-06-01T00:00:00Z'), { guid: 'ancient', title: 'An ancient episode', date: '2019-01-01T00:00:00Z' }]);
    expect(t.target.posts).toEqual([]);
    expect((await t.library.search('ancient')).total).toBe(1);
  });

  it('does not post past episodes to a channel subscribed later', async () => {
    const t = await setup();
    await t.subscribe('c1');
    await t.cycle(weeklyItems(2));
    await t.subscribe('late');
    await t.cycle(weeklyItems(2));
    expect(t.target.posts.map((p) => p.channelId)).toEqual(['c1']);
  });

  it('marks a channel that rejects posts as failed and still delivers to the others', async () => {
    const t = await setup();
    await t.subscribe('gone', 'ok');
    t.target.rejecting.set('gone', { ok: false, permanent: true, error: 'Unknown Channel (10003)' });
    await t.cycle(weeklyItems(1));
    expect(t.target.posts.map((p) => p.channelId)).toEqual(['ok']);
    expect(await t.store.subscriptions.get('discord', 'gone')).toMatchObject({ status: 'failed', lastError: 'Unknown Channel (10003)' });
    t.target.rejecting.delete('gone');
    await t.cycle([{ guid: 'next', title: 'Next one', date: '2030-06-09T00:00:00Z' }, ...weeklyItems(1)]);
    expect(t.target.posts.map((p) => p.channelId)).toEqual(['ok', 'ok']);
  });

  it('retries a post that failed for now, in the next round', async () => {
    const t = await setup();
    await t.subscribe('c1');
    t.target.rejecting.set('c1', { ok: false, permanent: false, error: 'rate limited' });
    await t.cycle(weeklyItems(1));
    expect(await t.store.deliveries.counts()).toMatchObject({ pending: 1 });
    t.target.rejecting.clear();
    await t.announcer.deliver();
    expect(t.target.posts).toHaveLength(1);
    expect(await t.store.deliveries.counts()).toMatchObject({ pending: 0, delivered: 1 });
  });

  it('changes nothing stored when the feed is malformed, and records why', async () => {
    const t = await setup();
    await t.subscribe('c1');
    await t.cycle(weeklyItems(2));
    t.setXml('<rss><channel><item><title>broken');
    const report = await t.poller.poll();
    expect(report).toMatchObject({ outcome: 'failed', retryable: true });
    expect(await t.store.episodes.count()).toBe(2);
    const state = await t.store.feedState.get(FEED);
    expect(state.consecutiveFailures).toBe(1);
    expect(state.lastError).toContain(FEED);
  });
});

describe('a feed that lists episodes already in the catalog', () => {
  it('keeps one episode under the catalog id, with the catalog’s chapters and the feed’s audio', async () => {
    const t = await setup(':memory:', { reconcile: true, first: 0 });
    await t.cycle([{ guid: 'zb', title: 'Zack Butcher', date: '2021-08-10T10:00:00Z', description: 'Feed text.' }]);
    expect(t.library.size).toBe(17);
    const zack = t.library.get('zack-butcher')!;
    expect(zack).toMatchObject({ guid: 'zb', audioUrl: 'https://cdn.podcast.example/zb.mp3' });
    expect(zack.chapters.map((c) => c.title)).toContain("Istio's History");
    expect(zack.description).not.toBe('Feed text.');
    expect((await t.library.search('istio')).hits.map((h) => h.episodeId)).toEqual(['zack-butcher']);
  });
});

describe('across restarts', () => {
  it('neither re-posts nor skips: a crash in the middle of a round resumes with the channels not yet delivered', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'episode-bot-')), 'bot.db');
    const first = await setup(path);
    await first.subscribe('a', 'b', 'c');
    const hang = new Promise<PostResult>(() => {});
    first.target.postAnnouncement = async (channelId, answer, key) => {
      if (channelId === 'b') return hang; // the process dies while posting to b
      return RecordingTarget.prototype.postAnnouncement.call(first.target, channelId, answer, key);
    };
    first.setXml(rssFeed(weeklyItems(5)));
    await first.poller.poll();
    void first.announcer.deliver();
    await new Promise((r) => setTimeout(r, 20));
    expect(first.target.posts.map((p) => p.channelId)).toEqual(['a']);

    const second = await setup(path);
    await second.announcer.deliver();
    expect(second.target.posts.map((p) => p.channelId)).toEqual(['b', 'c']);
    await second.cycle(weeklyItems(5));
    expect(second.target.posts.map((p) => p.channelId)).toEqual(['b', 'c']);
    expect((await second.library.search('quokka')).total).toBe(5);
  });
});
