import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invocation } from '../../../commands/types.ts';
import { decodeActionRef } from '../../../src/core/answers/action-ref.ts';
import { DEFAULT_MEMBER_PERMISSIONS } from '../../doubles/discord/index.ts';
import {
  buttonId,
  pressButton,
  runCommand,
  startDiscordBot,
  type DiscordBotHarness,
  type MessageData,
} from '../../doubles/discord/bot-harness.ts';

const EPHEMERAL = 64;
const MANAGE_GUILD = 1n << 5n;

/** Every outbound TCP connection made by this file (REST via undici, gateway via ws). */
const outbound: string[] = [];
const onSocket = (message: unknown): void => {
  const socket = (message as { socket: Socket }).socket;
  socket.once('lookup', (_e: Error | null, _a: string, _f: number, host: string) => outbound.push(`dns:${host}`));
  socket.once('connect', () => outbound.push(`${socket.remoteAddress}:${socket.remotePort}`));
};

const fieldNames = (data: MessageData) => data.embeds.flatMap((e) => e.fields ?? []).map((f) => f.name);
const labels = (data: MessageData) => data.components.flatMap((row) => row.components.map((b) => b.label));

describe('Discord adapter: commands and buttons through the real discord.js Client', () => {
  let bot: DiscordBotHarness;
  const invocations: Invocation[] = [];

  beforeAll(async () => {
    subscribe('net.client.socket', onSocket);
    bot = await startDiscordBot({
      wrapDispatcher: (real) => ({
        get commands() {
          return real.commands;
        },
        command: (name, options, invocation) => (invocations.push(invocation), real.command(name, options, invocation)),
        action: (encoded, invocation) => (invocations.push(invocation), real.action(encoded, invocation)),
        suggest: (typed, kinds, limit) => real.suggest(typed, kinds, limit),
      }),
    });
  });

  afterAll(async () => {
    await bot?.close();
    unsubscribe('net.client.socket', onSocket);
  });

  it('answers /episode kubernetes lasagna privately: Jérôme Petazzoni, the chapter at 16:06, matched words in bold', async () => {
    const reply = await runCommand(bot.double, 'episode', { query: 'kubernetes lasagna' });

    // The exact callback body (discord.js's own defaults `tts: false, enforce_nonce: false` went with its Interaction classes).
    expect(reply.body).toEqual({
      type: 4,
      data: {
        embeds: [
          {
            author: { name: 'Episodes matching “kubernetes lasagna”' },
            title: 'Jérôme Petazzoni',
            url: 'https://www.gremlin.com/blog/podcast-break-things-on-purpose-jerome-petazzoni-tinkerer-and-container-technology-educator',
            description:
              '▶ Multilayered Kubernetes lasagna — 16:06\n' +
              "> “…at dotCloud and avoiding a major outage, multilayered **Kubernetes** **lasagna**, and empowering others and what's important.”",
            fields: [{ name: 'Guest', value: 'Jérôme Petazzoni', inline: true }],
            color: 0x5865f2,
          },
        ],
        components: [
          {
            type: 1,
            components: [
              { type: 2, style: 1, label: 'Similar episodes', custom_id: '1:s:0:jerome-petazzoni' },
              { type: 2, style: 3, label: 'Post to channel', custom_id: 'share/1:e:0:kubernetes lasagna' },
            ],
          },
        ],
        allowed_mentions: { parse: [] },
        flags: EPHEMERAL,
      },
    });
    expect(decodeActionRef(buttonId(reply.data, 'Post to channel'))).toEqual({
      ok: true,
      value: { tag: 'share', ref: { command: 'episode', arg: 'kubernetes lasagna', page: 0 } },
    });
  });

  it('answers an empty /episode with the latest episodes, newest first, and a Next button to older ones', async () => {
    const newest = bot.library.latest(0, 1)[0]!;
    const reply = await runCommand(bot.double, 'episode');

    expect(reply.type).toBe(4);
    expect(reply.data.embeds[0]).toMatchObject({ author: { name: 'The latest episodes' }, title: newest.title });
    expect(labels(reply.data)).toContain('Next');
    expect(decodeActionRef(buttonId(reply.data, 'Next'))).toMatchObject({ ok: true, value: { ref: { command: 'latest', page: 1 } } });
  });

  it('pages /episode chaos with Next and Previous, updating the private message in place (type 7)', async () => {
    const first = await runCommand(bot.double, 'episode', { query: 'chaos' });
    expect(first.data.embeds.at(-1)!.footer).toEqual({ text: 'Page 1 of 2 · 7 results' });
    expect(fieldNames(first.data).filter((n) => /^\d+\./.test(n))).toHaveLength(4);

    const second = await pressButton(bot.double, buttonId(first.data, 'Next'), first.data);
    expect(second.type).toBe(7);
    expect(second.data.flags).toBeUndefined();
    expect(second.data.embeds[0]!.author).toEqual({ name: 'Episodes matching “chaos”' });
    expect(second.data.embeds[0]!.title).toBe('Zack Butcher');
    expect(fieldNames(second.data)).toContain('7. Maxim Fateev and Samar Abbas');
    expect(second.data.embeds.at(-1)!.footer).toEqual({ text: 'Page 2 of 2 · 7 results' });
    expect(labels(second.data)).toEqual(['Previous', 'Similar episodes', 'Post to channel']);
    expect(buttonId(second.data, 'Post to channel')).toBe('share/1:e:1:chaos');
    expect(second.data.allowed_mentions).toEqual({ parse: [] });

    const back = await pressButton(bot.double, buttonId(second.data, 'Previous'), second.data);
    expect(back.type).toBe(7);
    expect(back.data.embeds.at(-1)!.footer).toEqual({ text: 'Page 1 of 2 · 7 results' });
    expect(back.data.embeds[0]!.title).toBe(first.data.embeds[0]!.title);
  });

  it('replaces the message with similar episodes and why when "Similar episodes" is pressed', async () => {
    const reply = await runCommand(bot.double, 'episode', { query: 'kubernetes lasagna' });
    const similar = await pressButton(bot.double, buttonId(reply.data, 'Similar episodes'), reply.data);

    expect(similar.type).toBe(7);
    expect(similar.data.embeds[0]).toMatchObject({ author: { name: 'If you liked “Jérôme Petazzoni”' }, title: 'The Hill You\'ll Die On' });
    expect(similar.data.embeds[0]!.description).toContain('*Also with Jérôme Petazzoni*');
    // Episodes that only share a broad word ("Also about technology") are no longer recommended (issue 12).
    expect(JSON.stringify(similar.data.embeds)).not.toContain('Also about technology');
    expect(similar.data.embeds).toHaveLength(1);
    expect(labels(similar.data)).toEqual(['Post to channel']);
  });

  it('shows another episode in place when "Another one" is pressed under /random', async () => {
    const reply = await runCommand(bot.double, 'random');
    expect(reply.data.embeds[0]!.author!.name).toMatch(/^Random pick: /);

    const another = await pressButton(bot.double, buttonId(reply.data, 'Another one'), reply.data);
    expect(another.type).toBe(7);
    expect(another.data.embeds[0]!.author!.name).toMatch(/^Random pick: /);
    expect(labels(another.data)).toContain('Another one');
  });

  it('posts the answer publicly with "Post to channel": type 4 without flags, a "Shared by" line that pings nobody', async () => {
    const reply = await runCommand(bot.double, 'episode', { query: 'kubernetes lasagna' });
    const shared = await pressButton(bot.double, buttonId(reply.data, 'Post to channel'), reply.data, { user: { id: '1300000000000000444' } });

    expect(shared.type).toBe(4);
    expect(shared.data.flags).toBeUndefined();
    expect(shared.data.content).toBe('Shared by <@1300000000000000444>');
    expect(shared.data.allowed_mentions).toEqual({ parse: [] });
    expect(shared.data.embeds).toEqual(reply.data.embeds);
    expect(labels(shared.data)).toEqual(['Similar episodes']);
  });

  it('answers "Post to channel" for an episode that has gone with a private notice', async () => {
    const reply = await pressButton(bot.double, 'share/1:x:0:no-such-episode', null);
    expect(reply.type).toBe(4);
    expect(reply.data.flags).toBe(EPHEMERAL);
    expect(reply.data.embeds[0]!.title).toBe('That episode is no longer in the catalog');
  });

  it('answers a stale or unknown button with a private "That button has expired", leaving the message alone', async () => {
    for (const customId of ['0:e:0:from-an-old-version', 'not-a-ref-at-all']) {
      const reply = await pressButton(bot.double, customId, null);
      expect(reply.type).toBe(4);
      expect(reply.data.flags).toBe(EPHEMERAL);
      expect(reply.data.embeds[0]).toMatchObject({ title: 'That button has expired', footer: { text: 'Try: /episode  ·  /latest  ·  /help' } });
      expect(reply.data.components).toEqual([]);
    }
  });

  it('answers in a DM, where there is no guild and no member: serverId null, canManage false', async () => {
    const reply = await runCommand(bot.double, 'episode', { query: 'kubernetes' }, { guildId: null, user: { id: '1300000000000000333', username: 'dm-fan' } });
    expect(reply.type).toBe(4);
    expect(reply.data.embeds[0]!.title).toBe('Jérôme Petazzoni');
    expect(invocations.at(-1)).toEqual({ platform: 'discord', userId: '1300000000000000333', channelId: expect.stringMatching(/^\d+$/), serverId: null, canManage: false });
  });

  it('tells the dispatcher canManage only for members with Manage Server', async () => {
    await runCommand(bot.double, 'latest');
    expect(invocations.at(-1)).toEqual({ platform: 'discord', userId: '1300000000000000201', channelId: bot.double.channelId, serverId: bot.double.guildId, canManage: false });
    await runCommand(bot.double, 'latest', {}, { memberPermissions: BigInt(DEFAULT_MEMBER_PERMISSIONS) | MANAGE_GUILD });
    expect(invocations.at(-1)!.canManage).toBe(true);
  });

  it('answers a 5,000-character query with a friendly "too long", privately', async () => {
    const reply = await runCommand(bot.double, 'episode', { query: 'x'.repeat(5000) });
    expect(reply.type).toBe(4);
    expect(reply.data.flags).toBe(EPHEMERAL);
    expect(reply.data.embeds[0]).toMatchObject({
      title: 'That query is too long',
      description: 'Please keep it to 80 characters or fewer; yours has 5,000.\n\nA few keywords work best.',
    });
  });

  it('answers /help privately with each command as a field', async () => {
    const reply = await runCommand(bot.double, 'help');
    expect(reply.data.flags).toBe(EPHEMERAL);
    expect(fieldNames(reply.data)).toEqual(['/episode \\[query\\] \\[show\\]', '/latest \\[show\\]', '/guest <name>', '/random \\[show\\]', '/recommend <episode>', '/help']);
  });

  it('neutralises a hostile query: no @everyone, no role mention, no masked link, markdown escaped', async () => {
    const hostile = '@everyone <@&123> **x** [a](https://evil.example)';
    const found = await runCommand(bot.double, 'episode', { query: hostile });
    expect(found.data.allowed_mentions).toEqual({ parse: [] });
    expect(found.data.embeds[0]!.author!.name).toBe('Episodes matching “@\u200beveryone <@&123> **x** [a]\u200b(https://evil.example)”');

    const none = await runCommand(bot.double, 'guest', { name: hostile });
    expect(none.data.embeds[0]!.title).toBe('No guest matches “@\u200beveryone \\<@&123> \\*\\*x\\*\\* \\[a\\]\u200b(https://evil.example)”');
    for (const reply of [found, none]) {
      const shown = JSON.stringify([reply.data.content, reply.data.embeds]);
      expect(shown).not.toMatch(/@everyone|@here|\[a\]\(/);
    }
  });

  it('sends allowed_mentions { parse: [] } with every message it posts', () => {
    const messages = bot.double.callbacks.filter((c) => c.body.type === 4 || c.body.type === 7);
    expect(messages.length).toBeGreaterThan(10);
    for (const c of messages) expect(c.body.data?.['allowed_mentions']).toEqual({ parse: [] });
  });

  it('made no unmatched REST calls and connected to nothing but the double', () => {
    expect(bot.double.unmatchedRequests).toEqual([]);
    const doubleAddress = new URL(bot.double.apiUrl).host;
    expect(outbound.length).toBeGreaterThan(0);
    expect(outbound.filter((target) => target !== doubleAddress)).toEqual([]);
  });
});

describe('Discord adapter with public answers (DISCORD_EPHEMERAL=false)', () => {
  let bot: DiscordBotHarness;
  beforeAll(async () => {
    bot = await startDiscordBot({ ephemeral: false });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers searches in the channel without "Post to channel", but errors still privately', async () => {
    const reply = await runCommand(bot.double, 'episode', { query: 'chaos' });
    expect(reply.data.flags).toBeUndefined();
    expect(labels(reply.data)).toEqual(['Next', 'Similar episodes']);

    const next = await pressButton(bot.double, buttonId(reply.data, 'Next'), reply.data);
    expect(next.type).toBe(7);
    expect(labels(next.data)).toEqual(['Previous', 'Similar episodes']);

    const error = await runCommand(bot.double, 'guest', { name: 'nobody-like-this-xyz' });
    expect(error.data.flags).toBe(EPHEMERAL);
  });

  it('keeps help and notices private, as on Slack', async () => {
    const help = await runCommand(bot.double, 'help', {});
    expect(help.data.flags).toBe(EPHEMERAL);
    expect(labels(help.data)).toEqual([]);

    const miss = await runCommand(bot.double, 'guest', { name: 'Nobody Atall' });
    expect(miss.data.flags).toBe(EPHEMERAL);
    expect(JSON.stringify(miss.data.embeds)).toContain('No guest matches “Nobody Atall”');
  });
});
