import { afterEach, describe, expect, it } from 'vitest';
import { podcastCommand, type PodcastService, type ShapeRequest } from '../../../commands/podcast.ts';
import type { FollowService } from '../../../commands/podcast-follows.ts';
import { announcementAnswer } from '../../../src/core/answers/announcement.ts';
import { Permission } from '../../doubles/discord/index.ts';
import { runCommand, startDiscordBot, type DiscordBotHarness } from '../../doubles/discord/bot-harness.ts';

const GUILD = '1300000000000000100';
const TEXT = '1300000000000001101';
const FORUM = '1300000000000001102';
const LOCKED = '1300000000000001103';

let bot: DiscordBotHarness | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

/** The bot with a text channel, a forum channel and a channel where @everyone (so the bot) may not send messages. */
async function start(service: PodcastService, follows: FollowService | null = null): Promise<DiscordBotHarness> {
  const deny = { id: GUILD, type: 0 as const, allow: '0', deny: String(Permission.SendMessages | Permission.EmbedLinks) };
  bot = await startDiscordBot({
    extraCommands: [podcastCommand(service, follows)],
    double: { guilds: [{ id: GUILD, channels: [{ id: TEXT, name: 'general' }, { id: FORUM, name: 'episodes', type: 15 }, { id: LOCKED, name: 'locked', permissionOverwrites: [deny] }] }] },
  });
  return bot;
}

function recordingService(subscribed: Array<[string, ShapeRequest | undefined]>): PodcastService {
  return {
    subscribe: async (_inv, channelId, _show, shape) => (subscribed.push([channelId, shape]), 'created'),
    unsubscribe: async () => false,
    status: async () => ({ feeds: [], subscriptions: [], pendingDeliveries: 0 }),
  };
}

const MANAGER = { memberPermissions: Permission.ViewChannel | (1n << 5n) };
const text = (c: { data: { embeds?: Array<{ title?: string; description?: string }> } }) => (c.data.embeds ?? []).map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');

describe('/podcast on Discord, through the real discord.js client', () => {
  it('refuses /podcast follow to a member without Manage Server', async () => {
    const follows: FollowService = { follow: async () => { throw new Error('must not be called'); }, unfollow: async () => { throw new Error('no'); }, suggest: async () => [] };
    const b = await start(recordingService([]), follows);
    const answer = await runCommand(b.double, 'podcast', { action: 'follow', feed: 'https://feeds.example/x.xml' });
    expect(text(answer)).toContain('Only server managers can use /podcast');
  });

  it('subscribes with only: and a role to mention, after checking the bot may post there', async () => {
    const subscribed: Array<[string, ShapeRequest | undefined]> = [];
    const b = await start(recordingService(subscribed));
    const answer = await runCommand(b.double, 'podcast', [
      { name: 'action', value: 'subscribe' },
      { name: 'channel', type: 7, value: FORUM },
      { name: 'only', value: 'kubernetes, istio' },
      { name: 'mention', type: 8, value: '4242' },
    ], MANAGER);
    expect(text(answer)).toContain('It is a forum: each new episode gets a post of its own, titled with the episode.');
    expect(subscribed).toEqual([[FORUM, { only: 'kubernetes istio', mention: '<@&4242>' }]]);
  });

  it('says which permission is missing in a channel the bot cannot post in, and subscribes nothing', async () => {
    const subscribed: Array<[string, ShapeRequest | undefined]> = [];
    const b = await start(recordingService(subscribed));
    const answer = await runCommand(b.double, 'podcast', [{ name: 'action', value: 'subscribe' }, { name: 'channel', type: 7, value: LOCKED }], MANAGER);
    expect(text(answer)).toContain('I lack these permissions there: Send Messages (in a forum: Create Posts), Embed Links.');
    expect(subscribed).toEqual([]);
    expect(b.double.requests.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining([`GET /channels/${LOCKED}`, `GET /guilds/${GUILD}`, `GET /guilds/${GUILD}/members/${b.double.botUser.id}`]));
  });
});

describe('Discord announcements shaped per subscription', () => {
  const answer = (b: DiscordBotHarness) => announcementAnswer(b.library.get('jerome-petazzoni')!, 'Break Things on Purpose', 'https://img.example/show.png');

  it('pings exactly the subscription’s role: allowed_mentions lists that role alone', async () => {
    const b = await start(recordingService([]));
    await b.adapter.announcementTarget.postAnnouncement(TEXT, answer(b), 'k1', { mention: '<@&4242>' });
    const post = await b.double.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${TEXT}/messages`);
    expect(post.body).toMatchObject({ content: '<@&4242>', allowed_mentions: { roles: ['4242'] } });
    expect((post.body as { allowed_mentions: object }).allowed_mentions).toEqual({ roles: ['4242'] });
    expect((post.body as { embeds: Array<{ image?: { url: string } }> }).embeds[0]!.image).toEqual({ url: 'https://img.example/show.png' });
  });

  it('starts a forum post per episode, titled with the episode, the announcement its first message', async () => {
    const b = await start(recordingService([]));
    const result = await b.adapter.announcementTarget.postAnnouncement(FORUM, answer(b), 'k2');
    expect(result).toMatchObject({ ok: true });
    expect(b.double.forumThreads).toHaveLength(1);
    const thread = b.double.forumThreads[0]!;
    expect(thread).toMatchObject({ parent_id: FORUM, name: 'Jérôme Petazzoni', owner_id: b.double.botUser.id });
    expect(thread.message.embeds[0]).toMatchObject({ title: 'Jérôme Petazzoni', author: { name: 'New episode of Break Things on Purpose' } });
    const request = b.double.requests.find((r) => r.method === 'POST' && r.path === `/channels/${FORUM}/threads`)!;
    expect((request.body as { message: { allowed_mentions: object } }).message.allowed_mentions).toEqual({ parse: [] });
    expect(b.double.channelMessages(FORUM)).toEqual([]);
    const earlier = await b.adapter.announcementTarget.findAnnouncement!(FORUM, answer(b), 'k2', new Date(Date.now() - 60_000));
    expect(earlier).toEqual({ ok: true, value: { messageId: thread.id } });
  });
});
