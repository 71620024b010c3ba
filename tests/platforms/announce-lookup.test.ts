import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { announcementAnswer } from '../../src/core/answers/announcement.ts';
import { startDiscordBot, type DiscordBotHarness } from '../doubles/discord/bot-harness.ts';
import { BOT_TOKEN, startAdapterHarness, type AdapterHarness } from '../doubles/slack/adapter-harness.ts';

// The real discord.js client and Bolt app, against the doubles: how each platform finds an
// announcement an interrupted or timed-out attempt had posted, before the announcer sends it again.

let discord: DiscordBotHarness | null = null;
let slack: AdapterHarness | null = null;
afterEach(async () => {
  await discord?.close();
  await slack?.close();
  [discord, slack] = [null, null];
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe('finding an earlier post on Slack', () => {
  it('finds the post by the delivery key in its metadata, and only that one', async () => {
    slack = await startAdapterHarness();
    const target = slack.adapter.announcementTarget;
    const answer = announcementAnswer(slack.library.get('jerome-petazzoni')!, slack.library.podcast.title);
    expect(await target.postAnnouncement('C_NEWS', answer, 'jerome-petazzoni:C_NEWS')).toMatchObject({ ok: true });

    const found = await target.findAnnouncement!('C_NEWS', answer, 'jerome-petazzoni:C_NEWS', minutesAgo(5));
    expect(found).toEqual({ ok: true, value: { messageId: slack.double.channelHistory('C_NEWS')[0]!['ts'] } });
    expect(await target.findAnnouncement!('C_NEWS', answer, 'other-episode:C_NEWS', minutesAgo(5))).toEqual({ ok: true, value: null });
    expect(await target.findAnnouncement!('C_OTHER', answer, 'jerome-petazzoni:C_OTHER', minutesAgo(5))).toEqual({ ok: true, value: null });
    expect(await target.findAnnouncement!('C_NEWS', answer, 'jerome-petazzoni:C_NEWS', new Date(Date.now() + 60_000))).toEqual({ ok: true, value: null });
    // Only the messages since the attempt, 15 a call: Slack's limits for apps outside the Marketplace.
    expect(slack.double.callsTo('conversations.history')[0]!.body).toMatchObject({ channel: 'C_NEWS', include_all_metadata: 'true', limit: '15', inclusive: 'true' });
  });

  it('pages through a busy channel to find it, up to 60 messages since the attempt, then says it cannot tell', async () => {
    slack = await startAdapterHarness();
    const target = slack.adapter.announcementTarget;
    const answer = announcementAnswer(slack.library.get('jerome-petazzoni')!, slack.library.podcast.title);
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: slack.double.apiUrl });
    await target.postAnnouncement('C_BUSY', answer, 'jerome-petazzoni:C_BUSY');
    for (let i = 0; i < 40; i++) await client.chat.postMessage({ channel: 'C_BUSY', text: `chatter ${i}` });
    expect(await target.findAnnouncement!('C_BUSY', answer, 'jerome-petazzoni:C_BUSY', minutesAgo(5))).toMatchObject({ ok: true, value: { messageId: expect.any(String) } });
    expect(slack.double.callsTo('conversations.history').length).toBe(3);

    await target.postAnnouncement('C_BUSIER', answer, 'jerome-petazzoni:C_BUSIER');
    for (let i = 0; i < 70; i++) await client.chat.postMessage({ channel: 'C_BUSIER', text: `chatter ${i}` });
    expect(await target.findAnnouncement!('C_BUSIER', answer, 'jerome-petazzoni:C_BUSIER', minutesAgo(5))).toEqual({ ok: false, error: 'more than 60 messages since the attempt' });
    expect(slack.double.callsTo('conversations.history').length).toBe(3 + 4);
  }, 30_000);

  it('does not look when this process saw Slack refuse the earlier attempt (nothing was posted)', async () => {
    slack = await startAdapterHarness();
    const target = slack.adapter.announcementTarget;
    const answer = announcementAnswer(slack.library.get('jerome-petazzoni')!, slack.library.podcast.title);
    slack.double.failChannel('C_NEWS', 'restricted_action');
    expect(await target.postAnnouncement('C_NEWS', answer, 'k:C_NEWS')).toMatchObject({ ok: false });
    expect(await target.findAnnouncement!('C_NEWS', answer, 'k:C_NEWS', minutesAgo(5))).toEqual({ ok: true, value: null });
    expect(slack.double.callsTo('conversations.history')).toEqual([]);
  });

  it('cannot tell when the bot may not read the channel, and says why', async () => {
    slack = await startAdapterHarness({ double: { channels: { C_PUBLIC: { is_member: false } } } });
    const answer = announcementAnswer(slack.library.get('jerome-petazzoni')!, slack.library.podcast.title);
    expect(await slack.adapter.announcementTarget.findAnnouncement!('C_PUBLIC', answer, 'k', minutesAgo(5))).toEqual({ ok: false, error: 'Slack error: not_in_channel' });
  });
});

describe('finding an earlier post on Discord', () => {
  it('finds the bot’s own post of the same episode among the channel’s recent messages', async () => {
    discord = await startDiscordBot();
    const target = discord.adapter.announcementTarget;
    const channel = discord.double.channelId;
    const episode = (id: string) => announcementAnswer(discord!.library.get(id)!, discord!.library.podcast.title);
    expect(await target.findAnnouncement!(channel, episode('jerome-petazzoni'), 'k1', minutesAgo(5))).toEqual({ ok: true, value: null });
    const posted = await target.postAnnouncement(channel, episode('jerome-petazzoni'), 'k1');

    expect(await target.findAnnouncement!(channel, episode('jerome-petazzoni'), 'k1', minutesAgo(5))).toEqual({ ok: true, value: { messageId: posted.ok ? posted.messageId : 'x' } });
    expect(await target.findAnnouncement!(channel, episode('zack-butcher'), 'k2', minutesAgo(5))).toEqual({ ok: true, value: null });
    const list = discord.double.requests.filter((r) => r.method === 'GET' && r.path === `/channels/${channel}/messages`);
    expect(list.at(-1)!.query).toMatchObject({ limit: '100', after: expect.stringMatching(/^\d+$/) });
  });

  it('cannot tell when the bot may not read the channel’s history', async () => {
    discord = await startDiscordBot();
    const answer = announcementAnswer(discord.library.get('jerome-petazzoni')!, discord.library.podcast.title);
    discord.double.failChannelMessages(discord.double.channelId, { status: 403, code: 50001, message: 'Missing Access' });
    expect(await discord.adapter.announcementTarget.findAnnouncement!(discord.double.channelId, answer, 'k', minutesAgo(5))).toMatchObject({ ok: false, error: expect.stringContaining('Missing Access') });
  });
});
