import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { decodeActionRef } from '../../../../src/core/answers/action-ref.ts';
import { emptyAnswer, type Answer, type AnswerAction, type AnswerEpisode } from '../../../../src/core/answers/answer.ts';
import { clip, markdownText } from '../../../../src/adapters/discord/discord-text.ts';
import { fitEmbeds } from '../../../../src/adapters/discord/discord-limits.ts';
import { pagingText, renderAnswer, type DiscordMessage } from '../../../../src/adapters/discord/render-embeds.ts';
import { highlighted, safeUrl } from '../../../../src/adapters/discord/render-episode.ts';

/** Asserts every Discord message limit, counting UTF-16 units (never fewer than Discord counts). */
function expectWithinLimits(message: DiscordMessage): void {
  const { embeds, components } = message;
  expect(embeds.length).toBeGreaterThan(0);
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(256);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(e.author?.name.length ?? 0).toBeLessThanOrEqual(256);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(2048);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(1024);
      total += f.name.length + f.value.length;
    }
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.author?.name.length ?? 0) + (e.footer?.text.length ?? 0);
  }
  expect(total).toBeLessThanOrEqual(6000);
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(2000);
  expect(components.length).toBeLessThanOrEqual(5);
  const buttons = components.flatMap((row) => row.components);
  for (const row of components) expect(row.components.length).toBeLessThanOrEqual(5);
  for (const b of buttons) {
    expect(b.label!.length).toBeLessThanOrEqual(80);
    expect(b.custom_id.length).toBeLessThanOrEqual(100);
  }
  expect(new Set(buttons.map((b) => b.custom_id)).size).toBe(buttons.length);
  expect(message.allowedMentions).toEqual({ parse: [] });
}

function episode(rank: number, size = 'huge'): AnswerEpisode {
  const long = size === 'huge';
  const text = long ? 'kubernetes lasagna and chaos '.repeat(40) : 'multilayered kubernetes lasagna';
  return {
    id: `ep-${rank}`,
    title: long ? `Episode ${rank} ${'with a very long title '.repeat(30)}🎙️` : `Episode ${rank}`,
    url: `https://example.com/episodes/${rank}`,
    guests: long ? Array.from({ length: 40 }, (_, i) => `Guest Number ${i}`) : ['Ada'],
    hosts: [],
    publishedAt: '2021-10-05',
    durationSeconds: 1260,
    summary: 'summary '.repeat(200),
    chapter: { title: long ? 'Chapter '.repeat(60) : 'Multilayered Kubernetes lasagna', startSeconds: 966 },
    snippet: { source: 'transcript', text, highlights: long ? [[0, 10], [11, 18]] : [[13, 23], [24, 31]] },
    reason: long ? 'Also about '.repeat(80) : null,
    rank,
    chapters: [],
  };
}

function episodesAnswer(count: number, actions: AnswerAction[] = []): Answer {
  const answer = emptyAnswer('episodes', `Episodes matching “${'q'.repeat(500)}”`);
  answer.body = ['intro '.repeat(1000)];
  answer.episodes = Array.from({ length: count }, (_, i) => episode(i + 1));
  answer.paging = { page: 0, pageSize: count, total: count, pageCount: 1 };
  answer.ref = { command: 'episode', arg: 'kubernetes', page: 0 };
  answer.actions = actions;
  return answer;
}

