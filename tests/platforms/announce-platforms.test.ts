import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../commands/dispatcher.ts';
import { podcastCommand } from '../../commands/podcast.ts';
import { CommandRegistry } from '../../commands/registry.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../src/adapters/discord/discord-adapter.ts';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/slack-adapter.ts';
import type { Library } from '../../src/core/search/library.ts';
import type { AnnouncementTarget } from '../../src/announcing/announcement-target.ts';
import { Announcer } from '../../src/announcing/announcer.ts';
import { fetchFeed } from '../../src/feed/fetch/fetch-feed.ts';
import { FeedPoller } from '../../src/following/feed-poller.ts';
import { FeedService } from '../../src/following/feed-service.ts';
import { StorePodcastService } from '../../src/podcast-admin/podcast-service.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { DiscordErrors, Permission, startDiscordDouble, type DiscordDouble } from '../doubles/discord/index.ts';
import { startFeedServer } from '../doubles/feed-server.ts';
import { postToBolt, signSlackRequest, slashCommandBody, startSlackApiDouble, type SlackApiDouble } from '../doubles/slack/index.ts';
import { shippedCatalog } from '../helpers/bot.ts';
import { memoryLibrary } from '../helpers/library.ts';
import { serveEndpoint } from '../helpers/http-endpoint.ts';
import { rssFeed, weeklyItems } from '../helpers/rss.ts';

const log = pino({ level: 'silent' });
const SECRET = 'test-signing-secret-for-announcements';
const D1 = '300000000000000001';
const D2 = '300000000000000002';
const MANAGER = (Permission.ViewChannel | Permission.SendMessages | (1n << 5n)).toString();
const MEMBER = (Permission.ViewChannel | Permission.SendMessages).toString();

interface Bot {
  store: SqliteStore;
  library: Library;
  discord: DiscordAdapter;
  slack: SlackAdapter;
  slackUrl: string;
  service: FeedService;
  announcer: Announcer;
  stop(): Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function startWorld() {
  const feed = await startFeedServer(rssFeed(weeklyItems(2)));
  const discordDouble = await startDiscordDouble({ guilds: [{ id: '200000000000000001', channels: [{ id: D1, name: 'news' }, { id: D2, name: 'general' }] }] });
  const slackDouble = await startSlackApiDouble({
    users: { U_ADMIN: { is_admin: true }, U_MEMBER: { is_admin: false, is_owner: false } },
  });
  cleanups.push(async () => {
    await feed.close();
    await discordDouble.close();
    await slackDouble.close();
  });
  return { feed, discordDouble, slackDouble, dbPath: join(mkdtempSync(join(tmpdir(), 'episode-bot-ann-')), 'bot.db') };
}

async function startBot(w: Awaited<ReturnType<typeof startWorld>>, wrapDiscord?: (t: AnnouncementTarget) => AnnouncementTarget): Promise<Bot> {
  const store = SqliteStore.open(w.dbPath);
  const catalog = shippedCatalog();
  const library = await memoryLibrary(catalog);
  await library.upsert(await store.episodes.all());
  const registry = new CommandRegistry(() => library.podcast.title, [podcastCommand(new StorePodcastService(store, library, w.feed.url))]);
  const dispatcher = new Dispatcher({ registry, library, random: () => 0, onError: (err) => log.error({ err }) });
  const discord = createDiscordAdapter({ dispatcher, log, token: w.discordDouble.token, applicationId: w.discordDouble.applicationId, apiUrl: w.discordDouble.apiUrl, ephemeral: true });
  const slack = createSlackAdapter({
    dispatcher, log, botToken: 'xoxb-fake-test-token', signingSecret: SECRET, apiUrl: w.slackDouble.apiUrl,
    ephemeral: true, adminUserIds: [], botId: 'B123', botUserId: 'U_BOT', retryConfig: { retries: 0 },
  });
  await discord.start();
  await slack.start();
  const slackFront = await serveEndpoint(slack.httpEndpoint!);
  const poller = new FeedPoller(
    { feedUrl: w.feed.url, announceOnFirstPoll: 1, maxBacklog: 3, backCatalogToleranceMs: 2 * 86_400_000 },
    { store, library, fetch: (u, v) => fetchFeed(u, v), log },
  );
  const announcer = new Announcer(store, library, log);
  announcer.addTarget(wrapDiscord ? wrapDiscord(discord.announcementTarget) : discord.announcementTarget);
  announcer.addTarget(slack.announcementTarget);
  const service = new FeedService({ feedUrl: w.feed.url, intervalMs: 60_000 }, { store, library, poller, announcer, log });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await discord.stop();
    await slackFront.close();
    await slack.stop();
    await service.lease.release();
    await store.close();
  };
  cleanups.push(stop);
  return { store, library, discord, slack, slackUrl: slackFront.url, service, announcer, stop };
}

async function discordCommand(d: DiscordDouble, channelId: string, permissions: string, action: string) {
  const sent = d.sendInteraction(d.chatInputInteraction({ name: 'podcast', options: { action }, channelId, memberPermissions: permissions }));
  return (await d.waitForCallback(sent.id)).body as { type: number; data: { embeds: Array<{ title?: string; description?: string; author?: { name: string }; fields?: Array<{ value: string }> }>; flags?: number } };
}

