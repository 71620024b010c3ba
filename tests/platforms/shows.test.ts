import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../commands/dispatcher.ts';
import { podcastCommand } from '../../commands/podcast.ts';
import { CommandRegistry } from '../../commands/registry.ts';
import type { Invocation } from '../../commands/types.ts';
import type { AnnouncementTarget, PostResult } from '../../src/announcing/announcement-target.ts';
import { Announcer } from '../../src/announcing/announcer.ts';
import { catalogOverlay } from '../../src/feed/overlay/catalog-overlay.ts';
import { FeedNetwork } from '../../src/following/feed-network.ts';
import { StorePodcastService } from '../../src/podcast-admin/podcast-service.ts';
import type { Answer } from '../../src/core/answers/answer.ts';
import { Library } from '../../src/core/search/library.ts';
import { ShowDirectory } from '../../src/core/model/shows.ts';
import { fetchFeed } from '../../src/feed/fetch/fetch-feed.ts';
import { showKeyOf } from '../../src/core/model/show-key.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { startFeedServer, type FeedServer } from '../doubles/feed-server.ts';
import { shippedCatalog } from '../helpers/bot.ts';
import { podcastFeed, type ShowItem } from '../helpers/podcast-feed.ts';

const log = pino({ level: 'silent' });

/** A platform that records posts (headline, title) per channel. */
class RecordingTarget implements AnnouncementTarget {
  readonly platform = 'discord' as const;
  readonly posts: Array<{ channelId: string; headline: string; title: string }> = [];
  async postAnnouncement(channelId: string, answer: Answer): Promise<PostResult> {
    this.posts.push({ channelId, headline: answer.headline, title: answer.episodes[0]!.title });
    return { ok: true, messageId: `m${this.posts.length}` };
  }
}

const ADMIN: Invocation = { platform: 'discord', userId: 'u1', channelId: 'c-all', serverId: 'g1', canManage: true };
const servers: FeedServer[] = [];
const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const quokkas: ShowItem[] = [
  { guid: 'q-2', title: 'Quokkas at scale', date: '2030-06-08T10:00:00Z' },
  { guid: 'shared-guid', title: 'Quokkas and failover', date: '2030-06-01T10:00:00Z' },
];
const wombats: ShowItem[] = [
  { guid: 'w-2', title: 'Wombats in production', date: '2030-05-20T10:00:00Z' },
  { guid: 'shared-guid', title: 'Wombats and backups', date: '2030-05-13T10:00:00Z' },
];

async function world(opts: { feeds?: 'both' | 'wombats'; store?: SqliteStore } = {}) {
  const a = servers[0] ?? (await startFeedServer(podcastFeed({ title: 'Quokka Radio', link: 'https://quokka.example/' }, quokkas)));
  const b = servers[1] ?? (await startFeedServer(podcastFeed({ title: 'The **Wombat** Hour @everyone', link: 'https://wombat.example/' }, wombats)));
  if (servers.length === 0) servers.push(a, b);
  const store = opts.store ?? SqliteStore.open(':memory:');
  if (!opts.store) stores.push(store);
  const feedUrls = opts.feeds === 'wombats' ? [b.url] : [a.url, b.url];
  const shows = new ShowDirectory();
  for (const s of await store.shows.all()) shows.put({ ...s, followed: feedUrls.includes(s.feedUrl) });
  const podcast = { title: 'x', description: '', publisher: null, language: null, imageUrl: null, links: [] };
  const library = await Library.create({ version: 1, podcast, episodes: await store.episodes.all() }, { transcripts: store.transcriptSegments });
  const target = new RecordingTarget();
  const announcer = new Announcer(store, library, log, undefined, (ep) => shows.titleOf(ep));
  announcer.addTarget(target);
  const network = new FeedNetwork(
    { feedUrls, intervalMs: 60_000, announceOnFirstPoll: 1, maxBacklog: 3 },
    {
      store, library, announcer, log,
      fetch: (source, validators) => fetchFeed(source, validators),
      overlay: catalogOverlay(shippedCatalog()),
      onShow: (show) => shows.put({ ...show, followed: true }),
    },
  );
  const service = new StorePodcastService(store, library, feedUrls, undefined, shows);
  const registry = new CommandRegistry(() => shows.name(), [podcastCommand(service)]);
  const dispatcher = new Dispatcher({ registry, library, shows, random: () => 0, onError: (err) => { throw err; } });
  const run = (name: string, options: Record<string, string> = {}, inv: Invocation = ADMIN) => dispatcher.command(name, options, inv);
  return { a, b, store, library, shows, target, network, run };
}

