import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Events } from 'discord.js';
import type { CommandDefinition } from '../../../commands/types.ts';
import { buttonId, pressButton, runCommand, startDiscordBot, type DiscordBotHarness } from '../../doubles/discord/bot-harness.ts';

const EPHEMERAL = 64;
const APOLOGY = 'Sorry, something went wrong on my side';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const boom: CommandDefinition = {
  name: 'boom',
  description: 'Always fails',
  options: [{ name: 'topic', description: 'Anything', type: 'string', required: false, maxLength: 80, autocomplete: false }],
  examples: [],
  run() {
    throw new Error('boom in the handler');
  },
};

describe('Discord adapter when things fail or take long', () => {
  let bot: DiscordBotHarness;
  let actionDelayMs = 0;

  beforeAll(async () => {
    bot = await startDiscordBot({
      deferAfterMs: 150,
      extraCommands: [boom],
      wrapDispatcher: (real) => ({
        get commands() {
          return real.commands;
        },
        async command(name, options, invocation) {
          if (name === 'crash') throw new Error('adapter-level crash');
          if (name === 'slowcrash') return sleep(450).then(() => Promise.reject(new Error('late crash')));
          if (options['query'] === 'slow chaos') return sleep(450).then(() => real.command(name, { query: 'chaos' }, invocation));
          return real.command(name, options, invocation);
        },
        action: async (encoded, invocation) => (await sleep(actionDelayMs), real.action(encoded, invocation)),
        suggest: (typed, kinds, limit) => real.suggest(typed, kinds, limit),
      }),
    });
  });

  afterAll(async () => {
    await bot?.close();
  });

  const errorLogs = () => bot.logs.filter((l) => l.level >= 50);
  const webhookEdit = (token: string) =>
    bot.double.waitForRequest((r) => r.method === 'PATCH' && r.path === `/webhooks/${bot.double.applicationId}/${token}/messages/@original`);

  it('apologises privately when a command handler throws, reports it with context, and answers the next command', async () => {
    const reply = await runCommand(bot.double, 'boom', { topic: 'anything' });

    expect(reply.type).toBe(4);
    expect(reply.data.flags).toBe(EPHEMERAL);
    expect(reply.data.embeds[0]!.title).toBe(APOLOGY);
    expect(bot.dispatcherErrors.at(-1)?.context).toEqual({
      command: 'boom',
      options: { topic: 'anything' },
      platform: 'discord',
      userId: '1300000000000000201',
      channelId: bot.double.channelId,
      serverId: bot.double.guildId,
      canManage: false,
    });
    expect((await runCommand(bot.double, 'episode', { query: 'kubernetes' })).data.embeds[0]!.title).toBe('Jérôme Petazzoni');
  });

  it('logs an exception escaping the dispatcher with the interaction context, apologises, and keeps running', async () => {
    const reply = await runCommand(bot.double, 'crash', { query: 'anything' });

    expect(reply.body).toMatchObject({ type: 4, data: { flags: EPHEMERAL, allowed_mentions: { parse: [] }, embeds: [{ title: APOLOGY }] } });
    expect(errorLogs().at(-1)).toMatchObject({
      msg: 'Discord interaction failed',
      err: { message: 'adapter-level crash' },
      command: 'crash',
      options: { query: 'anything' },
      userId: '1300000000000000201',
      guildId: bot.double.guildId,
      channelId: bot.double.channelId,
      interactionId: reply.id,
    });
    expect((await runCommand(bot.double, 'latest')).type).toBe(4);
  });

  it('defers a slow command (type 5, ephemeral) and then edits the original message with the answer', async () => {
    const reply = await runCommand(bot.double, 'episode', { query: 'slow chaos' });
    expect(reply.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });

    const edit = await webhookEdit(reply.token);
    expect(edit.body).toMatchObject({
      embeds: [{ author: { name: 'Episodes matching “chaos”' } }, { footer: { text: 'Page 1 of 2 · 7 results' } }],
      allowed_mentions: { parse: [] },
    });
    expect(edit.status).toBe(200);
  });

  it('replaces the loading message with the apology when a deferred command then fails', async () => {
    const reply = await runCommand(bot.double, 'slowcrash');
    expect(reply.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect((await webhookEdit(reply.token)).body).toMatchObject({ embeds: [{ title: APOLOGY }], allowed_mentions: { parse: [] } });
    expect(errorLogs().at(-1)).toMatchObject({ err: { message: 'late crash' }, command: 'slowcrash' });
  });

  it('defers a slow button with type 6 and then edits the message it was on', async () => {
    const first = await runCommand(bot.double, 'episode', { query: 'chaos' });
    actionDelayMs = 450;
    try {
      const next = await pressButton(bot.double, buttonId(first.data, 'Next'), first.data);
      expect(next.body).toEqual({ type: 6 });
      expect((await webhookEdit(next.token)).body).toMatchObject({ embeds: [{ title: 'Zack Butcher' }, { footer: { text: 'Page 2 of 2 · 7 results' } }] });
    } finally {
      actionDelayMs = 0;
    }
  });

  it('defers a slow "Post to channel" publicly (type 5 without the ephemeral flag), then posts the shared answer', async () => {
    const first = await runCommand(bot.double, 'episode', { query: 'kubernetes lasagna' });
    actionDelayMs = 450;
    try {
      const shared = await pressButton(bot.double, buttonId(first.data, 'Post to channel'), first.data);
      expect(shared.body).toEqual({ type: 5, data: { flags: 0 } });
      expect((await webhookEdit(shared.token)).body).toMatchObject({
        content: 'Shared by <@1300000000000000201>',
        embeds: [{ title: 'Jérôme Petazzoni' }],
        allowed_mentions: { parse: [] },
      });
    } finally {
      actionDelayMs = 0;
    }
  });

  it('logs client and gateway errors without stopping', async () => {
    bot.adapter.client.emit(Events.Error, new Error('client trouble'));
    bot.adapter.client.emit(Events.ShardError, new Error('gateway trouble'), 0);

    expect(errorLogs().slice(-2)).toMatchObject([
      { msg: 'Discord client error', err: { message: 'client trouble' } },
      { msg: 'Discord gateway error', err: { message: 'gateway trouble' }, shardId: 0 },
    ]);
    expect((await runCommand(bot.double, 'help')).type).toBe(4);
  });
});

