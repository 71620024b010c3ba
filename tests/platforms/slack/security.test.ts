import { afterEach, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../../commands/dispatcher.ts';
import type { SlackDispatcher } from '../../../src/adapters/slack/reply.ts';
import {
  SIGNING_SECRET,
  buttonsOf,
  closeHarness,
  commandAnswer,
  startAdapterHarness,
  textsOf,
  type AdapterHarness,
} from '../../doubles/slack/adapter-harness.ts';
import { slashCommandBody } from '../../doubles/slack/payloads.ts';
import { signSlackRequest, slackTimestamp } from '../../doubles/slack/signing.ts';

let h: AdapterHarness | null = null;

afterEach(async () => {
  await closeHarness(h);
  h = null;
});

/** A dispatcher that counts the calls reaching it. */
function counting(calls: string[]) {
  return (real: Dispatcher): SlackDispatcher => ({
    commands: real.commands,
    command: (name, options, invocation) => (calls.push(name), real.command(name, options, invocation)),
    action: (encoded, invocation) => (calls.push(encoded), real.action(encoded, invocation)),
  });
}

describe('Slack request verification', () => {
  it.each([
    ['unsigned', (_body: string): Record<string, string> => ({})],
    ['wrongly signed', (body: string) => signSlackRequest('not-the-secret', body)],
    ['stale (6 minutes old)', (body: string) => signSlackRequest(SIGNING_SECRET, body, slackTimestamp(-6 * 60))],
    ['signed for another body', (body: string) => signSlackRequest(SIGNING_SECRET, body.replace('chaos', 'other'))],
  ])('rejects a %s request with 401 before it reaches the dispatcher', async (_name, headersFor) => {
    const calls: string[] = [];
    h = await startAdapterHarness({ wrapDispatcher: counting(calls) });
    const body = slashCommandBody({ command: '/episode', text: 'chaos', responseUrl: h.double.responseUrl('never') });

    const res = await h.post(body, headersFor(body));

    expect(res.status).toBe(401);
    expect(calls).toEqual([]);
    expect(h.double.calls).toEqual([]);
    // Bolt's own warning reaches our pino logger through the Bolt logger adapter.
    expect(h.logs.some((l) => l.level === 40 && l['component'] === 'bolt' && l.msg.includes('Failed to verify authenticity'))).toBe(true);
    // Control: the same body, correctly signed and fresh, is answered.
    const control = await h.post(body, signSlackRequest(SIGNING_SECRET, body));
    expect(control.status).toBe(200);
    expect(control.json).toMatchObject({ response_type: 'ephemeral' });
    expect(calls).toEqual(['episode']);
  });
});

describe('Slack escaping of hostile input', () => {
  it.each([
    ['as Slack sends it', '&lt;!everyone&gt; &lt;@U123&gt; *bold* _it_ ~x~ `code`'],
    ['raw', '<!everyone> <@U123> *bold* _it_ ~x~ `code`'],
  ])('never lets a typed <!everyone> or <@U123> ping anyone (%s)', async (_how, text) => {
    h = await startAdapterHarness();
    const sent = await h.command(text, { command: '/episode' });

    const reply = (await commandAnswer(h, sent)).message;

    const texts = textsOf(reply);
    expect(texts.length).toBeGreaterThan(3);
    for (const t of texts) {
      expect(t).not.toContain('<!everyone>');
      expect(t).not.toContain('<@U123>');
      expect(t).not.toMatch(/<![a-z]/);
    }
    expect(texts[0]).toMatch(/^Episodes matching “&lt;!everyone&gt; &lt;@U123&gt; \*bold\* _it_ ~x~ `code`”: 1\. /);
    expect(texts[1]).toBe('\u200B*Episodes matching “&lt;!everyone&gt; &lt;@U123&gt; ∗bold∗ ˍitˍ ∼x∼ ˋcodeˋ”*\u200B');
    // The button still carries the query exactly as typed, to search it again.
    expect(buttonsOf(reply).find((b) => b.text === 'Share in channel')?.value).toBe(
      'share/1:e:0:<!everyone> <@U123> *bold* _it_ ~x~ `code`',
    );
  });

  it('escapes a hostile query in the "no match" notice and its suggestions', async () => {
    h = await startAdapterHarness();
    const sent = await h.command('<!channel> zzqx', { command: '/episode' });

    const reply = (await commandAnswer(h, sent)).message;

    expect(textsOf(reply)[1]).toBe('\u200B*No episodes match “&lt;!channel&gt; zzqx”*\u200B');
    expect(textsOf(reply).join('\n')).not.toContain('<!channel>');
  });
});