describe('Discord rendering within Discord’s limits', () => {
  it('keeps 17 results with very long titles, snippets, reasons and guests within every limit', () => {
    const message = renderAnswer(episodesAnswer(17), { shareable: true });

    expectWithinLimits(message);
    expect(message.embeds[0]!.title!.endsWith('…')).toBe(true);
    const fields = message.embeds[1]!.fields!;
    expect(fields.at(-1)!.value).toMatch(/^…and \d+ more$/);
    expect(fields.length - 1 + Number(/\d+/.exec(fields.at(-1)!.value)![0])).toBe(16);
    expect(message.embeds[1]!.footer).toEqual({ text: '17 results' });
  });

  it('keeps a huge help answer within every limit, noting the sections left out', () => {
    const answer = emptyAnswer('help', 'H'.repeat(400));
    answer.body = ['b'.repeat(5000)];
    answer.sections = Array.from({ length: 40 }, (_, i) => ({ title: `/command${i} ${'<option> '.repeat(40)}`, lines: Array.from({ length: 20 }, () => 'line '.repeat(40)) }));
    answer.suggestions = Array.from({ length: 300 }, (_, i) => `/episode ${i}`);

    const message = renderAnswer(answer, { shareable: true });

    expectWithinLimits(message);
    expect(message.embeds[0]!.fields!.at(-1)!.value).toMatch(/^…and \d+ more$/);
    expect(message.components).toEqual([]);
  });

  it('lays out at most 5 rows of 5 buttons, keeping "Post to channel", with labels of at most 80 characters', () => {
    const actions: AnswerAction[] = Array.from({ length: 30 }, (_, i) => ({
      kind: 'next',
      label: `Page ${i} ${'x'.repeat(100)}`,
      ref: { command: 'latest', arg: '', page: i },
    }));
    const message = renderAnswer(episodesAnswer(2, actions), { shareable: true });

    expectWithinLimits(message);
    const buttons = message.components.flatMap((r) => r.components);
    expect(buttons).toHaveLength(25);
    expect(buttons.at(-1)).toMatchObject({ label: 'Post to channel', custom_id: 'share/1:e:0:kubernetes' });
  });

  it('leaves out a button whose ref is too long for a custom id', () => {
    const longArg = 'k'.repeat(120);
    const answer = episodesAnswer(1, [{ kind: 'similar', label: 'Similar episodes', ref: { command: 'similar', arg: longArg, page: 0 } }]);
    answer.ref = { command: 'episode', arg: longArg, page: 0 };

    expect(renderAnswer(answer, { shareable: true }).components).toEqual([]);
  });

  it('clips several full embeds down to 6000 characters in all', () => {
    const embeds: APIEmbed[] = Array.from({ length: 12 }, () => ({ title: 't'.repeat(300), description: 'd'.repeat(5000) }));
    const fitted = fitEmbeds(embeds);
    expectWithinLimits({ embeds: fitted, components: [], allowedMentions: { parse: [] } });
    expect(fitted).toHaveLength(10);
  });
});

