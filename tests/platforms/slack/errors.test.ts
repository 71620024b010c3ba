import { afterEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../commands/dispatcher.ts';
import type { CommandDefinition } from '../../../commands/types.ts';
import type { SlackDispatcher } from '../../../src/adapters/slack/reply.ts';
import {
  blockText,
  closeHarness,
  commandAnswer,
  startAdapterHarness,
  type AdapterHarness,
} from '../../doubles/slack/adapter-harness.ts';

let h: AdapterHarness | null = null;

afterEach(async () => {
  await closeHarness(h);
  h = null;
});

const APOLOGY = '\u200B*Sorry, something went wrong on my side*\u200B\nThe problem has been logged. Please try again in a moment.';

const boom: CommandDefinition = {
  name: 'boom',
  description: 'Always fails',
  options: [],
  examples: [],
  run: () => {
    throw new Error('kaboom in a command');
  },
};

/** The real dispatcher, each command answering `ms` later. */
function slowBy(ms: number): (real: Dispatcher) => SlackDispatcher {
  return (real) => ({
    commands: real.commands,
    action: (...args) => real.action(...args),
    command: async (...args) => (await new Promise((resolve) => setTimeout(resolve, ms)), real.command(...args)),
  });
}

/** A dispatcher whose first `command` and `action` calls throw (as if the adapter's own code failed). */
function throwingOnce(real: Dispatcher): SlackDispatcher {
  let commandFailed = false;
  let actionFailed = false;
  return {
    commands: real.commands,
    command: async (...args) => {
      if (!commandFailed) throw ((commandFailed = true), new Error('kaboom in the dispatcher'));
      return real.command(...args);
    },
    action: async (...args) => {
      if (!actionFailed) throw ((actionFailed = true), new Error('kaboom in an action'));
      return real.action(...args);
    },
  };
}

async function reply(bot: AdapterHarness, command: string, text = '') {
  const sent = await bot.command(text, { command });
  expect(sent.res.status).toBe(200);
  return (await commandAnswer(bot, sent)).message;
}

describe('Slack error handling', () => {
  it('apologises privately when a command throws, reports it with context, and keeps answering', async () => {
    h = await startAdapterHarness({ extraCommands: [boom], ephemeral: false });

    const sorry = await reply(h, '/boom');

    expect(sorry['response_type']).toBe('ephemeral');
    expect(blockText(sorry)).toBe(APOLOGY);
    expect(h.dispatcherErrors).toHaveLength(1);
    expect((h.dispatcherErrors[0]!.err as Error).message).toBe('kaboom in a command');
    expect(h.dispatcherErrors[0]!.context).toEqual({
      command: 'boom', options: {}, platform: 'slack', userId: 'U_USER', channelId: 'C_GENERAL', serverId: 'T_TEST', canManage: false,
    });
    expect(blockText(await reply(h, '/episode', 'chaos'))).toContain('Page 1 of 2 · 7 results');
  });

  it('logs an exception in the adapter with command, user, channel and team, apologises, and keeps answering', async () => {
    h = await startAdapterHarness({ wrapDispatcher: throwingOnce });

    const sorry = await reply(h, '/episode', 'chaos');

    expect(sorry).toMatchObject({ response_type: 'ephemeral' });
    expect(blockText(sorry)).toBe(APOLOGY);
    const logged = h.logs.filter((l) => l.level === 50);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      msg: 'Slack request failed', command: '/episode', user: 'U_USER', channel: 'C_GENERAL', team: 'T_TEST',
      err: { message: 'kaboom in the dispatcher' },
    });
    expect(blockText(await reply(h, '/episode', 'chaos'))).toContain('Page 1 of 2 · 7 results');
  });

  it('logs an exception while answering a button with its context and apologises in a new private message', async () => {
    h = await startAdapterHarness({ wrapDispatcher: throwingOnce });
    const { responseId } = await h.press('1:e:1:chaos', { message: null, userId: 'U_OTHER', channelId: 'C_RANDOM' });

    const sorry = await h.double.waitForResponse(responseId);

    expect(sorry).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(h.logs.filter((l) => l.level === 50)).toMatchObject([
      { msg: 'Slack request failed', action: '1:e:1:chaos', user: 'U_OTHER', channel: 'C_RANDOM', team: 'T_TEST' },
    ]);
  });

  it('logs a response URL that has expired and still answers the next command', async () => {
    // A slow answer (past the budget) is the one that goes to the response URL.
    h = await startAdapterHarness({ wrapDispatcher: slowBy(200), answerBudgetMs: 20 });
    h.double.failResponseUrl('cmd-expired', 404, 'expired_url');

    const { res } = await h.command('chaos', { command: '/episode', responseUrl: h.double.responseUrl('cmd-expired') });

    expect(res.status).toBe(200);
    await h.double.waitForCall('response_url', () => h!.double.responsesTo('cmd-expired').length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.logs.filter((l) => l.level === 50).map((l) => [l.msg, l['command'], (l['err'] as { message: string }).message])).toEqual([
      ['Slack request failed', '/episode', 'Failed to respond to the response_url: 404 Not Found'],
      ['cannot send the apology to Slack', '/episode', 'Failed to respond to the response_url: 404 Not Found'],
    ]);
    expect(blockText(await reply(h, '/latest'))).toContain('Latest episodes');
  });
});
