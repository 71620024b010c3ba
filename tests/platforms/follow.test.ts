import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../commands/dispatcher.ts';
import { podcastCommand } from '../../commands/podcast.ts';
import { CommandRegistry } from '../../commands/registry.ts';
import type { Invocation } from '../../commands/types.ts';
import type { AnnouncementTarget, PostResult, PostShape } from '../../src/announcing/announcement-target.ts';
import { Announcer } from '../../src/announcing/announcer.ts';
import type { Answer } from '../../src/core/answers/answer.ts';
import { ShowDirectory } from '../../src/core/model/shows.ts';
import { Library } from '../../src/core/search/library.ts';
import { fetchFeed } from '../../src/feed/fetch/fetch-feed.ts';
import { fetchers } from '../../src/feed/fetch/fetchers.ts';
import { FeedNetwork } from '../../src/following/feed-network.ts';
import { TranscriptQueue } from '../../src/following/transcripts/transcript-queue.ts';
import { applyFollowed } from '../../src/library/followed-catalog.ts';
import { StoreFollowService } from '../../src/podcast-admin/follow-service.ts';
import { itunesDirectory } from '../../src/podcast-admin/podcast-directory.ts';
import { StorePodcastService } from '../../src/podcast-admin/podcast-service.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { startDirectoryDouble, type DirectoryDouble } from '../doubles/podcast-directory.ts';
import { startFeedServer } from '../doubles/feed-server.ts';
import { shippedCatalog } from '../helpers/bot.ts';
import { MemoryTranscriptSink } from '../helpers/memory-transcript-sink.ts';
import { podcastFeed, type ShowItem } from '../helpers/podcast-feed.ts';

const log = pino({ level: 'silent' });

/** A platform recording each post with the shape it was asked for. */
class RecordingTarget implements AnnouncementTarget {
  readonly platform = 'discord' as const;
  readonly posts: Array<{ channelId: string; title: string; mention: string | null }> = [];
  async postAnnouncement(channelId: string, answer: Answer, _key: string, shape?: PostShape): Promise<PostResult> {
    this.posts.push({ channelId, title: answer.episodes[0]!.title, mention: shape?.mention ?? null });
    return { ok: true, messageId: `m${this.posts.length}` };
  }
}

const ADMIN: Invocation = { platform: 'discord', userId: 'u-admin', channelId: 'c-all', serverId: 'g1', canManage: true };
const items: ShowItem[] = [
  { guid: 'q-3', title: 'Quokkas at scale', date: '2030-06-08T10:00:00Z', description: 'Scaling marsupial clusters.' },
  { guid: 'q-2', title: 'Quokkas and failover', date: '2030-06-01T10:00:00Z' },
  { guid: 'q-1', title: 'Quokka origins', date: '2030-05-25T10:00:00Z' },
];
const quokkaFeed = (extra: ShowItem[] = []) => podcastFeed({ title: 'Quokka Radio', link: 'https://quokka.example/' }, [...extra, ...items]);

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The bot with its shipped demo catalog, no FEED_URL, and following from chat (private addresses allowed or not). */
async function world(opts: { allowPrivate?: boolean; max?: number; directory?: DirectoryDouble; operatorFeeds?: string[] } = {}) {
  const feed = await startFeedServer(quokkaFeed());
  closers.push(() => feed.close());
  const store = SqliteStore.open(':memory:');
  closers.push(() => store.close());
  const catalog = shippedCatalog();
  const library = await Library.create(catalog, { transcripts: store.transcriptSegments });
  const shows = ShowDirectory.single(catalog.podcast);
  const target = new RecordingTarget();
  const announcer = new Announcer(store, library, log, undefined, (ep) => shows.titleOf(ep));
  announcer.addTarget(target);
  const fetch = fetchers(opts.allowPrivate ?? true);
  const operatorFeeds = opts.operatorFeeds ?? [];
  const network = new FeedNetwork(
    { feedUrls: operatorFeeds, intervalMs: 3_600_000, announceOnFirstPoll: 1, maxBacklog: 3 },
    { store, library, announcer, log, fetch: fetch.operator, fetchUntrusted: fetch.untrusted, onShow: (s) => shows.put({ ...s, followed: true }), onFollowed: (feeds) => void applyFollowed(feeds, library, shows, store.shows) },
  );
  closers.push(() => network.stop());
  const follows = new StoreFollowService({
    store,
    operatorFeeds,
    fetch: (source, validators) => (opts.allowPrivate === false ? fetch.untrusted(source, validators) : fetchFeed(source, validators, { timeoutMs: 2_000, maxBytes: 256 * 1024 })),
    directory: itunesDirectory(opts.directory?.url ?? 'http://127.0.0.1:9/'),
    shows,
    maxFollowed: opts.max ?? 50,
    changed: () => undefined,
  });
  const service = new StorePodcastService(store, library, operatorFeeds, undefined, shows);
  const dispatcher = new Dispatcher({ registry: new CommandRegistry(() => shows.name(), [podcastCommand(service, follows)]), library, shows, random: () => 0, onError: (err) => { throw err; } });
  const run = (action: string, options: Record<string, string> = {}, inv: Invocation = ADMIN) => dispatcher.command('podcast', { action, ...options }, inv);
  const search = (query: string) => dispatcher.command('episode', { query }, ADMIN);
  return { feed, store, library, shows, target, network, run, search, dispatcher, fetch };
}

