import { App } from '@slack/bolt';
import type { Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  blockActionBody,
  createCapturingLogger,
  postToBolt,
  signSlackRequest,
  slackTimestamp,
  slashCommandBody,
  startBoltOnLoopback,
  startSlackApiDouble,
} from '../../doubles/slack/index.ts';
import type { CapturingLogger, SlackApiDouble } from '../../doubles/slack/index.ts';

const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
const BOT_TOKEN = 'xoxb-fake-test-token';

interface Harness {
  double: SlackApiDouble;
  app: App;
  eventsUrl: string;
  boltServer: Server;
  logger: CapturingLogger;
  /** Every URL Bolt fetched (Web API and response_url), via clientOptions.fetch. */
  outbound: string[];
}

let h: Harness;
let stopped = false;

beforeEach(async () => {
  stopped = false;
  const double = await startSlackApiDouble({
    users: { U_ADMIN: { name: 'host', is_admin: true }, U_OWNER: { is_owner: true }, U_USER: { name: 'listener' } },
    channels: { C_GENERAL: { name: 'general' } },
    channelErrors: { C_GONE: 'channel_not_found', C_NOT_IN: 'not_in_channel', C_OLD: 'is_archived' },
  });
  const outbound: string[] = [];
  const logger = createCapturingLogger();
  const app = new App({
    signingSecret: SIGNING_SECRET,
    token: BOT_TOKEN,
    botId: 'B123',
    botUserId: 'U_BOT',
    logger,
    clientOptions: {
      slackApiUrl: double.apiUrl,
      retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 20 },
      fetch: (url: string | URL, init?: RequestInit) => {
        outbound.push(String(url));
        return fetch(url, init);
      },
    },
  });
  const { eventsUrl, server } = await startBoltOnLoopback(app);
  h = { double, app, eventsUrl, boltServer: server, logger, outbound };
});

afterEach(async () => {
  if (stopped) return;
  await h.app.stop();
  await h.double.close();
  // Nothing Bolt did may have left the double (no real Slack traffic).
  expect(h.outbound.filter((url) => !url.startsWith(h.double.origin))).toEqual([]);
});

const signedPost = (body: string, extraHeaders: Record<string, string> = {}) =>
  postToBolt(h.eventsUrl, body, { ...signSlackRequest(SIGNING_SECRET, body), ...extraHeaders });

