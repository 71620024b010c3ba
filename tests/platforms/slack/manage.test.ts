import { afterEach, describe, expect, it } from 'vitest';
import { podcastCommand, type PodcastService } from '../../../commands/podcast.ts';
import type { CommandDefinition } from '../../../commands/types.ts';
import { emptyAnswer } from '../../../src/core/answers/answer.ts';
import { blockText, closeHarness, commandAnswer, startAdapterHarness, type AdapterHarness } from '../../doubles/slack/adapter-harness.ts';

let h: AdapterHarness | null = null;

afterEach(async () => {
  await closeHarness(h);
  h = null;
});

async function reply(bot: AdapterHarness, command: string, text = '') {
  const sent = await bot.command(text, { command });
  expect(sent.res.status).toBe(200);
  return (await commandAnswer(bot, sent)).message;
}

describe('Slack manager-only commands', () => {
  const podcast: CommandDefinition = {
    name: 'podcast',
    description: 'Manage feed subscriptions',
    options: [],
    examples: [],
    requiresManage: true,
    run: () => emptyAnswer('notice', 'Subscriptions updated'),
  };
  const users = { U_ADMIN: { is_admin: true }, U_USER: {} };

  it('lets a workspace admin run one, after asking users.info', async () => {
    h = await startAdapterHarness({ extraCommands: [podcast], double: { users } });

    const answer = await reply(h, '/podcast', '');
    const admin = await h.command('', { command: '/podcast', userId: 'U_ADMIN' });

    expect(blockText(answer)).toContain('Only server managers can use /podcast');
    expect(blockText((await commandAnswer(h, admin)).message)).toContain('Subscriptions updated');
    expect(h.double.callsTo('users.info').map((c) => c.body['user'])).toEqual(['U_USER', 'U_ADMIN']);
  });

  it('lets a user listed in SLACK_ADMIN_USER_IDS run one without any Web API call', async () => {
    h = await startAdapterHarness({ extraCommands: [podcast], adminUserIds: ['U_USER'], double: { users } });

    expect(blockText(await reply(h, '/podcast'))).toContain('Subscriptions updated');
    expect(h.double.callsTo('users.info')).toEqual([]);
  });

  it('never asks users.info for everyday commands', async () => {
    h = await startAdapterHarness({ double: { users } });

    await reply(h, '/episode', 'chaos');

    expect(h.double.callsTo('users.info')).toEqual([]);
  });

  it('subscribes the channel of "/podcast subscribe #announcements" by the id Slack sends', async () => {
    const subscribed: Array<[string, string | null, string]> = [];
    const service: PodcastService = {
      subscribe: async (inv, channelId) => (subscribed.push([channelId, inv.serverId, inv.platform]), 'created'),
      unsubscribe: async () => false,
      status: async () => {
        throw new Error('not called');
      },
    };
    h = await startAdapterHarness({ extraCommands: [podcastCommand(service)], adminUserIds: ['U_USER'] });

    const answer = await reply(h, '/podcast', 'subscribe <#C0ANNOUNCE|announcements>');

    expect(blockText(answer)).toContain('#announcements will get a post for each new episode. Past episodes are not posted.');
    expect(subscribed).toEqual([['C0ANNOUNCE', 'T_TEST', 'slack']]);
  });
});