describe('Discord adapter with public answers when a slow answer turns out private', () => {
  let bot: DiscordBotHarness;
  beforeAll(async () => {
    bot = await startDiscordBot({
      ephemeral: false,
      deferAfterMs: 150,
      wrapDispatcher: (real) => ({
        get commands() {
          return real.commands;
        },
        command: async (name, options, invocation) => (await sleep(450), real.command(name, options, invocation)),
        action: (encoded, invocation) => real.action(encoded, invocation),
        suggest: (typed, kinds, limit) => real.suggest(typed, kinds, limit),
      }),
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('defers publicly, then deletes the loading message and follows up privately with the notice', async () => {
    const reply = await runCommand(bot.double, 'guest', { name: 'nobody-like-this-xyz' });
    expect(reply.body).toEqual({ type: 5, data: { flags: 0 } });

    const original = `/webhooks/${bot.double.applicationId}/${reply.token}`;
    const deleted = await bot.double.waitForRequest((r) => r.method === 'DELETE' && r.path === `${original}/messages/@original`);
    const followUp = await bot.double.waitForRequest((r) => r.method === 'POST' && r.path === original);
    expect(deleted.status).toBe(204);
    expect(followUp.body).toMatchObject({ flags: EPHEMERAL, embeds: [{ title: 'No guest matches “nobody-like-this-xyz”' }], allowed_mentions: { parse: [] } });
  });
});