describe('Slack double with the real Bolt App', () => {
  it('starting Bolt with botId and botUserId makes no Web API calls', async () => {
    const body = slashCommandBody({ command: '/episode', text: 'latest', responseUrl: h.double.responseUrl('quiet') });
    h.app.command('/episode', async ({ ack }) => ack());
    expect((await signedPost(body)).status).toBe(200);
    expect(h.double.calls).toEqual([]);
  });

  it('acks a signed slash command with the ack body and delivers respond() to the response URL', async () => {
    const seen: Record<string, unknown>[] = [];
    h.app.command('/episode', async ({ ack, command, respond }) => {
      seen.push(command);
      await ack({ response_type: 'ephemeral', text: 'Looking that up…' });
      await respond({
        response_type: 'ephemeral',
        text: 'Episode 42: The Answer',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Episode 42*' } }],
      });
    });
    const body = slashCommandBody({
      command: '/episode',
      text: 'what is episode 42 about?',
      userId: 'U_USER',
      channelId: 'C_GENERAL',
      responseUrl: h.double.responseUrl('cmd-1'),
      triggerId: '123.456.abc',
    });

    const res = await signedPost(body);

    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_type: 'ephemeral', text: 'Looking that up…' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      command: '/episode',
      text: 'what is episode 42 about?',
      user_id: 'U_USER',
      channel_id: 'C_GENERAL',
      team_id: 'T_TEST',
      trigger_id: '123.456.abc',
      is_enterprise_install: 'false',
    });
    const responded = await h.double.waitForResponse('cmd-1');
    expect(responded).toEqual({
      response_type: 'ephemeral',
      text: 'Episode 42: The Answer',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Episode 42*' } }],
    });
    expect(h.double.calls.map((c) => c.method)).toEqual(['response_url']);
    expect(h.double.calls[0]?.headers['content-type']).toBe('application/json');
  });

  it('delivers a signed block action to app.action and its respond() reaches the response URL', async () => {
    const actions: unknown[] = [];
    h.app.action('episode_more', async ({ ack, action, body, respond }) => {
      await ack();
      actions.push({ action, user: body.user.id, channel: body.channel?.id });
      await respond({ replace_original: false, response_type: 'ephemeral', text: 'More about episode 42' });
    });
    const body = blockActionBody({
      actionId: 'episode_more',
      value: 'ep-42',
      userId: 'U_USER',
      channelId: 'C_GENERAL',
      responseUrl: h.double.responseUrl('act-1'),
      message: { text: 'Episode 42', ts: '1700000000.000100' },
    });

    const res = await signedPost(body);

    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(await h.double.waitForResponse('act-1')).toEqual({
      replace_original: false,
      response_type: 'ephemeral',
      text: 'More about episode 42',
    });
    expect(actions).toEqual([
      {
        action: expect.objectContaining({ action_id: 'episode_more', value: 'ep-42', type: 'button' }),
        user: 'U_USER',
        channel: 'C_GENERAL',
      },
    ]);
  });

  it('sends client.chat.postMessage from a listener to the double with token, team and decoded blocks', async () => {
    h.app.command('/episode', async ({ ack, client, command }) => {
      await ack();
      await client.chat.postMessage({
        channel: command.channel_id,
        text: 'New episode!',
        blocks: [{ type: 'section', text: { type: 'plain_text', text: 'New episode!' } }],
      });
    });
    await signedPost(slashCommandBody({ command: '/episode', responseUrl: h.double.responseUrl('unused') }));

    const call = await h.double.waitForCall('chat.postMessage');

    expect(call.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call.body).toEqual({
      team_id: 'T_TEST',
      channel: 'C_GENERAL',
      text: 'New episode!',
      blocks: [{ type: 'section', text: { type: 'plain_text', text: 'New episode!' } }],
    });
    expect(call.response).toMatchObject({ ok: true, channel: 'C_GENERAL', message: { user: 'U_BOT', bot_id: 'B123' } });
  });

  it('retries a Web API call once after a 429 with Retry-After', async () => {
    h.double.rateLimitNext('chat.postMessage');

    const result = await h.app.client.chat.postMessage({ channel: 'C_GENERAL', text: 'hello' });

    expect(result.ok).toBe(true);
    expect(h.double.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it.each([
    ['C_GONE', 'channel_not_found'],
    ['C_NOT_IN', 'not_in_channel'],
    ['C_OLD', 'is_archived'],
  ])('reports the configured failure for channel %s as a Slack platform error (%s)', async (channel, error) => {
    await expect(h.app.client.chat.postMessage({ channel, text: 'hi' })).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { ok: false, error },
    });
  });

  it('answers users.info, conversations.info, views.open and unknown methods like Slack', async () => {
    const admin = await h.app.client.users.info({ user: 'U_ADMIN' });
    expect(admin.user).toMatchObject({ id: 'U_ADMIN', is_admin: true, is_owner: false });
    expect((await h.app.client.users.info({ user: 'U_OWNER' })).user).toMatchObject({ is_owner: true });
    await expect(h.app.client.users.info({ user: 'U_NOBODY' })).rejects.toMatchObject({
      data: { error: 'user_not_found' },
    });
    const info = await h.app.client.conversations.info({ channel: 'C_GENERAL' });
    expect(info.channel).toMatchObject({ name: 'general', is_member: true });
    const opened = await h.app.client.views.open({
      trigger_id: '123.456.abc',
      view: { type: 'modal', title: { type: 'plain_text', text: 'Ask' }, blocks: [] },
    });
    expect(opened.view).toMatchObject({ type: 'modal', id: expect.stringMatching(/^V/) });
    await expect(h.app.client.apiCall('episodes.frobnicate', { x: 1 })).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
    expect(h.double.callsTo('episodes.frobnicate')).toHaveLength(1);
  });

  it.each([
    ['unsigned', (_body: string): Record<string, string> => ({})],
    ['wrongly signed', (body: string) => signSlackRequest('not-the-secret', body)],
    ['stale (6 minutes old)', (body: string) => signSlackRequest(SIGNING_SECRET, body, slackTimestamp(-6 * 60))],
  ])('rejects a %s request with 401 before any listener runs', async (_name, headersFor) => {
    let reached = false;
    h.app.command('/episode', async ({ ack }) => {
      reached = true;
      await ack();
    });
    const body = slashCommandBody({ command: '/episode', responseUrl: h.double.responseUrl('never') });

    const res = await postToBolt(h.eventsUrl, body, headersFor(body));

    expect(res.status).toBe(401);
    expect(res.body).toBe('');
    expect(reached).toBe(false);
    expect(h.double.calls).toEqual([]);
    expect(h.logger.lines.some((l) => l.level === 'warn' && l.message.includes('Failed to verify authenticity'))).toBe(
      true,
    );
    // Control: the very same body, correctly signed and fresh, is accepted.
    expect((await signedPost(body)).status).toBe(200);
    expect(reached).toBe(true);
  });

  it('answers an unsigned ssl_check with 200 without running listeners', async () => {
    let reached = false;
    h.app.command('/episode', async ({ ack }) => {
      reached = true;
      await ack();
    });
    const smuggled = `ssl_check=1&${slashCommandBody({ command: '/episode', responseUrl: h.double.responseUrl('x') })}`;

    const res = await postToBolt(h.eventsUrl, smuggled, {});

    expect(res.status).toBe(200);
    expect(reached).toBe(false);
  });

  it('exposes Slack retry headers to listeners as context.retryNum and retryReason', async () => {
    const contexts: unknown[] = [];
    h.app.command('/episode', async ({ ack, context }) => {
      contexts.push({ retryNum: context.retryNum, retryReason: context.retryReason });
      await ack();
    });
    const body = slashCommandBody({ command: '/episode', responseUrl: h.double.responseUrl('r') });

    await signedPost(body, { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' });

    expect(contexts).toEqual([{ retryNum: 1, retryReason: 'http_timeout' }]);
  });

  it('explains what it did receive when a wait times out', async () => {
    await h.app.client.chat.postMessage({ channel: 'C_GENERAL', text: 'only this' });

    await expect(h.double.waitForCall('chat.update', undefined, 50)).rejects.toThrow(
      /timed out after 50ms waiting for call to "chat.update"[\s\S]*chat\.postMessage -> 200 .*only this/,
    );
    await expect(h.double.waitForResponse('nope', 50)).rejects.toThrow(/POST to response URL "nope"/);
  });

  it('leaves nothing listening after app.stop() and double.close()', async () => {
    const pending = h.double.waitForCall('chat.postMessage', undefined, 10_000);

    await h.app.stop();
    await h.double.close();
    stopped = true;

    await expect(pending).rejects.toThrow(/closed/);
    expect(h.boltServer.listening).toBe(false);
    await expect(fetch(h.eventsUrl, { method: 'POST' })).rejects.toThrow();
    await expect(fetch(h.double.apiUrl + 'auth.test', { method: 'POST' })).rejects.toThrow();
  });
});
