import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announcementAnswer } from '../../../src/core/answers/announcement.ts';
import { DiscordErrors } from '../../doubles/discord/index.ts';
import { startDiscordBot, type DiscordBotHarness } from '../../doubles/discord/bot-harness.ts';

describe('Discord new-episode announcements through the adapter', () => {
  let bot: DiscordBotHarness;
  beforeAll(async () => {
    bot = await startDiscordBot();
  });
  afterAll(async () => {
    await bot?.close();
  });

  const answer = () => announcementAnswer(bot.library.get('jerome-petazzoni')!, bot.library.podcast.title);

  it('posts the episode in full to the channel, with no mentions and a nonce that dedupes retries', async () => {
    const result = await bot.adapter.announcementTarget.postAnnouncement(bot.double.channelId, answer(), 'jerome-petazzoni:channel');

    expect(result).toEqual({ ok: true, messageId: expect.stringMatching(/^\d+$/) });
    const post = await bot.double.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${bot.double.channelId}/messages`);
    expect(post.body).toMatchObject({
      embeds: [{ author: { name: 'New episode of Break Things on Purpose' }, title: 'Jérôme Petazzoni' }],
      components: [{ type: 1, components: [{ label: 'Similar episodes', custom_id: '1:s:0:jerome-petazzoni' }] }],
      allowed_mentions: { parse: [] },
      enforce_nonce: true,
      nonce: expect.stringMatching(/^[0-9a-f]{25}$/),
    });
    expect((post.body as { embeds: Array<{ description: string }> }).embeds[0]!.description).toContain('▶ Multilayered Kubernetes lasagna — 16:06');
  });

  it('reports a channel that refuses posts as a permanent failure', async () => {
    bot.double.failChannelMessages(bot.double.channelId, DiscordErrors.missingPermissions);
    try {
      expect(await bot.adapter.announcementTarget.postAnnouncement(bot.double.channelId, answer(), 'k')).toMatchObject({ ok: false, permanent: true });
    } finally {
      bot.double.failChannelMessages(bot.double.channelId, null);
    }
    expect(await bot.adapter.announcementTarget.postAnnouncement('1399999999999999999', answer(), 'k')).toMatchObject({ ok: false, permanent: true });
  });
});
