import { afterEach, describe, expect, it } from 'vitest';
import { decodeActionRef } from '../../../src/core/answers/action-ref.ts';
import { emptyAnswer } from '../../../src/core/answers/answer.ts';
import {
  blockText,
  buttonsOf,
  closeHarness,
  commandAnswer,
  startAdapterHarness,
  type AdapterHarness,
  type HarnessOptions,
} from '../../doubles/slack/adapter-harness.ts';

const TAYLOR_URL = 'https://www.gremlin.com/blog/podcast-break-things-on-purpose-taylor-dolezal-senior-developer-advocate-at-hashicorp';

let h: AdapterHarness | null = null;

async function harness(options: HarnessOptions = {}): Promise<AdapterHarness> {
  h = await startAdapterHarness(options);
  return h;
}

/** Runs `/<command> <text>` and returns its answer, which rides on the acknowledgement (the HTTP response body). */
async function ask(bot: AdapterHarness, command: string, text = ''): Promise<Record<string, unknown>> {
  const sent = await bot.command(text, { command });
  expect(sent.res.status).toBe(200);
  const answer = await commandAnswer(bot, sent);
  expect(answer.via).toBe('ack');
  return answer.message;
}

const refsOf = (message: Record<string, unknown>) =>
  buttonsOf(message).map((b) => {
    expect(b.value).toBe(b.action_id);
    const decoded = decodeActionRef(b.action_id);
    if (!decoded.ok) throw new Error(decoded.error);
    return { label: b.text, tag: decoded.value.tag, ...decoded.value.ref };
  });

afterEach(async () => {
  await closeHarness(h);
  h = null;
});

