import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandOption, Invocation } from '../../../commands/types.ts';
import { emptyAnswer } from '../../../src/core/answers/answer.ts';
import type { Suggestion } from '../../../src/core/search/name-index.ts';
import { autocompleteChoices, type Choice } from '../../../src/adapters/discord/autocomplete-choices.ts';
import type { DiscordDispatcher } from '../../../src/adapters/discord/handler-deps.ts';
import { startDiscordBot, type DiscordBotHarness } from '../../doubles/discord/bot-harness.ts';

/** Checks Discord's rules for autocomplete answers: ≤ 25 choices, names 1–100 and values ≤ 100, no duplicates. */
function expectValidChoices(choices: Choice[]): void {
  expect(choices.length).toBeLessThanOrEqual(25);
  for (const c of choices) {
    expect(c.name.length).toBeGreaterThan(0);
    expect(c.name.length).toBeLessThanOrEqual(100);
    expect(c.value.length).toBeLessThanOrEqual(100);
  }
  expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
  expect(new Set(choices.map((c) => c.name)).size).toBe(choices.length);
}

describe('Discord autocomplete through the real discord.js Client', () => {
  let bot: DiscordBotHarness;

  beforeAll(async () => {
    bot = await startDiscordBot({
      wrapDispatcher: (real) => ({
        get commands() {
          return real.commands;
        },
        command: (name, options, invocation) => real.command(name, options, invocation),
        action: (encoded, invocation) => real.action(encoded, invocation),
        suggest(typed, kinds, limit) {
          if (typed === 'explode') throw new Error('suggest exploded');
          return real.suggest(typed, kinds, limit);
        },
      }),
    });
  });

  afterAll(async () => {
    await bot?.close();
  });

  async function complete(name: string, focusedOption: string, value: string): Promise<Choice[]> {
    const { id } = bot.double.sendInteraction(bot.double.autocompleteInteraction({ name, focusedOption, value }));
    const callback = await bot.double.waitForCallback(id);
    expect(callback.body.type).toBe(8);
    const choices = (callback.body.data as { choices: Choice[] }).choices;
    expectValidChoices(choices);
    return choices;
  }

  it('offers Jérôme’s episode, with its Kubernetes chapter, for "kub" (callback type 8)', async () => {
    const { id } = bot.double.sendInteraction(bot.double.autocompleteInteraction({ name: 'episode', focusedOption: 'query', value: 'kub' }));
    expect((await bot.double.waitForCallback(id)).body).toEqual({
      type: 8,
      data: { choices: [{ name: 'Jérôme Petazzoni · Multilayered Kubernetes lasagna', value: 'jerome-petazzoni' }] },
    });
  });

  it('completes guest names with typos for /guest', async () => {
    expect(await complete('guest', 'name', 'petazoni')).toEqual([{ name: 'Jérôme Petazzoni', value: 'Jérôme Petazzoni' }]);
  });

  it('marks guests apart from episodes of the same name when an option takes both', async () => {
    const choices = await complete('episode', 'query', 'jer');
    expect(choices.slice(0, 2)).toEqual([
      { name: 'Jérôme Petazzoni', value: 'jerome-petazzoni' },
      { name: 'Jérôme Petazzoni (guest)', value: 'Jérôme Petazzoni' },
    ]);
  });

  it('offers the latest episodes before anything is typed, or their guests for /guest', async () => {
    const latest = bot.library.latest(0, 5);
    expect(await complete('recommend', 'episode', '')).toEqual(latest.map((e) => ({ name: e.title, value: e.id })));
    expect((await complete('guest', 'name', '')).map((c) => c.value)).toEqual(latest.flatMap((e) => e.guests.map((g) => g.name)));
  });

  it('keeps within Discord’s limits for short and over-long input', async () => {
    expect((await complete('episode', 'query', 'ta')).length).toBeGreaterThan(0);
    expect(await complete('episode', 'query', 'chaos engineering '.repeat(8))).toBeDefined();
  });

  it('answers with no choices when completion fails, and logs why', async () => {
    expect(await complete('episode', 'query', 'explode')).toEqual([]);
    expect(bot.logs.filter((l) => l.level >= 50).at(-1)).toMatchObject({
      msg: 'Discord autocomplete failed',
      err: { message: 'suggest exploded' },
      command: 'episode',
    });
  });

  it('answers with no choices for an unknown command or an option without autocomplete', async () => {
    expect(await complete('nope', 'query', 'kub')).toEqual([]);
    expect(await complete('episode', 'other', 'kub')).toEqual([]);
  });
});

describe('autocomplete choices', () => {
  const invocation: Invocation = { platform: 'discord', userId: 'u', channelId: 'c', serverId: null, canManage: false };
  const option: CommandOption = { name: 'query', description: 'd', type: 'string', required: false, maxLength: 80, autocomplete: ['episode', 'guest'] };

  function fakeDispatcher(suggestions: Suggestion[]): DiscordDispatcher {
    return {
      commands: [],
      suggest: () => suggestions,
      command: async () => emptyAnswer('notice', 'nothing'),
      action: async () => ({ answer: emptyAnswer('notice', 'nothing'), tag: '' }),
    };
  }

  it('clips long names at a character boundary, leaves out values that do not fit, dedupes, and stops at 25', async () => {
    const emoji = '🎙️'.repeat(60);
    const suggestions: Suggestion[] = [
      { label: emoji, value: 'long-title', kind: 'episode' },
      { label: 'Value too long', value: 'v'.repeat(81), kind: 'episode' },
      { label: 'Twice', value: 'twice', kind: 'episode' },
      { label: 'Twice', value: 'twice', kind: 'episode' },
      ...Array.from({ length: 40 }, (_, i) => ({ label: `Episode ${i}`, value: `ep-${i}`, kind: 'episode' as const })),
    ];
    const choices = await autocompleteChoices(fakeDispatcher(suggestions), option, 'x', invocation);

    expectValidChoices(choices);
    expect(choices).toHaveLength(25);
    expect(choices[0]!.name.endsWith('…')).toBe(true);
    expect(choices[0]!.name).not.toMatch(/[\uD800-\uDBFF]…$/);
    expect(choices.map((c) => c.value)).not.toContain('v'.repeat(81));
    expect(choices.filter((c) => c.value === 'twice')).toHaveLength(1);
  });

  it('neutralises @everyone and masked links in choice names', async () => {
    const choices = await autocompleteChoices(fakeDispatcher([{ label: '@everyone [a](https://evil.example)', value: 'x', kind: 'episode' }]), option, 'x', invocation);
    expect(choices[0]!.name).toBe('@\u200beveryone [a]\u200b(https://evil.example)');
  });
});