describe('/podcast follow', () => {
  it('follows a feed URL at once: says what it found, makes it the catalog, and announces exactly the first poll', async () => {
    const w = await world();
    expect((await w.search('chaos engineering')).episodes.length).toBeGreaterThan(0); // the shipped demo answers until a feed is followed
    await w.run('subscribe');
    const answer = await w.run('follow', { feed: w.feed.url });
    expect(answer.headline).toBe('Following “Quokka Radio”');
    expect(answer.body[0]).toBe('Following “Quokka Radio” — 3 episode(s), newest on Jun 8, 2030.');
    await w.network.runOnce();
    expect(w.library.size).toBe(3);
    expect((await w.search('chaos engineering')).episodes).toEqual([]);
    expect((await w.search('quokka')).episodes.map((e) => e.title).sort()).toEqual(['Quokka origins', 'Quokkas and failover', 'Quokkas at scale']);
    expect(w.target.posts.map((p) => p.title)).toEqual(['Quokkas at scale']);
    await w.network.runOnce();
    expect(w.target.posts).toHaveLength(1);
    const status = await w.run('status');
    expect(status.body[0]).toContain('1 feed(s) followed (0 from the FEED_URL setting, 1 from chat)');
    expect(status.sections[0]!.lines.join('\n')).toMatch(/^Source: followed from chat on discord by user u-admin, \w+ \d+, \d{4} \d\d:\d\d UTC\.$/m);
  });

  it('refuses the same local URL without ALLOW_PRIVATE_FEED_URLS, saying why, and stores nothing', async () => {
    const w = await world({ allowPrivate: false });
    const answer = await w.run('follow', { feed: w.feed.url });
    expect(answer.kind).toBe('error');
    expect(answer.headline).toBe('That address is refused');
    expect(answer.body[0]).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(answer.body[0]).toContain('ALLOW_PRIVATE_FEED_URLS=true');
    expect(w.feed.requests).toHaveLength(0);
    expect(await w.store.followedFeeds.list()).toEqual([]);
  });

  it('says exactly what is wrong with a bad URL, and stores nothing', async () => {
    const w = await world();
    const follow = async (path: string) => (await w.run('follow', { feed: w.feed.urlFor(path) })).body.join(' ');
    w.feed.setFile('/page.html', '<!doctype html><html><head><title>Quokka blog</title></head><body>hi</body></html>', 'text/html');
    w.feed.setFile('/api.json', '{"episodes": []}', 'application/json');
    w.feed.setFile('/empty', '', 'text/plain');
    w.feed.setFile('/gone.xml', null);
    expect(await follow('/page.html')).toContain('The URL answered with an HTML page (“Quokka blog”), not an RSS feed.');
    expect(await follow('/api.json')).toContain('The URL answered with JSON, not an RSS feed.');
    expect(await follow('/empty')).toContain('The URL answered with nothing (an empty answer), not an RSS feed.');
    expect(await follow('/gone.xml')).toMatch(/was not found \(HTTP 404 Not Found\)/);
    w.feed.setMode({ kind: 'hang' }, { times: 1 });
    expect(await follow('/feed.xml')).toMatch(/timed out after 2(\.0)? s\b/);
    w.feed.setMode({ kind: 'huge', bytes: 1024 * 1024, contentLength: true }, { times: 1 });
    expect(await follow('/feed.xml')).toMatch(/is larger than 256 KiB/);
    expect((await w.run('follow', { feed: 'ftp://example.com/feed.xml' })).body[0]).toContain('only http(s) feeds can be followed, not ftp:');
    expect(await w.store.followedFeeds.list()).toEqual([]);
    await w.run('follow', { feed: w.feed.url });
    const again = await w.run('follow', { feed: w.feed.url });
    expect(again.headline).toBe('Already followed');
    expect(again.body[0]).toMatch(/^“Quokka Radio” has been followed since \w+ \d+, \d{4} \d\d:\d\d UTC \(by user u-admin\)\.$/);
  });

  it('keeps to MAX_FOLLOWED_FEEDS and never unfollows the operator’s feeds', async () => {
    const w = await world({ max: 0 });
    expect((await w.run('follow', { feed: w.feed.url })).body[0]).toContain('MAX_FOLLOWED_FEEDS=0');
    const op = await world({ operatorFeeds: ['https://operator.example/feed.xml'] });
    expect((await op.run('follow', { feed: 'https://operator.example/feed.xml' })).body[0]).toContain('operator’s FEED_URL setting');
  });

  it('follows by name through the podcast directory: a numbered choice, then the one picked', async () => {
    const directory = await startDirectoryDouble([]);
    closers.push(() => directory.close());
    const w = await world({ directory });
    const entries = [
      { collectionId: 11, collectionName: 'Quokka Radio', artistName: 'Quokka Network', feedUrl: w.feed.url },
      { collectionId: 12, collectionName: 'Quokka Radio Kids', artistName: 'Quokka Network', feedUrl: 'https://kids.example/feed.xml' },
    ];
    const named = await startDirectoryDouble(entries);
    closers.push(() => named.close());
    const v = await world({ directory: named });
    const none = await v.run('follow', { feed: 'llama talk' });
    expect(none.headline).toBe('No podcast found for “llama talk”');
    expect(none.body[0]).toBe('“llama talk” is not a URL, and the podcast directory knows no podcast by that name.');
    const choose = await v.run('follow', { feed: 'quokka radio' });
    expect(choose.headline).toBe('Podcasts matching “quokka radio”');
    expect(choose.sections.map((s) => s.title)).toEqual(['1. Quokka Radio — Quokka Network', '2. Quokka Radio Kids — Quokka Network']);
    expect(choose.sections[0]!.lines).toContain('/podcast follow quokka radio #1');
    expect(await v.store.followedFeeds.list()).toEqual([]);
    expect((await v.run('follow', { feed: 'quokka radio #1' })).headline).toBe('Following “Quokka Radio”');
    const choices = await v.dispatcher.complete('podcast', 'feed', 'quokka');
    expect(choices).toEqual([{ label: 'Quokka Radio — Quokka Network', value: w.feed.url }, { label: 'Quokka Radio Kids — Quokka Network', value: 'https://kids.example/feed.xml' }]);
    expect(named.requests[0]).toMatch(/^\/search\?media=podcast&entity=podcast&limit=5&term=llama\+talk$/);
    expect(w.library.size).toBe(17);
  });
});

