import { afterEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../commands/dispatcher.ts';
import type { SlackDispatcher } from '../../../src/adapters/slack/reply.ts';
import {
  blockText,
  buttonsOf,
  closeHarness,
  commandAnswer,
  startAdapterHarness,
  type AdapterHarness,
  type HarnessOptions,
} from '../../doubles/slack/adapter-harness.ts';
import { slashCommandBody } from '../../doubles/slack/payloads.ts';

const APP_TOKEN = 'xapp-1-A0TEST-fake-app-level-token';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let h: AdapterHarness | null = null;

afterEach(async () => {
  await closeHarness(h);
  h = null;
});

async function harness(options: HarnessOptions = {}): Promise<AdapterHarness> {
  h = await startAdapterHarness(options);
  return h;
}

/** The real dispatcher, its commands answering `ms` later (a slow catalog, a slow admin lookup). */
function slowBy(ms: number): (real: Dispatcher) => SlackDispatcher {
  return (real) => ({
    commands: real.commands,
    action: (...args) => real.action(...args),
    command: async (...args) => (await sleep(ms), real.command(...args)),
  });
}

/** A slash command as Socket Mode delivers it: the fields of the HTTP form, as a JSON object. */
function socketSlashCommand(text: string, responseUrl: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(slashCommandBody({ command: '/episode', text, responseUrl })));
}

/** Lets any late POST to a response URL arrive before the test looks for it. */
const settle = () => sleep(150);

describe('Slack slash-command answers in the acknowledgement (HTTP mode)', () => {
  it('sends a ready answer in the HTTP response body, and nothing to the response URL', async () => {
    const bot = await harness();

    const sent = await bot.command('chaos', { command: '/episode' });
    await settle();

    expect(sent.res.status).toBe(200);
    expect(sent.res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = sent.res.json as Record<string, unknown>;
    expect(body).toMatchObject({ response_type: 'ephemeral', unfurl_links: false, unfurl_media: false });
    expect(body['text']).toMatch(/^Episodes matching “chaos”: 1\. Taylor Dolezal/);
    expect(blockText(body)).toContain('▶ Chaos Engineering and improvement — 11:25');
    expect(buttonsOf(body).map((b) => b.text)).toEqual(['Next page', 'Similar episodes', 'Share in channel']);
    expect(bot.double.responsesTo(sent.responseId)).toEqual([]);
    expect(bot.double.calls).toEqual([]);
  });

  it('sends a public answer in the acknowledgement as in_channel', async () => {
    const bot = await harness({ ephemeral: false });

    const sent = await bot.command('istio', { command: '/recommend' });
    await settle();

    expect(sent.res.json).toMatchObject({ response_type: 'in_channel' });
    expect(blockText(sent.res.json as Record<string, unknown>)).toContain('If you liked “Zack Butcher”');
    expect(bot.double.calls).toEqual([]);
  });

  it('acknowledges a slower answer empty when the budget runs out and posts it to the response URL', async () => {
    const bot = await harness({ wrapDispatcher: slowBy(400), answerBudgetMs: 50 });

    const sent = await bot.command('chaos', { command: '/episode' });
    const postedBeforeAck = bot.double.responsesTo(sent.responseId).length;
    const answer = await commandAnswer(bot, sent);

    expect(sent.res.status).toBe(200);
    expect(sent.res.body).toBe('');
    expect(postedBeforeAck).toBe(0);
    expect(answer.via).toBe('response_url');
    expect(answer.message['response_type']).toBe('ephemeral');
    expect(blockText(answer.message)).toContain('Page 1 of 2 · 7 results');
    await settle();
    expect(bot.double.responsesTo(sent.responseId)).toHaveLength(1);
  });

  it('posts a slow public answer to the response URL as in_channel', async () => {
    const bot = await harness({ wrapDispatcher: slowBy(300), answerBudgetMs: 30, ephemeral: false });

    const sent = await bot.command('', { command: '/latest' });
    const answer = await commandAnswer(bot, sent);

    expect(sent.res.body).toBe('');
    expect(answer).toMatchObject({ via: 'response_url', message: { response_type: 'in_channel' } });
  });

  it('puts the apology in the acknowledgement when the answer fails within the budget', async () => {
    const bot = await harness({
      wrapDispatcher: (real) => ({ ...slowBy(0)(real), command: async () => Promise.reject(new Error('kaboom')) }),
    });

    const sent = await bot.command('chaos', { command: '/episode' });
    await settle();

    expect(sent.res.json).toMatchObject({ response_type: 'ephemeral' });
    expect(blockText(sent.res.json as Record<string, unknown>)).toContain('Sorry, something went wrong on my side');
    expect(bot.logs.filter((l) => l.level === 50).map((l) => [l.msg, l['command']])).toEqual([['Slack request failed', '/episode']]);
    expect(bot.double.calls).toEqual([]);
  });
});

describe('Slack slash-command answers in the acknowledgement (Socket Mode)', () => {
  it('sends a ready answer in the envelope ack payload, and nothing to the response URL', async () => {
    const bot = await harness({ appToken: APP_TOKEN });
    bot.double.clearCalls();

    const ack = await bot.double.socketMode.send('slash_commands', socketSlashCommand('chaos', bot.double.responseUrl('sock-fast')));
    await settle();

    expect(ack).toMatchObject({ response_type: 'ephemeral', unfurl_links: false });
    expect(blockText(ack)).toContain('▶ Chaos Engineering and improvement — 11:25');
    expect(buttonsOf(ack).map((b) => b.text)).toEqual(['Next page', 'Similar episodes', 'Share in channel']);
    expect(bot.double.responsesTo('sock-fast')).toEqual([]);
  });

  it('acks a slower answer with an empty payload and posts it to the response URL', async () => {
    const bot = await harness({ appToken: APP_TOKEN, wrapDispatcher: slowBy(400), answerBudgetMs: 50 });

    const ack = await bot.double.socketMode.send('slash_commands', socketSlashCommand('chaos', bot.double.responseUrl('sock-slow')));
    const postedBeforeAck = bot.double.responsesTo('sock-slow').length;
    const reply = await bot.double.waitForResponse('sock-slow');

    expect(ack).toEqual({});
    expect(postedBeforeAck).toBe(0);
    expect(reply['response_type']).toBe('ephemeral');
    expect(blockText(reply)).toContain('Page 1 of 2 · 7 results');
  });
});
