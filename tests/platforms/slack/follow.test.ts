import { afterEach, describe, expect, it } from 'vitest';
import { podcastCommand, type PodcastService, type ShapeRequest } from '../../../commands/podcast.ts';
import type { FollowService } from '../../../commands/podcast-follows.ts';
import { announcementAnswer } from '../../../src/core/answers/announcement.ts';
import { blockText, closeHarness, commandAnswer, startAdapterHarness, type AdapterHarness } from '../../doubles/slack/adapter-harness.ts';

let h: AdapterHarness | null = null;
afterEach(async () => {
  await closeHarness(h);
  h = null;
});

function recordingService(subscribed: Array<[string, ShapeRequest | undefined]>): PodcastService {
  return {
    subscribe: async (_inv, channelId, _show, shape) => (subscribed.push([channelId, shape]), 'created'),
    unsubscribe: async () => false,
    status: async () => ({ feeds: [], subscriptions: [], pendingDeliveries: 0 }),
  };
}

async function reply(bot: AdapterHarness, text: string, userId = 'U_ADMIN') {
  const sent = await bot.command(text, { command: '/podcast', userId });
  return blockText((await commandAnswer(bot, sent)).message);
}

describe('/podcast on Slack, through the real Bolt app', () => {
  it('refuses /podcast follow to a user who is neither a workspace admin nor in SLACK_ADMIN_USER_IDS', async () => {
    const follows: FollowService = { follow: async () => { throw new Error('must not be called'); }, unfollow: async () => { throw new Error('no'); }, suggest: async () => [] };
    h = await startAdapterHarness({ extraCommands: [podcastCommand(recordingService([]), follows)], double: { users: { U_USER: {} } } });
    expect(await reply(h, 'follow https://feeds.example/x.xml', 'U_USER')).toContain('Only server managers can use /podcast');
  });

  it('follows what an admin types after "follow", and offers the directory’s matches as a numbered choice', async () => {
    const asked: string[] = [];
    const follows: FollowService = {
      follow: async (_inv, text) => (asked.push(text), { kind: 'choose', term: text, matches: [{ title: 'Quokka Radio', author: 'Q', feedUrl: 'https://q.example/feed', value: 'https://q.example/feed' }] }),
      unfollow: async () => { throw new Error('no'); },
      suggest: async () => [],
    };
    h = await startAdapterHarness({ extraCommands: [podcastCommand(recordingService([]), follows)], adminUserIds: ['U_ADMIN'] });
    const text = await reply(h, 'follow quokka radio');
    expect(asked).toEqual(['quokka radio']);
    expect(text).toContain('1. Quokka Radio — Q');
    expect(text).toContain('/podcast follow quokka radio #1');
  });

  it('subscribes with only: and a user group, after checking the bot can post there', async () => {
    const subscribed: Array<[string, ShapeRequest | undefined]> = [];
    h = await startAdapterHarness({
      extraCommands: [podcastCommand(recordingService(subscribed))],
      adminUserIds: ['U_ADMIN'],
      double: { channels: { C0PRIVATE: { is_private: true, is_member: false } } },
    });
    const ok = await reply(h, 'subscribe only:"chaos kubernetes" <!subteam^S0ONCALL|@oncall> <#C0ANNOUNCE|announcements>');
    expect(ok).toContain('#announcements will get a post for each new episode');
    expect(subscribed).toEqual([['C0ANNOUNCE', { only: 'chaos kubernetes', mention: '<!subteam^S0ONCALL>' }]]);
    const refused = await reply(h, 'subscribe <#C0PRIVATE|secret>');
    expect(refused).toContain('That channel is private and I am not in it');
    expect(subscribed).toHaveLength(1);
    expect(await reply(h, 'subscribe mention:<!here>')).toContain('never @everyone, @here');
  });

  it('pings the subscription’s user group, and nothing else, in an announcement', async () => {
    h = await startAdapterHarness();
    const answer = announcementAnswer(h.library.get('jerome-petazzoni')!, 'Break Things on Purpose', 'https://img.example/show.png');
    await h.adapter.announcementTarget!.postAnnouncement('C0NEWS', answer, 'k1', { mention: '<!subteam^S0ONCALL>' });
    const post = h.double.callsTo('chat.postMessage').at(-1)!;
    expect(post.body['text']).toMatch(/^<!subteam\^S0ONCALL> /);
    const raw = post.body['blocks'];
    const blocks = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ text?: { text: string }; accessory?: { type: string; image_url: string } }>;
    expect(blocks[0]!.text!.text).toBe('<!subteam^S0ONCALL>');
    expect(JSON.stringify(blocks).match(/<!(subteam|here|channel|everyone)/g)).toEqual(['<!subteam']);
    expect(blocks.find((b) => b.accessory)?.accessory).toMatchObject({ type: 'image', image_url: 'https://img.example/show.png' });
  });
});
