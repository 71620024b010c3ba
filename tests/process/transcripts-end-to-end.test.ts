import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { announcementAnswer } from '../../src/core/answers/announcement.ts';
import { Dispatcher } from '../../commands/dispatcher.ts';
import { podcastCommand } from '../../commands/podcast.ts';
import { CommandRegistry } from '../../commands/registry.ts';
import { renderText, PLAIN } from '../../src/adapters/console/render-text.ts';
import { Announcer } from '../../src/announcing/announcer.ts';
import { FeedNetwork } from '../../src/following/feed-network.ts';
import { StorePodcastService } from '../../src/podcast-admin/podcast-service.ts';
import { TranscriptQueue } from '../../src/following/transcripts/transcript-queue.ts';
import { loadConfig } from '../../src/config.ts';
import type { Episode } from '../../src/core/model/catalog-schema.ts';
import { fetchFeed } from '../../src/feed/fetch/fetch-feed.ts';
import { showKeyOf } from '../../src/core/model/show-key.ts';
import { feedLibrary } from '../../src/library/load-library.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { startFeedServer, type FeedServer } from '../doubles/feed-server.ts';
import { startBot, type BotProcess } from '../helpers/bot-process.ts';
import { podcastFeed } from '../helpers/podcast-feed.ts';

const log = pino({ level: 'silent' });
const fixture = (name: string) => readFileSync(new URL(`../fixtures/transcripts/${name}`, import.meta.url));
const day = (n: number) => new Date(Date.UTC(2030, 5, n, 10)).toISOString();
const CALLER = { platform: 'console', userId: 'u', channelId: 'c', serverId: null, canManage: true } as const;
const CATALOG_PATH = (() => {
  const c = loadConfig({});
  if (!c.ok) throw new Error(c.error.join('\n'));
  return c.value.CATALOG_PATH;
})();

