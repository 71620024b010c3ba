import { describe, expect, it } from 'vitest';
import { helpAnswer } from '../../../../commands/help.ts';
import { CommandRegistry } from '../../../../commands/registry.ts';
import type { CommandDefinition } from '../../../../commands/types.ts';
import { LIMITS } from '../../../../src/adapters/slack/block-limits.ts';
import { clampMrkdwn, escapeText, highlight, link, mrkdwn, truncateEscaped } from '../../../../src/adapters/slack/mrkdwn.ts';
import { renderAnswer, type SlackMessage } from '../../../../src/adapters/slack/render-blocks.ts';
import { fromSlackText } from '../../../../src/adapters/slack/slack-text.ts';
import { toAnswerEpisode } from '../../../../src/core/answers/answer-episode.ts';
import { emptyAnswer, type Answer, type AnswerEpisode } from '../../../../src/core/answers/answer.ts';
import { loadCatalogFile } from '../../../../src/library/catalog-file.ts';

const catalog = loadCatalogFile('data/episodes.json');
if (!catalog.ok) throw new Error(catalog.error);
const episodes = catalog.value.episodes;

/** Every Block Kit limit the message must respect. */
function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
  expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  for (const block of message.blocks) {
    if (block.type === 'section') expect(block.text!.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    if (block.type === 'context') {
      expect(block.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
      for (const el of block.elements) if ('text' in el) expect(el.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    }
    if (block.type === 'actions') {
      expect(block.elements.length).toBeLessThanOrEqual(LIMITS.actionsElements);
      for (const el of block.elements) {
        if (el.type !== 'button') continue;
        expect(el.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
        expect(el.action_id!.length).toBeLessThanOrEqual(LIMITS.actionId);
        expect(el.value!.length).toBeLessThanOrEqual(LIMITS.buttonValue);
      }
      const ids = block.elements.map((el) => ('action_id' in el ? el.action_id : ''));
      expect(new Set(ids).size).toBe(ids.length);
    }
  }
}

function hugeEpisode(i: number): AnswerEpisode {
  const long = 'chaos engineering '.repeat(400);
  return {
    ...toAnswerEpisode(episodes[i % episodes.length]!, i + 1),
    title: `${'Very long title '.repeat(40)}${i}`,
    guests: Array.from({ length: 30 }, (_, g) => `Guest Number ${g}`),
    summary: long,
    reason: long,
    chapter: { title: long, startSeconds: 966 },
    snippet: { source: 'transcript', text: long, highlights: [[0, 5], [6, 17]] },
  };
}

const EXAMPLES = { topic: 'chaos', otherTopic: 'istio', guest: 'Taylor Dolezal', title: 'Zack Butcher' };

describe('Slack rendering within Block Kit limits', () => {
  it('keeps the help answer within limits, one section per command', () => {
    const commands = new CommandRegistry(() => 'Break Things on Purpose').commands;

    const message = renderAnswer(helpAnswer(commands, 'Break Things on Purpose', EXAMPLES), { shareable: true });

    expectWithinLimits(message);
    expect(message.blocks.filter((b) => b.type === 'section')).toHaveLength(2 + commands.length);
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('keeps a help answer for 80 commands within 50 blocks, with a note that it was cut', () => {
    const many: CommandDefinition[] = Array.from({ length: 80 }, (_, i) => ({
      name: `cmd${i}`, description: 'x'.repeat(5000), options: [], examples: ['/cmd'],
      run: () => emptyAnswer('notice', ''),
    }));

    const message = renderAnswer(helpAnswer(many, 'P', EXAMPLES), { shareable: false });

    expectWithinLimits(message);
    expect(message.blocks).toHaveLength(50);
    expect(message.blocks.at(-1)).toMatchObject({ type: 'context', elements: [{ text: '…and more, cut to fit a Slack message.' }] });
  });

  it('keeps a 17-episode page with huge fields within limits and its buttons last', () => {
    const answer = emptyAnswer('episodes', 'Latest episodes'.repeat(300));
    answer.body = ['b'.repeat(10_000)];
    answer.episodes = Array.from({ length: 17 }, (_, i) => hugeEpisode(i));
    answer.paging = { page: 0, pageSize: 17, total: 17, pageCount: 1 };
    answer.suggestions = Array.from({ length: 40 }, () => '/episode kubernetes');
    answer.ref = { command: 'latest', arg: '', page: 0 };
    answer.actions = [
      { kind: 'next', label: 'Next'.repeat(40), ref: { command: 'latest', arg: '', page: 1 } },
      { kind: 'similar', label: 'Similar episodes', ref: { command: 'similar', arg: 'x'.repeat(200), page: 0 } },
    ];

    const message = renderAnswer(answer, { shareable: true });

    expectWithinLimits(message);
    expect(message.blocks.at(-1)).toMatchObject({ type: 'actions' });
    // The 200-character ref cannot be encoded in 100 characters: that button is left out, the others stay.
    expect(message.blocks.at(-1)).toMatchObject({ elements: [{ action_id: '1:l:1:' }, { action_id: 'share/1:l:0:' }] });
  });

  it('shows "Page 2 of 4 · 17 results", numbers the episodes and links each title', () => {
    const answer = emptyAnswer('episodes', 'Latest episodes');
    answer.episodes = episodes.slice(5, 7).map((ep, i) => toAnswerEpisode(ep, 6 + i));
    answer.paging = { page: 1, pageSize: 5, total: 17, pageCount: 4 };

    const message = renderAnswer(answer, { shareable: false });

    const texts = message.blocks.map((b) => (b.type === 'section' ? b.text!.text : b.type === 'context' ? (b.elements[0] as { text: string }).text : ''));
    expect(texts[1]).toMatch(/^\u200B\*6\. /);
    expect(texts[2]).toMatch(/^\u200B\*7\. /);
    expect(texts.at(-1)).toBe('Page 2 of 4 · 17 results');
  });
});

describe('Slack mrkdwn escaping', () => {
  it('escapes the three control characters and nothing else in fallback text', () => {
    expect(escapeText('<!here> & <@U1> "quotes" \'single\'')).toBe('&lt;!here&gt; &amp; &lt;@U1&gt; "quotes" \'single\'');
  });

  it('turns formatting characters into look-alikes and guards a leading quote', () => {
    expect(mrkdwn('*b* _i_ ~s~ `c` 1 < 2 & 3')).toBe('∗b∗ ˍiˍ ∼s∼ ˋcˋ 1 &lt; 2 &amp; 3');
    expect(mrkdwn('> not a quote')).toBe('\u00AD&gt; not a quote');
  });

  it('builds links that neither part can break', () => {
    expect(link('https://x.test/a?b=1&c=2', 'Title | with <@U1>')).toBe('<https://x.test/a?b=1&amp;c=2|Title ∣ with &lt;@U1&gt;>');
    expect(link('https://x.test/a|b>c', 'T')).toBe('<https://x.test/a%7Cb%3Ec|T>');
    expect(link('javascript:alert(1)', 'T*')).toBe('T∗');
    expect(link(null, 'No link')).toBe('No link');
  });

  it('bolds the highlighted words and escapes around them', () => {
    expect(highlight('a <b> chaos & more', [[6, 11]])).toBe('a &lt;b&gt; \u200B*chaos*\u200B &amp; more');
    expect(highlight('overlap', [[0, 3], [2, 5], [9, 12]])).toBe('\u200B*ove*\u200Brlap');
  });

  it('cuts escaped text without splitting an entity or a link', () => {
    expect(clampMrkdwn('abc &amp; def', 7)).toBe('abc …');
    expect(clampMrkdwn('see <https://x.test|link> now', 12)).toBe('see …');
    expect(clampMrkdwn('short', 10)).toBe('short');
  });

  it('cuts escaped text at a word boundary, keeping whole entities', () => {
    expect(truncateEscaped('chaos &amp; more words here', 14)).toBe('chaos &amp;…');
    expect(truncateEscaped('&amp;&amp;&amp;&amp;', 13)).toBe('&amp;&amp;…');
    expect(truncateEscaped('short', 10)).toBe('short');
  });

  it('reads slash command text as typed, keeping channel references whole for their id', () => {
    expect(fromSlackText('R&amp;D &lt;3 &gt; <@U123|taylor> <#C1|general> <https://a.test|site> <https://b.test>')).toBe(
      'R&D <3 > @taylor <#C1|general> site https://b.test',
    );
    expect(fromSlackText('<!everyone> <@U123>')).toBe('<!everyone> <@U123>');
  });
});

describe('Slack rendering of answers', () => {
  it.each([
    ['ampersands and spaces', '& '.repeat(3_000)],
    ['angle brackets without spaces', '<'.repeat(6_000)],
    ['a cut that would land inside an entity', `${'a'.repeat(3_997)}&&&&& tail`],
  ])('escapes the fallback text first, then cuts it within the limit, never inside an entity (%s)', (_what, body) => {
    const answer = emptyAnswer('notice', 'Notes');
    answer.body = [body];

    const { text } = renderAnswer(answer, { shareable: false });

    expect(text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(text.length).toBeGreaterThan(LIMITS.fallbackText - 100);
    expect(text.startsWith('Notes: ')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.replace(/&(?:amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
  });

  it('keeps every block text within its limit after escaping, never ending inside an entity', () => {
    const answer = emptyAnswer('notice', '&<>'.repeat(2_000));
    answer.body = ['& '.repeat(3_000)];
    answer.suggestions = ['<&>'.repeat(1_500)];
    answer.sections = [{ title: '>'.repeat(2_000), lines: ['&'.repeat(2_000)] }];

    const message = renderAnswer(answer, { shareable: false });

    expectWithinLimits(message);
    for (const block of message.blocks) {
      const texts = block.type === 'section' ? [block.text!.text] : block.type === 'context' ? block.elements.map((e) => ('text' in e ? e.text : '')) : [];
      for (const t of texts) expect(t.replace(/&(?:amp|lt|gt);/g, '')).not.toMatch(/[&<>]/);
    }
  });


  it('puts the reason for a recommendation in italics and no summary', () => {
    const answer: Answer = emptyAnswer('episodes', 'If you liked “X”');
    answer.episodes = [toAnswerEpisode(episodes[0]!, 1, { reason: 'Also about chaos_engineering' })];

    const [, top] = renderAnswer(answer, { shareable: false }).blocks;

    expect(top).toMatchObject({ type: 'section' });
    expect((top as { text: { text: string } }).text.text.split('\n').slice(-1)).toEqual(['_Also about chaosˍengineering_']);
  });

  it('shows who shared an answer, and nobody for an id that is not a Slack user id', () => {
    const answer = emptyAnswer('notice', 'N');
    expect(renderAnswer(answer, { shareable: false, sharedBy: 'U42' }).blocks.at(-1)).toMatchObject({
      type: 'context', elements: [{ text: 'Shared by <@U42>' }],
    });
    expect(renderAnswer(answer, { shareable: false, sharedBy: '!everyone' }).blocks).toHaveLength(1);
  });
});