describe('several shows', () => {
  it('stores every episode of both feeds on the first poll and announces the newest of each, naming its show', async () => {
    const w = await world();
    await w.run('podcast', { action: 'subscribe' });
    await w.network.runOnce();
    expect(w.library.size).toBe(4);
    expect(w.target.posts).toEqual([
      { channelId: 'c-all', headline: 'New episode of Quokka Radio', title: 'Quokkas at scale' },
      { channelId: 'c-all', headline: 'New episode of The **Wombat** Hour @everyone', title: 'Wombats in production' },
    ]);
  });

  it('keeps both episodes when two feeds share a guid', async () => {
    const w = await world();
    await w.network.runOnce();
    const titles = w.library.latest(0, 10).map((e) => e.title);
    expect(titles).toEqual(expect.arrayContaining(['Quokkas and failover', 'Wombats and backups']));
    expect(await w.store.episodes.count(showKeyOf(w.a.url))).toBe(2);
    expect(await w.store.episodes.count(showKeyOf(w.b.url))).toBe(2);
  });

  it('says which show each result is from, and limits /episode, /latest and /random to a named show', async () => {
    const w = await world();
    await w.network.runOnce();
    const found = await w.run('episode', { query: 'production' });
    expect(found.episodes.map((e) => [e.title, e.show])).toEqual([['Wombats in production', 'The **Wombat** Hour @everyone']]);
    const latest = await w.run('latest', { show: 'quokka' });
    expect(latest.headline).toBe('Latest episodes in Quokka Radio');
    expect(latest.episodes.map((e) => e.title)).toEqual(['Quokkas at scale', 'Quokkas and failover']);
    expect(latest.ref).toMatchObject({ command: 'latest', show: showKeyOf(w.a.url) });
    const none = await w.run('episode', { query: 'wombats', show: 'Quokka Radio' });
    expect(none.headline).toBe('No episodes match “wombats” in Quokka Radio');
    const random = await w.run('random', { show: 'wombat hour' });
    expect(random.episodes[0]!.title).toMatch(/^Wombats/);
    const unknown = await w.run('latest', { show: 'Llama Talk' });
    expect(unknown.headline).toBe('No show matches “Llama Talk”');
    expect(unknown.body[0]).toContain('Quokka Radio');
  });

  it('posts only the subscribed show’s episodes to a channel subscribed to one show', async () => {
    const w = await world();
    await w.network.runOnce();
    const first = await w.run('podcast', { action: 'subscribe', show: 'Quokka Radio' }, { ...ADMIN, channelId: 'c-quokka' });
    expect(first.body[0]).toBe('This channel will get a post for each new episode of Quokka Radio. Past episodes are not posted.');
    const answer = await w.run('podcast', { action: 'subscribe', show: 'Quokka Radio' }, { ...ADMIN, channelId: 'c-quokka' });
    expect(answer.headline).toBe('Already subscribed');
    w.a.setFeed(podcastFeed({ title: 'Quokka Radio', link: 'https://quokka.example/' }, [{ guid: 'q-3', title: 'Quokkas on call', date: '2030-06-15T10:00:00Z' }, ...quokkas]));
    w.b.setFeed(podcastFeed({ title: 'The **Wombat** Hour @everyone', link: 'https://wombat.example/' }, [{ guid: 'w-3', title: 'Wombats on call', date: '2030-06-15T10:00:00Z' }, ...wombats]));
    await w.network.runOnce();
    expect(w.target.posts.map((p) => [p.channelId, p.title])).toEqual([['c-quokka', 'Quokkas on call']]);
    const status = await w.run('podcast', { action: 'status' });
    expect(status.sections.at(-1)!.lines).toEqual(['Channel c-quokka: active (only Quokka Radio)']);
    const off = await w.run('podcast', { action: 'unsubscribe', show: 'Quokka Radio' }, { ...ADMIN, channelId: 'c-quokka' });
    expect(off.headline).toBe('Unsubscribed');
    expect(await w.store.subscriptions.get('discord', 'c-quokka')).toBeUndefined();
  });

  it('reports each feed in /podcast status, and keeps a removed feed’s episodes without polling it', async () => {
    const w = await world();
    await w.network.runOnce();
    const status = await w.run('podcast', { action: 'status' });
    expect(status.sections.map((s) => s.title)).toEqual(['Quokka Radio', 'The **Wombat** Hour @everyone', 'Subscribed channels (0)']);
    expect(status.sections[0]!.lines).toContain(`Feed: ${w.a.url}`);
    await w.network.stop(); // the process stops; it starts again with only the second feed
    const later = await world({ feeds: 'wombats', store: w.store });
    w.a.clearRequests();
    w.b.clearRequests();
    expect((await later.network.runOnce()).map((r) => r?.outcome)).toEqual(['not-modified']);
    expect(w.a.requests).toHaveLength(0);
    expect(w.b.requests).toHaveLength(1);
    expect(later.library.size).toBe(4);
    const after = await later.run('podcast', { action: 'status' });
    expect(after.sections[1]!.title).toBe('Quokka Radio');
    expect(after.sections[1]!.lines.join('\n')).toContain('Not followed any more');
    await later.network.stop();
    const back = await world({ store: w.store });
    await back.run('podcast', { action: 'subscribe' });
    w.a.setFeed(podcastFeed({ title: 'Quokka Radio', link: 'https://quokka.example/' }, [{ guid: 'q-3', title: 'Quokkas on call', date: '2030-06-15T10:00:00Z' }, ...quokkas]));
    const reports = await back.network.runOnce();
    expect(reports.map((r) => r?.outcome)).toEqual(['updated', 'not-modified']);
    expect(back.target.posts.map((p) => p.title)).toEqual(['Quokkas on call']);
    expect(back.library.size).toBe(5);
  });

  it('reads "/podcast subscribe <show> <#channel>" as Slack sends it, and autocompletes show names on Discord', async () => {
    const w = await world();
    await w.network.runOnce();
    const slack: Invocation = { platform: 'slack', userId: 'U1', channelId: 'C0HERE', serverId: 'T1', canManage: true };
    const answer = await w.run('podcast', { action: 'subscribe The Wombat Hour <#C0NEWS|news>' }, slack);
    expect(answer.body[0]).toBe('#news will get a post for each new episode of The **Wombat** Hour @everyone. Past episodes are not posted.');
    expect(await w.store.subscriptionShows.of('slack', 'C0NEWS')).toEqual([showKeyOf(w.b.url)]);
    const { autocompleteChoices } = await import('../../src/adapters/discord/autocomplete-choices.ts');
    const { showOption } = await import('../../commands/show-option.ts');
    const { Dispatcher: D } = await import('../../commands/dispatcher.ts');
    const dispatcher = new D({ registry: new CommandRegistry(() => w.shows.name()), library: w.library, shows: w.shows, onError: () => {} });
    const typed = await autocompleteChoices(dispatcher, showOption, 'wom', ADMIN);
    expect(typed.map((c) => c.value)).toEqual([showKeyOf(w.b.url)]);
    expect(typed[0]!.name).toContain('Wombat');
    expect((await autocompleteChoices(dispatcher, showOption, '', ADMIN)).map((c) => c.value)).toEqual([showKeyOf(w.a.url), showKeyOf(w.b.url)]);
  });

  it('follows a feed that renames itself as the same show', async () => {
    const w = await world();
    await w.network.runOnce();
    w.a.setFeed(podcastFeed({ title: 'Quokka Radio Network', link: 'https://quokka.example/' }, quokkas));
    await w.network.runOnce();
    expect(w.shows.get(showKeyOf(w.a.url))!.podcast.title).toBe('Quokka Radio Network');
    expect((await w.run('latest', { show: 'Quokka Radio Network' })).episodes).toHaveLength(2);
  });

  it('applies the curated catalog only to the show it describes', async () => {
    const w = await world();
    w.a.setFeed(podcastFeed({ title: 'Break Things on Purpose', link: 'https://twitter.com/BTOPPod' }, [{ guid: 'zb', title: 'Zack Butcher', date: '2021-08-10T10:00:00Z' }]));
    await w.network.runOnce();
    const zack = w.library.get('zack-butcher')!;
    expect(zack.chapters.map((c) => c.title)).toContain("Istio's History");
    expect(w.library.size).toBe(3);
    expect(w.library.latest(0, 10).filter((e) => e.show === showKeyOf(w.b.url)).every((e) => e.chapters.length === 0)).toBe(true);
  });
});