async function slackCommand(w: Awaited<ReturnType<typeof startWorld>>, bot: Bot, userId: string, text: string) {
  const id = `r-${Math.random().toString(36).slice(2)}`;
  const body = slashCommandBody({ command: '/podcast', text, userId, channelId: 'C_NEWS', responseUrl: w.slackDouble.responseUrl(id) });
  const res = await postToBolt(bot.slackUrl, body, signSlackRequest(SECRET, body));
  expect(res.status).toBe(200);
  // The answer rides on the acknowledgement when ready within the budget, else it is posted to the response URL.
  return JSON.stringify(res.json ?? (await w.slackDouble.waitForResponse(id, 5000)));
}

const postsTo = (d: DiscordDouble, channelId: string) =>
  d.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status === 200);
const slackPosts = (s: SlackApiDouble, channel: string) =>
  s.calls.filter((c) => c.method === 'chat.postMessage' && c.body['channel'] === channel && (c.response as { ok?: boolean })?.ok);
const text = (body: unknown) => JSON.stringify(body);

describe('announcements on Discord and Slack', () => {
  it('lets only managers subscribe, then posts each new episode exactly once per subscribed channel', async () => {
    const w = await startWorld();
    const bot = await startBot(w);

    const refused = await discordCommand(w.discordDouble, D1, MEMBER, 'subscribe');
    expect(text(refused)).toContain('Only server managers can use /podcast');
    expect(text(await discordCommand(w.discordDouble, D1, MANAGER, 'subscribe'))).toContain('This channel will get a post for each new episode');
    expect(text(await discordCommand(w.discordDouble, D2, MANAGER, 'subscribe'))).toContain('Subscribed');
    expect(await slackCommand(w, bot, 'U_MEMBER', 'subscribe')).toContain('Only server managers can use /podcast');
    expect(await slackCommand(w, bot, 'U_ADMIN', 'subscribe')).toContain('This channel will get a post');

    await bot.service.runOnce();
    expect(postsTo(w.discordDouble, D1)).toHaveLength(1);
    expect(postsTo(w.discordDouble, D2)).toHaveLength(1);
    expect(slackPosts(w.slackDouble, 'C_NEWS')).toHaveLength(1);
    const first = postsTo(w.discordDouble, D1)[0]!.body as { embeds: Array<{ title: string; url: string }>; allowed_mentions: unknown };
    expect(first.embeds[0]!.title).toContain('Episode 2: quokka resilience part 2');
    expect(first.allowed_mentions).toEqual({ parse: [] });
    expect(text(slackPosts(w.slackDouble, 'C_NEWS')[0]!.body)).toContain('Episode 2: quokka resilience part 2');

    w.feed.setFeed(rssFeed([{ guid: 'zebra', title: 'Zebras in production', date: '2030-06-08T10:00:00Z' }, ...weeklyItems(2)]));
    await bot.service.runOnce();
    await bot.service.runOnce();
    for (const ch of [D1, D2]) expect(postsTo(w.discordDouble, ch).map((r) => text(r.body).includes('Zebras in production'))).toEqual([false, true]);
    expect(slackPosts(w.slackDouble, 'C_NEWS')).toHaveLength(2);
    expect(bot.library.get((await bot.library.search('zebras')).hits[0]!.episodeId)!.title).toBe('Zebras in production');
  }, 30_000);

  it('resumes a delivery round interrupted by a crash without re-posting or skipping', async () => {
    const w = await startWorld();
    const first = await startBot(w, (t) => ({
      platform: t.platform,
      postAnnouncement: (channelId, answer, key) => (channelId === D2 ? new Promise(() => {}) : t.postAnnouncement(channelId, answer, key)),
    }));
    await discordCommand(w.discordDouble, D1, MANAGER, 'subscribe');
    await discordCommand(w.discordDouble, D2, MANAGER, 'subscribe');
    await slackCommand(w, first, 'U_ADMIN', 'subscribe');
    void first.service.runOnce(); // dies while posting to D2
    await w.discordDouble.waitForRequest((r) => r.path === `/channels/${D1}/messages`, 5000);
    await new Promise((r) => setTimeout(r, 200));
    await first.stop();

    const second = await startBot(w);
    await second.service.runOnce();
    expect(postsTo(w.discordDouble, D1)).toHaveLength(1);
    expect(postsTo(w.discordDouble, D2)).toHaveLength(1);
    expect(slackPosts(w.slackDouble, 'C_NEWS')).toHaveLength(1);
    await second.service.runOnce();
    expect(postsTo(w.discordDouble, D1).length + postsTo(w.discordDouble, D2).length).toBe(2);
  }, 30_000);

  it('marks a channel that rejects posts as failed, shows it in /podcast status, and still posts elsewhere', async () => {
    const w = await startWorld();
    const bot = await startBot(w);
    await discordCommand(w.discordDouble, D1, MANAGER, 'subscribe');
    await discordCommand(w.discordDouble, D2, MANAGER, 'subscribe');
    w.discordDouble.failChannelMessages(D2, DiscordErrors.missingPermissions);
    await bot.service.runOnce();
    expect(postsTo(w.discordDouble, D1)).toHaveLength(1);
    const status = text(await discordCommand(w.discordDouble, D1, MANAGER, 'status'));
    expect(status).toContain(`Channel ${D1}: active`);
    expect(status).toContain(`Channel ${D2}: FAILED`);
    expect(status).toContain('Missing Permissions');
    expect(status).toContain('Last episode seen: Episode 2: quokka resilience part 2');
    expect(status).toContain(w.feed.url);
  }, 30_000);
});