describe('Slack slash commands', () => {
  it('answers /episode chaos privately with the top episode linked, its chapter, the snippet and working buttons', async () => {
    const bot = await harness();

    const reply = await ask(bot, '/episode', 'chaos');

    expect(reply['response_type']).toBe('ephemeral');
    expect(reply['unfurl_links']).toBe(false);
    expect(reply['text']).toMatch(/^Episodes matching “chaos”: 1\. Taylor Dolezal \(Senior Developer Advocate, HashiCorp · Jul 13, 2021 · 25 min\); 2\. Mikolaj Pawlikowski/);
    const top = blockText(reply).split('\n');
    expect(top).toContain(`\u200B*1. <${TAYLOR_URL}|Taylor Dolezal>*\u200B`);
    expect(top).toContain('Senior Developer Advocate, HashiCorp · Jul 13, 2021 · 25 min');
    expect(top).toContain('▶ Chaos Engineering and improvement — 11:25');
    expect(blockText(reply)).toContain('focus on learning, \u200B*Chaos*\u200B Engineering and improvement');
    expect(top).toContain('Page 1 of 2 · 7 results');
    expect(refsOf(reply)).toEqual([
      { label: 'Next page', tag: '', command: 'episode', arg: 'chaos', page: 1 },
      { label: 'Similar episodes', tag: '', command: 'similar', arg: 'taylor-dolezal', page: 0 },
      { label: 'Share in channel', tag: 'share', command: 'episode', arg: 'chaos', page: 0 },
    ]);
    // The answer came in the acknowledgement: no Web API call and no POST to the response URL.
    expect(bot.double.calls.map((c) => c.method)).toEqual([]);
  });

  it('returns the latest episodes, newest first, for an empty /episode', async () => {
    const bot = await harness();

    const reply = await ask(bot, '/episode', '   ');

    expect(blockText(reply)).toContain('The latest episodes');
    expect(blockText(reply)).toContain('1. Maxim Fateev and Samar Abbas*');
    expect(blockText(reply)).toContain('Maxim Fateev (Cofounder, Temporal), Samar Abbas (Cofounder, Temporal) · hosted by Jason · Oct 5, 2021 · 21 min');
    expect(refsOf(reply).map((r) => [r.label, r.command, r.page])).toEqual([
      ['Next page', 'latest', 1],
      ['Similar episodes', 'similar', 0],
      ['Share in channel', 'latest', 0],
    ]);
  });

  it.each([
    ['latest', 'Latest episodes', 'Page 1 of 4 · 17 results'],
    ['help', 'I answer questions about “Break Things on Purpose”', '/episode [query]'],
    ['like istio', 'If you liked “Zack Butcher”', 'The best match for “istio” is “Zack Butcher”; listen to it, then these:'],
    ['guest taylor', 'Episodes with Taylor Dolezal', 'Taylor Dolezal Terraform Special'],
  ])('runs the sub-command in "/episode %s"', async (text, headline, line) => {
    const bot = await harness();

    const reply = await ask(bot, '/episode', text);

    expect(blockText(reply).split('\n')[0]).toBe(`\u200B*${headline}*\u200B`);
    expect(blockText(reply)).toContain(line);
  });

  it.each([
    ['/latest', '', 'Latest episodes'],
    ['/recommend', 'istio', 'If you liked “Zack Butcher”'],
    ['/guest', 'taylor', 'Episodes with Taylor Dolezal'],
    ['/random', '', 'Random pick: Maxim Fateev and Samar Abbas'],
    ['/help', '', 'I answer questions about “Break Things on Purpose”'],
    ['/frobnicate', 'now', 'I don’t know “/frobnicate”. Here is what I can do:'],
  ])('answers %s %s with "%s"', async (command, text, headline) => {
    const bot = await harness();

    const reply = await ask(bot, command, text);

    expect(blockText(reply).split('\n')[0]).toBe(`\u200B*${headline}*\u200B`);
  });

  it('offers "Another one" and "Share in channel" under /random', async () => {
    const bot = await harness();

    const reply = await ask(bot, '/random');

    expect(refsOf(reply).map((r) => r.label)).toEqual(['Similar episodes', 'Another one', 'Share in channel']);
    expect(refsOf(reply)[1]).toMatchObject({ command: 'random', tag: '' });
  });

  it('answers a 5,000-character query with the friendly "too long" notice and no buttons', async () => {
    const bot = await harness();

    const reply = await ask(bot, '/episode', 'kubernetes '.repeat(500).slice(0, 5000));

    expect(reply['response_type']).toBe('ephemeral');
    expect(reply['text']).toBe('That query is too long: Please keep it to 80 characters or fewer; yours has 5,000.');
    expect(blockText(reply)).toContain('A few keywords work best.');
    expect(buttonsOf(reply)).toEqual([]);
  });

  it('reads the text as Slack sends it: &amp; &lt; &gt; decoded, labelled mentions reduced to their label', async () => {
    const bot = await harness();

    const reply = await ask(bot, '/episode', 'chaos &amp; <@U42|taylor> &lt;3');

    expect(reply['text']).toMatch(/^Episodes matching “chaos &amp; @taylor &lt;3”/);
    expect(refsOf(reply).at(-1)).toMatchObject({ tag: 'share', arg: 'chaos & @taylor <3' });
  });

  it('answers in the channel, without a Share button, when ephemeral answers are off', async () => {
    const bot = await harness({ ephemeral: false });

    const reply = await ask(bot, '/episode', 'chaos');

    expect(reply['response_type']).toBe('in_channel');
    expect(refsOf(reply).map((r) => r.label)).toEqual(['Next page', 'Similar episodes']);
  });

  it('keeps help and notices private when ephemeral answers are off, as on Discord', async () => {
    const bot = await harness({ ephemeral: false });

    const help = await ask(bot, '/help');
    expect(help['response_type']).toBe('ephemeral');
    expect(blockText(help)).toContain('/episode');

    const miss = await ask(bot, '/guest', 'Nobody Atall');
    expect(miss['response_type']).toBe('ephemeral');
    expect(blockText(miss)).toContain('No guest matches “Nobody Atall”');
  });

  it('keeps error answers private even when ephemeral answers are off', async () => {
    const bot = await harness({ ephemeral: false });

    const reply = await ask(bot, '/guest', 'x'.repeat(81));

    expect(reply['response_type']).toBe('ephemeral');
    expect(blockText(reply)).toContain('That name is too long');
  });
});

describe('Slack announcements', () => {
  it('posts an announcement with chat.postMessage through the configured Web API, blocks and fallback included', async () => {
    const bot = await harness({ double: { channelErrors: { C_GONE: 'channel_not_found' } } });
    const answer = emptyAnswer('notice', 'New episode: <!here> Chaos & more');

    const posted = await bot.adapter.announcementTarget.postAnnouncement('C_GENERAL', answer, 'ep-1:C_GENERAL');
    const gone = await bot.adapter.announcementTarget.postAnnouncement('C_GONE', answer, 'ep-1:C_GONE');

    expect(posted).toEqual({ ok: true, messageId: expect.stringMatching(/^\d+\.\d{6}$/) });
    expect(gone).toEqual({ ok: false, permanent: true, error: 'Slack error: channel_not_found' });
    const [call] = bot.double.callsTo('chat.postMessage');
    expect(call!.headers.authorization).toBe('Bearer xoxb-fake-test-token');
    expect(call!.body).toMatchObject({ channel: 'C_GENERAL', text: 'New episode: &lt;!here&gt; Chaos &amp; more' });
    expect(blockText(call!.body)).toBe('\u200B*New episode: &lt;!here&gt; Chaos &amp; more*\u200B');
  });
});