describe('credentials in a feed URL', () => {
  it('never show in an answer or in /podcast status', async () => {
    const w = await world();
    const url = w.feed.url.replace('http://', 'http://listener:s3cret-token@');
    const answer = await w.run('follow', { feed: url });
    expect(answer.headline).toBe('Following “Quokka Radio”');
    expect(w.feed.lastRequest?.headers.authorization).toBe(`Basic ${Buffer.from('listener:s3cret-token').toString('base64')}`);
    await w.network.runOnce();
    const shown = JSON.stringify([answer, await w.run('status'), await w.run('follow', { feed: url })]);
    expect(shown).not.toContain('s3cret-token');
    expect(shown).not.toContain('listener');
    expect(shown).toContain('http://***@127.0.0.1');
  });
});

describe('/podcast unfollow', () => {
  it('stops polling and keeps the episodes; remove:true asks for a confirmation, then deletes them', async () => {
    const w = await world();
    await w.run('follow', { feed: w.feed.url });
    await w.network.runOnce();
    const off = await w.run('unfollow', { show: 'Quokka Radio' });
    expect(off.headline).toBe('Unfollowed “Quokka Radio”');
    w.feed.clearRequests();
    await w.network.runOnce();
    expect(w.feed.requests).toHaveLength(0);
    expect((await w.search('quokka')).episodes).toHaveLength(3);
    const ask = await w.run('unfollow', { show: 'Quokka Radio', remove: 'true' });
    expect(ask.headline).toBe('Remove “Quokka Radio” for good?');
    const code = /confirm:(\w+)/.exec(ask.body[1]!)![1]!;
    expect((await w.search('quokka')).episodes).toHaveLength(3);
    expect((await w.run('unfollow', { show: 'Quokka Radio', remove: 'true', confirm: 'nope' })).headline).toBe('Remove “Quokka Radio” for good?');
    const gone = await w.run('unfollow', { show: 'Quokka Radio', remove: 'true', confirm: code });
    expect(gone.body[0]).toBe('Deleted 3 episode(s), 0 transcript(s) and 0 subscription(s) of “Quokka Radio”.');
    await w.network.sync();
    await w.network.runOnce();
    expect(await w.store.episodes.count()).toBe(0);
    expect((await w.search('quokka')).episodes).toEqual([]);
  });
});