describe('Discord rendering of answers', () => {
  it('renders the top episode with its linked title, chapter line, bold matched words and facts', () => {
    const answer = emptyAnswer('episodes', 'Episodes matching “kubernetes lasagna”');
    answer.episodes = [episode(1, 'small'), episode(2, 'small')];
    answer.paging = { page: 0, pageSize: 5, total: 7, pageCount: 2 };
    answer.ref = { command: 'episode', arg: 'kubernetes lasagna', page: 0 };
    answer.actions = [{ kind: 'next', label: 'Next', ref: { command: 'episode', arg: 'kubernetes lasagna', page: 1 } }];

    const message = renderAnswer(answer, { shareable: true });

    expect(message.embeds).toEqual([
      {
        author: { name: 'Episodes matching “kubernetes lasagna”' },
        title: 'Episode 1',
        url: 'https://example.com/episodes/1',
        description: '▶ Multilayered Kubernetes lasagna — 16:06\n> “multilayered **kubernetes** **lasagna**”',
        fields: [
          { name: 'Guest', value: 'Ada', inline: true },
          { name: 'Published', value: 'Oct 5, 2021', inline: true },
          { name: 'Length', value: '21 min', inline: true },
        ],
        color: 0x5865f2,
      },
      {
        fields: [
          {
            name: '2. Episode 2',
            value: 'with Ada · Oct 5, 2021 · 21 min\n▶ Multilayered Kubernetes lasagna — 16:06\n> “multilayered **kubernetes** **lasagna**”\n[Open episode](https://example.com/episodes/2)',
          },
        ],
        footer: { text: 'Page 1 of 2 · 7 results' },
        color: 0x5865f2,
      },
    ]);
    const ids = message.components.flatMap((r) => r.components.map((b) => decodeActionRef(b.custom_id)));
    expect(ids).toEqual([
      { ok: true, value: { tag: '', ref: { command: 'episode', arg: 'kubernetes lasagna', page: 1 } } },
      { ok: true, value: { tag: 'share', ref: { command: 'episode', arg: 'kubernetes lasagna', page: 0 } } },
    ]);
  });

  it('renders a notice with its suggestions in the footer, no buttons, and a "Shared by" line only when asked', () => {
    const answer = emptyAnswer('notice', 'No episodes match “zzz”');
    answer.body = ['Check the spelling.'];
    answer.suggestions = ['/episode kubernetes', '/latest'];

    expect(renderAnswer(answer, { shareable: true })).toEqual({
      embeds: [{ title: 'No episodes match “zzz”', description: 'Check the spelling.', footer: { text: 'Try: /episode kubernetes  ·  /latest' }, color: 0xfee75c }],
      components: [],
      allowedMentions: { parse: [] },
    });
  });

  it('renders an announcement in full with its chapters and "Similar episodes", never "Post to channel"', () => {
    const answer = emptyAnswer('announcement', 'New episode of Break Things on Purpose');
    answer.episodes = [{ ...episode(1, 'small'), snippet: null, chapter: null, summary: 'What it is about.', chapters: [{ title: 'Intro', startSeconds: 0 }, { title: 'Lasagna', startSeconds: 966 }] }];
    answer.ref = { command: 'show', arg: 'ep-1', page: 0 };
    answer.actions = [{ kind: 'similar', label: 'Similar episodes', ref: { command: 'similar', arg: 'ep-1', page: 0 } }];

    const message = renderAnswer(answer, { shareable: true });

    expect(message.embeds[0]!.description).toBe('What it is about.\n\n▶ Intro — 0:00\n▶ Lasagna — 16:06');
    expect(message.components.flatMap((r) => r.components.map((b) => b.label))).toEqual(['Similar episodes']);
  });

  it('escapes markdown, mention tags and masked links in catalog and user text', () => {
    expect(markdownText('**Bold** _it_ `code` @here <#123> <@&9> [x](http://a) # not a heading')).toBe(
      '\\*\\*Bold\\*\\* \\_it\\_ \\`code\\` @\u200bhere \\<#123> \\<@&9> \\[x\\]\u200b(http://a) # not a heading',
    );
    expect(markdownText('# Heading\n> quote')).toBe('\\# Heading\n\\> quote');
  });

  it('clips at character boundaries, never leaving half an emoji or a dangling escape', () => {
    expect(clip('😀😀😀', 4)).toBe('😀…');
    expect(clip('🎙️🎙️🎙️', 4)).toBe('🎙️…');
    expect(clip('abc\\*', 5)).toBe('abc\\*');
    expect(clip('abcd\\*ef', 6)).toBe('abcd…');
  });

  it('bolds every matched word of a snippet and escapes the rest', () => {
    expect(highlighted({ source: 'transcript', text: 'a *b* kubernetes c', highlights: [[6, 16]] })).toBe('a \\*b\\* **kubernetes** c');
  });

  it('says where a page stands: "Page 1 of 2 · 7 results", "3 results", nothing for one', () => {
    expect(pagingText({ page: 0, pageSize: 5, total: 7, pageCount: 2 })).toBe('Page 1 of 2 · 7 results');
    expect(pagingText({ page: 0, pageSize: 5, total: 3, pageCount: 1 })).toBe('3 results');
    expect(pagingText({ page: 0, pageSize: 5, total: 1, pageCount: 1 })).toBeNull();
  });

  it('links only to http(s) URLs Discord accepts', () => {
    expect(safeUrl('https://example.com/a')).toBe('https://example.com/a');
    for (const bad of ['javascript:alert(1)', 'https://example.com/a b', 'https://x/(y)', 'not a url', null]) expect(safeUrl(bad)).toBeNull();
  });
});
