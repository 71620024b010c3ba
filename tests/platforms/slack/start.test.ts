import { createServer } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { SlackDispatcher } from '../../../src/adapters/slack/reply.ts';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../../src/adapters/slack/slack-adapter.ts';
import { postToBolt, signSlackRequest, slashCommandBody, startSlackApiDouble, type SlackApiDouble } from '../../doubles/slack/index.ts';
import { testDispatcher } from '../../helpers/bot.ts';
import { serveEndpoint } from '../../helpers/http-endpoint.ts';

const BOT_TOKEN = 'xoxb-start-test-token-0123456789';
const SECRET = 'start-test-signing-secret-0123456789';

let adapter: SlackAdapter | null = null;
let double: SlackApiDouble | null = null;

afterEach(async () => {
  await adapter?.stop();
  await double?.close();
  [adapter, double] = [null, null];
});

const { dispatcher } = await testDispatcher();

/** A port on 127.0.0.1 that nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The adapter as src/main.ts makes it: no bot identity given, so start() checks the token with auth.test. */
function slackAdapter(extra: Partial<SlackAdapterOptions>): SlackAdapter {
  adapter = createSlackAdapter({
    dispatcher: dispatcher as SlackDispatcher,
    log: pino({ level: 'silent' }),
    botToken: BOT_TOKEN,
    signingSecret: SECRET,
    ephemeral: true,
    adminUserIds: [],
    startRetries: { retries: 2, factor: 1, minTimeout: 20, maxTimeout: 20 },
    ...extra,
  });
  return adapter;
}

describe('Slack adapter start', () => {
  it('gives up on an unreachable Web API after a few attempts, naming SLACK_API_URL and the problem', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    const attempts: string[] = [];
    const bot = slackAdapter({ apiUrl, fetch: (url, init) => (attempts.push(String(url)), fetch(url, init)) });

    const started = performance.now();
    const error = await bot.start().then(() => null, (err: Error) => err);

    expect(error?.message).toBe(
      `cannot reach the Slack Web API at ${apiUrl} (SLACK_API_URL): connection refused (ECONNREFUSED), after 3 attempts; check SLACK_API_URL and the network`,
    );
    expect(attempts).toEqual([`${apiUrl}auth.test`, `${apiUrl}auth.test`, `${apiUrl}auth.test`]);
    expect(performance.now() - started).toBeLessThan(5_000);
    // Not started: requests to its endpoint are refused (503) instead of reaching Bolt.
    const refused = { status: 0 };
    bot.httpEndpoint!.handle({} as never, { writeHead: (status: number) => ((refused.status = status), { end: () => undefined }) } as never, Buffer.alloc(0));
    expect(refused.status).toBe(503);
  });

  it('says the host name was not found when DNS fails, for Slack\'s own API URL too', async () => {
    // A fetch failing as Node's does on a DNS failure (no lookup leaves the machine).
    const dnsFailure: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND slack.com'), { code: 'ENOTFOUND' }) });
    };

    const error = await slackAdapter({ fetch: dnsFailure }).start().then(() => null, (err: Error) => err);

    expect(error?.message).toBe(
      'cannot reach the Slack Web API at https://slack.com/api/: host name not found in DNS (ENOTFOUND), after 3 attempts; check the network (proxy, firewall, DNS)',
    );
  });

  it('names SLACK_BOT_TOKEN when Slack rejects it, without showing it', async () => {
    double = await startSlackApiDouble({ tokens: ['xoxb-some-other-token'] });

    const error = await slackAdapter({ apiUrl: double.apiUrl }).start().then(() => null, (err: Error) => err);

    expect(error?.message).toBe('Slack rejected SLACK_BOT_TOKEN (invalid_auth); check the bot token (xoxb-…) of your app');
    expect(double.callsTo('auth.test')).toHaveLength(1); // a rejected token is not retried
  });

  it('names SLACK_APP_TOKEN when Slack refuses the app-level token in Socket Mode', async () => {
    double = await startSlackApiDouble({ tokens: [BOT_TOKEN] });

    const bot = slackAdapter({ apiUrl: double.apiUrl, appToken: 'xapp-1-not-this-apps-token', signingSecret: undefined });
    const error = await bot.start().then(() => null, (err: Error) => err);

    expect(error?.message).toBe('Slack rejected SLACK_APP_TOKEN (invalid_auth); use the app-level token (xapp-…) with the connections:write scope');
    expect(double.calls.map((c) => c.method)).toEqual(['auth.test', 'apps.connections.open']);
  });

  it('checks the token once at start, then answers without asking auth.test again', async () => {
    double = await startSlackApiDouble({ tokens: [BOT_TOKEN] });
    const bot = slackAdapter({ apiUrl: double.apiUrl });

    await bot.start();
    const front = await serveEndpoint(bot.httpEndpoint!);
    const body = slashCommandBody({ command: '/episode', text: 'chaos', responseUrl: double.responseUrl('r1') });
    const res = await postToBolt(front.url, body, signSlackRequest(SECRET, body)).finally(() => front.close());

    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toContain('Taylor Dolezal');
    expect(double.calls.map((c) => c.method)).toEqual(['auth.test']);
  });
});