const servers: FeedServer[] = [];
const stores: SqliteStore[] = [];
const running: BotProcess[] = [];
afterEach(async () => {
  running.splice(0).forEach((b) => b.child.kill('SIGKILL'));
  for (const s of stores.splice(0)) await s.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Two podcasts on two local HTTP hosts; between them a transcript in every format (VTT, SRT, JSON, HTML, plain text). */
async function twoPodcasts() {
  const a = await startFeedServer();
  const b = await startFeedServer();
  servers.push(a, b);
  a.setFile('/t/q1.vtt', fixture('ep1.vtt'), 'text/vtt');
  a.setFile('/t/q2.json', fixture('ep3.json'), 'application/json');
  a.setFile('/t/q3.txt', fixture('ep5.txt'), 'text/plain; charset=utf-8');
  b.setFile('/t/w1.srt', fixture('ep2.srt'), 'application/x-subrip');
  b.setFile('/t/w2.html', fixture('ep4.html'), 'text/html');
  a.setFeed(podcastFeed({ title: 'Quokka Radio', link: 'https://quokka.example/' }, [
    { guid: 'q3', title: 'Quokka three', date: day(5), transcripts: [{ url: a.urlFor('/t/q3.txt'), type: 'text/plain' }] },
    { guid: 'q2', title: 'Quokka two', date: day(3), transcripts: [{ url: a.urlFor('/t/q2.json'), type: 'application/json' }] },
    { guid: 'q1', title: 'Quokka one', date: day(1), transcripts: [{ url: a.urlFor('/t/q1.vtt'), type: 'text/vtt' }] },
  ]));
  b.setFeed(podcastFeed({ title: 'Wombat Hour', link: 'https://wombat.example/' }, [
    { guid: 'w2', title: 'Wombat two', date: day(4), transcripts: [{ url: b.urlFor('/t/w2.html'), type: 'text/html' }] },
    { guid: 'w1', title: 'Wombat one', date: day(2), transcripts: [{ url: b.urlFor('/t/w1.srt'), type: 'application/x-subrip' }] },
  ]));
  const transcriptRequests = () => [...a.requests, ...b.requests].filter((r) => r.url.startsWith('/t/')).map((r) => r.url);
  const feedRequests = () => [...a.requests, ...b.requests].filter((r) => r.url === '/feed.xml').length;
  return { feedUrls: [a.url, b.url], transcriptRequests, feedRequests };
}

/** The bot's feed side as src/main.ts wires it: a library over the store's database (FTS5 transcripts), the feed network, the transcript queue, the dispatcher. */
async function startBotParts(feedUrls: string[], databasePath: string) {
  const store = SqliteStore.open(databasePath);
  stores.push(store);
  const built = await feedLibrary(CATALOG_PATH, feedUrls, store, log);
  if (!built.ok) throw new Error(built.error);
  const { library, shows, overlay } = built.value;
  expect(overlay).not.toBeNull();
  const announced: string[] = [];
  const announcer = new Announcer(store, library, log, undefined, (ep) => shows.titleOf(ep) || library.podcast.title);
  const network = new FeedNetwork(
    { feedUrls, intervalMs: 60_000, announceOnFirstPoll: 1, maxBacklog: 3 },
    {
      store, library, announcer, log,
      fetch: (source, validators) => fetchFeed(source, validators),
      onShow: (show) => shows.put({ ...show, followed: true }),
      onAnnounce: (episodes: Episode[]) => {
        for (const ep of episodes) announced.push(renderText(announcementAnswer(ep, shows.titleOf(ep)), PLAIN));
      },
    },
  );
  const transcripts = new TranscriptQueue({}, {
    store, sink: library.transcripts, log,
    fetch: (source, validators) => fetchFeed(source, validators),
    isLeader: () => true,
    shows: () => feedUrls.map(showKeyOf),
  });
  const service = new StorePodcastService(store, library, feedUrls, undefined, shows);
  const dispatcher = new Dispatcher({ registry: new CommandRegistry(() => shows.name(), [podcastCommand(service)]), library, shows, onError: (err) => { throw err; } });
  const close = async () => {
    await network.stop();
    await transcripts.stop();
    await store.close();
    stores.splice(stores.indexOf(store), 1);
  };
  return { store, library, network, transcripts, dispatcher, announced, close };
}

const PHRASE = 'marsupials noticed';

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${condition.toString()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two podcasts over HTTP into the FTS5 transcript index', () => {
  it('stores every episode of both shows on the first poll and announces the newest of each, naming its show', async () => {
    const world = await twoPodcasts();
    const bot = await startBotParts(world.feedUrls, join(mkdtempSync(join(tmpdir(), 'episode-bot-e2e-')), 'bot.db'));
    await bot.network.runOnce();
    expect(bot.library.size).toBe(5);
    expect((await bot.store.episodes.all(() => {})).map((e) => e.title).sort()).toEqual(['Quokka one', 'Quokka three', 'Quokka two', 'Wombat one', 'Wombat two']);
    expect(bot.announced).toHaveLength(2);
    expect(bot.announced.find((t) => t.includes('New episode of Quokka Radio'))).toContain('Quokka three');
    expect(bot.announced.find((t) => t.includes('New episode of Wombat Hour'))).toContain('Wombat two');
    const latest = await bot.dispatcher.command('latest', {}, CALLER);
    // Both shows' episodes, newest first, and none of the shipped demo's mixed in.
    expect(latest.episodes.map((e) => e.title)).toEqual(['Quokka three', 'Wombat two', 'Quokka two', 'Wombat one', 'Quokka one']);
  });

  it('finds a phrase said only in a transcript with its minute and speaker, in the Answer and in the console text', async () => {
    const world = await twoPodcasts();
    const bot = await startBotParts(world.feedUrls, join(mkdtempSync(join(tmpdir(), 'episode-bot-e2e-')), 'bot.db'));
    await bot.network.runOnce();
    await bot.transcripts.drain();
    expect(world.transcriptRequests().sort()).toEqual(['/t/q1.vtt', '/t/q2.json', '/t/q3.txt', '/t/w1.srt', '/t/w2.html']);

    const answer = await bot.dispatcher.command('episode', { query: PHRASE }, CALLER);
    expect(answer.episodes[0]).toMatchObject({ title: 'Quokka one', snippet: { source: 'transcript', startSeconds: 1394, speaker: 'Ana' } });
    const text = renderText(answer, PLAIN);
    expect(text).toContain('▶ 23:14 — Ana: “');
    expect(text).toMatch(/▶ 23:14 — Ana: “[^”]*marsupials noticed/);
    expect(text).toContain('Quokka Radio'); // several shows: the result names its show

    // Every format reached the index, each with its own time and speaker where the file has them.
    const found = async (query: string) => (await bot.dispatcher.command('episode', { query }, CALLER)).episodes[0];
    expect(await found('rebuilt the burrow with terraform')).toMatchObject({ title: 'Wombat one', snippet: { startSeconds: 605 } });
    expect(await found('retries need jitter')).toMatchObject({ title: 'Quokka two', snippet: { startSeconds: 95.2, speaker: 'Kim' } });
    expect(await found('capybaras incident command')).toMatchObject({ title: 'Wombat two', snippet: { startSeconds: 330, speaker: 'Guest' } });
    expect(await found('they still have okapis')).toMatchObject({ title: 'Quokka three', snippet: { source: 'transcript', speaker: 'Jason' } });
  });

  it('re-fetches no stored transcript after a restart over the same database, and finds the phrase right away', async () => {
    const world = await twoPodcasts();
    const databasePath = join(mkdtempSync(join(tmpdir(), 'episode-bot-e2e-')), 'bot.db');
    const first = await startBotParts(world.feedUrls, databasePath);
    await first.network.runOnce();
    await first.transcripts.drain();
    expect(world.transcriptRequests()).toHaveLength(5);
    await first.close();

    const again = await startBotParts(world.feedUrls, databasePath);
    const before = await again.dispatcher.command('episode', { query: PHRASE }, CALLER);
    expect(before.episodes[0]).toMatchObject({ title: 'Quokka one', snippet: { startSeconds: 1394, speaker: 'Ana' } });
    await again.transcripts.start();
    await again.network.runOnce();
    await again.transcripts.drain();
    expect(world.transcriptRequests()).toHaveLength(5);
    expect(again.announced).toEqual([]);
    const after = await again.dispatcher.command('episode', { query: PHRASE }, CALLER);
    expect(renderText(after, PLAIN)).toMatch(/▶ 23:14 — Ana: “[^”]*marsupials noticed/);
  });
});

describe('the bot process following two podcasts over HTTP', () => {
  it('announces each show, answers a transcript phrase with minute and speaker, and fetches no transcript again after a restart', async () => {
    const world = await twoPodcasts();
    // The transcripts are served on 127.0.0.1: URLs found inside feeds reach a loopback address only with this setting.
    const env = { FEED_URL: world.feedUrls.join(','), FEED_POLL_INTERVAL: '1m', DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'episode-bot-e2e-')), 'bot.db'), CONSOLE: 'on', ALLOW_PRIVATE_FEED_URLS: 'true' };
    const bot = startBot(env);
    running.push(bot);
    await bot.waitFor('📣 New episode of Quokka Radio');
    await bot.waitFor('📣 New episode of Wombat Hour');
    await bot.waitFor('transcripts: 5 of 5 episodes\n');
    let mark = bot.stdout().length;
    bot.send(`/episode ${PHRASE}`);
    await bot.waitFor('Episodes matching', 10_000, mark);
    expect(bot.stdout().slice(mark)).toMatch(/1\. Quokka one\n.*Quokka Radio.*\n\s*▶ 23:14 — Ana: “We broke the database on purpose, and the marsupials noticed\.”/);
    bot.child.kill('SIGTERM');
    expect(await bot.exit()).toBe(0);
    expect(world.transcriptRequests()).toHaveLength(5);

    const feedRequests = world.feedRequests();
    const again = startBot(env);
    running.push(again);
    mark = again.stdout().length;
    again.send(`/episode ${PHRASE}`);
    await again.waitFor('▶ 23:14 — Ana: “We broke the database', 10_000, mark);
    await until(() => world.feedRequests() >= feedRequests + 2); // both feeds polled again
    await new Promise((r) => setTimeout(r, 500)); // room for a fetch the start or the poll would have begun
    expect(world.transcriptRequests()).toHaveLength(5);
    mark = again.stdout().length;
    again.send('/podcast status');
    await again.waitFor(/transcripts: 3 of 3 episodes[^]*transcripts: 2 of 2 episodes/, 10_000, mark);
    expect(again.stdout()).not.toContain('📣');
    again.child.kill('SIGTERM');
    expect(await again.exit()).toBe(0);
  }, 30_000);
});
