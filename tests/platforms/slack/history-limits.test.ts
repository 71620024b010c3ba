import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { slackAnnouncementTarget } from '../../../src/adapters/slack/announcement-target.ts';
import { announcementAnswer } from '../../../src/core/answers/announcement.ts';
import { startSlackApiDouble, type SlackApiDouble } from '../../doubles/slack/index.ts';
import { shippedLibrary } from '../../helpers/bot.ts';

// Slack's limits on conversations.history for apps outside the Marketplace: 1 call a minute per workspace, 15
// messages a call. The double enforces them on a shorter clock (2 s instead of 60 s) so the tests stay fast; the
// target is given the same interval (the bot's is 60 s).

const TOKEN = 'xoxb-history-limits-token';
const INTERVAL_MS = 2_000;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const shipped = await shippedLibrary();
const answer = () => announcementAnswer(shipped.get('jerome-petazzoni')!, shipped.podcast.title);

let double: SlackApiDouble | null = null;
afterEach(async () => {
  await double?.close();
  double = null;
});

/** A process's announcement target: its own Web API client (default retries, as the bot's), its own history budget. */
const processTarget = (d: SlackApiDouble) =>
  slackAnnouncementTarget(new webApi.WebClient(TOKEN, { slackApiUrl: d.apiUrl, logger: silentLogger() }), { spacingMs: 0, historyIntervalMs: INTERVAL_MS });

describe('looking for an earlier post within Slack\'s conversations.history limits', () => {
  it('the double enforces them: a second call within the interval gets 429 with Retry-After, and at most 15 messages come back', async () => {
    double = await startSlackApiDouble({ tokens: [TOKEN], historyLimits: { intervalMs: INTERVAL_MS, maxMessages: 15 } });
    const client = new webApi.WebClient(TOKEN, { slackApiUrl: double.apiUrl, rejectRateLimitedCalls: true, logger: silentLogger() });
    for (let i = 0; i < 20; i++) await client.chat.postMessage({ channel: 'C_NEWS', text: `m${i}` });
    const first = await client.conversations.history({ channel: 'C_NEWS', limit: 200 });
    expect(first.messages).toHaveLength(15);
    await expect(client.conversations.history({ channel: 'C_NEWS' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 2 });
    expect(double.callsTo('conversations.history').map((c) => c.status)).toEqual([200, 429]);
  });

  it('two recoveries within a minute are spaced by the budget: the second waits its turn, both find their post, no 429', async () => {
    double = await startSlackApiDouble({ tokens: [TOKEN], historyLimits: { intervalMs: INTERVAL_MS, maxMessages: 15 } });
    const target = processTarget(double);
    await target.postAnnouncement('C_ONE', answer(), 'ep:C_ONE');
    await target.postAnnouncement('C_TWO', answer(), 'ep:C_TWO');

    const [one, two] = await Promise.all([
      target.findAnnouncement!('C_ONE', answer(), 'ep:C_ONE', minutesAgo(5)),
      target.findAnnouncement!('C_TWO', answer(), 'ep:C_TWO', minutesAgo(5)),
    ]);

    expect(one).toMatchObject({ ok: true, value: { messageId: expect.any(String) } });
    expect(two).toMatchObject({ ok: true, value: { messageId: expect.any(String) } });
    const calls = double.callsTo('conversations.history');
    expect(calls.map((c) => c.status)).toEqual([200, 200]);
    expect(calls[1]!.receivedAt - calls[0]!.receivedAt).toBeGreaterThanOrEqual(INTERVAL_MS - 50);
    for (const c of calls) expect(c.body).toMatchObject({ limit: '15', include_all_metadata: 'true' });
  }, 15_000);

  it('a restarted process whose predecessor just used the minute waits out the 429 (Retry-After), finds the post and does not post again', async () => {
    double = await startSlackApiDouble({ tokens: [TOKEN], historyLimits: { intervalMs: INTERVAL_MS, maxMessages: 15 } });
    const crashed = processTarget(double);
    await crashed.postAnnouncement('C_NEWS', answer(), 'ep:C_NEWS');
    expect(await crashed.findAnnouncement!('C_NEWS', answer(), 'other:C_NEWS', minutesAgo(5))).toEqual({ ok: true, value: null });

    const restarted = processTarget(double);
    const started = performance.now();
    const found = await restarted.findAnnouncement!('C_NEWS', answer(), 'ep:C_NEWS', minutesAgo(5));
    const waited = performance.now() - started;

    expect(found).toMatchObject({ ok: true, value: { messageId: expect.any(String) } });
    expect(double.callsTo('conversations.history').map((c) => c.status)).toEqual([200, 429, 200]);
    expect(waited).toBeGreaterThanOrEqual(1_000);
    expect(double.channelHistory('C_NEWS')).toHaveLength(1);
  }, 15_000);

  it('reads only the messages since the attempt: older ones (however many) cost nothing', async () => {
    double = await startSlackApiDouble({ tokens: [TOKEN], historyLimits: { intervalMs: INTERVAL_MS, maxMessages: 15 } });
    const client = new webApi.WebClient(TOKEN, { slackApiUrl: double.apiUrl, logger: silentLogger() });
    for (let i = 0; i < 40; i++) await client.chat.postMessage({ channel: 'C_NEWS', text: `old ${i}` });
    await new Promise((r) => setTimeout(r, 2_100)); // the double's ts count whole seconds (then a counter)
    const since = new Date(Date.now() - 1_000);
    const target = processTarget(double);
    await target.postAnnouncement('C_NEWS', answer(), 'ep:C_NEWS');

    expect(await target.findAnnouncement!('C_NEWS', answer(), 'ep:C_NEWS', since)).toMatchObject({ ok: true, value: { messageId: expect.any(String) } });
    expect(double.callsTo('conversations.history')).toHaveLength(1);
  }, 15_000);
});

function silentLogger(): webApi.Logger {
  const noop = () => undefined;
  return { debug: noop, info: noop, warn: noop, error: noop, setLevel: noop, getLevel: () => 'error' as never, setName: noop };
}