describe('naming a show on Slack and in the console', () => {
  it('reads show:"…" or show:word anywhere in /episode, and the rest of /latest as the show', async () => {
    const { parseCommandLine } = await import('../../commands/parse-command-line.ts');
    const { testDispatcher } = await import('../helpers/bot.ts');
    const commands = (await testDispatcher()).dispatcher.commands;
    expect(parseCommandLine('/episode show:"Quokka Radio" failover', commands)).toEqual({ name: 'episode', options: { show: 'Quokka Radio', query: 'failover' } });
    expect(parseCommandLine('/episode failover show:quokka', commands)).toEqual({ name: 'episode', options: { show: 'quokka', query: 'failover' } });
    expect(parseCommandLine('/latest Quokka Radio', commands)).toEqual({ name: 'latest', options: { show: 'Quokka Radio' } });
  });

  it('keeps the show on Previous / Next buttons, and reads buttons made before shows existed', async () => {
    const { decodeActionRef, encodeActionRef } = await import('../../src/core/answers/action-ref.ts');
    const encoded = encodeActionRef({ command: 'episode', arg: 'failover', page: 1, show: 'show-0123456789' })!;
    expect(decodeActionRef(encoded)).toEqual({ ok: true, value: { ref: { command: 'episode', arg: 'failover', page: 1, show: 'show-0123456789' }, tag: '' } });
    expect(decodeActionRef('1:e:0:chaos')).toEqual({ ok: true, value: { ref: { command: 'episode', arg: 'chaos', page: 0 }, tag: '' } });
  });
});