describe('/podcast subscribe only: and mention:', () => {
  it('announces to a channel only the new episodes matching its words (typos forgiven), pinging exactly its role', async () => {
    const w = await world();
    await w.run('follow', { feed: w.feed.url });
    await w.network.runOnce();
    const shaped = await w.run('subscribe', { only: 'kubernets', mention: '<@&777>' }, { ...ADMIN, channelId: 'c-k8s' });
    expect(shaped.body[0]).toContain('Only episodes whose title, guests or description match “kubernets”.');
    await w.run('subscribe', {}, { ...ADMIN, channelId: 'c-all' });
    expect((await w.run('subscribe', { mention: '@everyone' }, { ...ADMIN, channelId: 'c-x' })).body[0]).toMatch(/never @everyone/);
    w.feed.setFeed(quokkaFeed([
      { guid: 'q-5', title: 'Quokkas on Kubernetes', date: '2030-06-22T10:00:00Z' },
      { guid: 'q-4', title: 'Quokkas on call', date: '2030-06-15T10:00:00Z', description: 'Pagers and sleep.' },
    ]));
    await w.network.runOnce();
    expect(w.target.posts.map((p) => [p.channelId, p.title, p.mention]).sort()).toEqual([
      ['c-all', 'Quokkas on Kubernetes', null],
      ['c-all', 'Quokkas on call', null],
      ['c-k8s', 'Quokkas on Kubernetes', '<@&777>'],
    ]);
  });
});

describe('URLs found inside a feed', () => {
  it('refuses a transcript URL on a loopback or metadata address even in the operator’s trusted feed', async () => {
    const server = await startFeedServer();
    closers.push(() => server.close());
    server.setFile('/t/1.vtt', 'WEBVTT\n\n00:00.000 --> 00:02.000\nsecret metadata\n', 'text/vtt');
    server.setFeed(podcastFeed({ title: 'Trusted', link: 'https://t.example/' }, [
      { guid: 't1', title: 'One', date: '2030-01-01T00:00:00Z', transcripts: [{ url: server.urlFor('/t/1.vtt'), type: 'text/vtt' }] },
      { guid: 't2', title: 'Two', date: '2029-12-01T00:00:00Z', transcripts: [{ url: 'http://169.254.169.254/latest/meta-data/iam', type: 'text/vtt' }] },
    ]));
    const w = await world({ allowPrivate: false, operatorFeeds: [server.url] });
    expect((await w.network.runOnce())[0]).toMatchObject({ outcome: 'updated' });
    const sink = new MemoryTranscriptSink();
    const queue = new TranscriptQueue({}, { store: w.store, sink, log, isLeader: () => true, fetch: w.fetch.untrusted, random: () => 0 });
    await queue.drain();
    expect(sink.transcripts.size).toBe(0);
    expect(server.requests.filter((r) => r.url.startsWith('/t/'))).toEqual([]);
    const failures = await w.store.transcriptState.failures(undefined as never, 5);
    expect(failures.map((f) => f.lastError).join('\n')).toMatch(/127\.0\.0\.1 is a loopback address[\s\S]*169\.254\.169\.254 is a link-local address/);
  });
});
