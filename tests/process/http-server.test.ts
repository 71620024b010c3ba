import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordDouble, type DiscordDouble } from '../doubles/discord/index.ts';
import { startFeedServer, type FeedServer } from '../doubles/feed-server.ts';
import { postToBolt, signSlackRequest, slashCommandBody, startSlackApiDouble, type SlackApiDouble } from '../doubles/slack/index.ts';
import { startBot, type BotProcess } from '../helpers/bot-process.ts';
import { rssFeed, weeklyItems } from '../helpers/rss.ts';

const SECRET = 'http-test-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-http-test-token-0123456789';
const FEED_PASSWORD = 'feed-password-4567';
const FEED_TOKEN = 'private-feed-token-8901';

let bot: BotProcess | null = null;
let discord: DiscordDouble | null = null;
let slack: SlackApiDouble | null = null;
let feed: FeedServer | null = null;

afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await discord?.close();
  await slack?.close();
  await feed?.close();
  [bot, discord, slack, feed] = [null, null, null, null];
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, check: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check().catch(() => null);
    if (value !== null) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}\n${bot?.stderr() ?? ''}`);
    if (bot?.child.exitCode !== null && bot?.child.exitCode !== undefined) throw new Error(`the bot exited (${bot.child.exitCode}) before ${what}\n${bot.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
};

describe('one HTTP server per process: Slack, Discord, health and metrics on PORT', () => {
  it('serves both platforms and health, leaks no secret, and on SIGTERM turns not ready, finishes the answer in progress and exits 0', async () => {
    discord = await startDiscordDouble();
    slack = await startSlackApiDouble({ tokens: [BOT_TOKEN], users: { U_ADMIN: { is_admin: true } } });
    feed = await startFeedServer(rssFeed(weeklyItems(2)));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const feedUrl = `http://listener:${FEED_PASSWORD}@127.0.0.1:${new URL(feed.url).port}/feed.xml?auth=${FEED_TOKEN}`;
    bot = startBot({
      PORT: String(port),
      DISCORD_PUBLIC_KEY: discord.publicKey,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_TOKEN: discord.token,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      FEED_URL: feedUrl,
      DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'episode-bot-http-')), 'bot.db'),
    });
    bot.child.stdin.end();

    await until('/readyz to say ready', async () => ((await get(`${base}/readyz`)).status === 200 ? true : null), 20_000);
    expect(await get(`${base}/healthz`)).toEqual({ status: 200, text: '{"status":"ok"}' });
    await until('the first feed poll in the metrics', async () => ((await get(`${base}/metrics`)).text.includes('episode_bot_feed_polls_total{') ? true : null), 15_000);

    // Discord over HTTP: a signed PING is answered, and no gateway connection was opened although DISCORD_TOKEN is set.
    expect((await discord.postInteraction(`${base}/discord/interactions`, discord.pingInteraction())).body).toEqual({ type: 1 });
    const unsigned = await discord.postInteraction(`${base}/discord/interactions`, discord.pingInteraction(), { signature: 'none' });
    expect(unsigned.status).toBe(401);
    const answered = await discord.postInteraction(`${base}/discord/interactions`, discord.chatInputInteraction({ name: 'episode', options: { query: 'quokka' } }));
    expect(JSON.stringify(answered.body)).toContain('Episode 2: quokka resilience part 2');
    expect(discord.gatewayConnections).toEqual([]);

    // Slack over HTTP, on the same port.
    const body = slashCommandBody({ command: '/episode', text: 'quokka', responseUrl: slack.responseUrl('fast') });
    const res = await postToBolt(`${base}/slack/events`, body, signSlackRequest(SECRET, body));
    expect(JSON.stringify(res.json ?? (await slack.waitForResponse('fast', 5000)))).toContain('quokka resilience part 2');

    // Metrics: the leader (the only process, following a feed), commands by platform, polls; no secret anywhere.
    const metrics = (await get(`${base}/metrics`)).text;
    expect(metrics).toContain('episode_bot_leader 1');
    expect(metrics).toMatch(/episode_bot_commands_total\{platform="slack",command="episode",via="command",outcome="answered"\} 1/);
    expect(metrics).toMatch(/episode_bot_commands_total\{platform="discord",command="episode",via="command",outcome="answered"\} 1/);
    expect(metrics).toMatch(/episode_bot_feed_polls_total\{show="show-[0-9a-f]{10}",outcome="updated"\} 1/);
    const exposed = [metrics, (await get(`${base}/healthz`)).text, (await get(`${base}/readyz`)).text].join('\n');
    for (const secret of [BOT_TOKEN, SECRET, discord.token, FEED_PASSWORD, FEED_TOKEN, feed.origin, '127.0.0.1', 'listener']) expect(exposed).not.toContain(secret);

    // A slow answer (the admin check waits on Slack), then SIGTERM while it is in progress.
    slack.delayResponses('users.info', 3_000);
    const slowBody = slashCommandBody({ command: '/podcast', text: 'status', userId: 'U_ADMIN', responseUrl: slack.responseUrl('slow') });
    const slow = postToBolt(`${base}/slack/events`, slowBody, signSlackRequest(SECRET, slowBody));
    await slack.waitForCall('users.info');
    bot.child.kill('SIGTERM');
    const draining = await until('/readyz to turn 503', async () => {
      const r = await get(`${base}/readyz`);
      return r.status === 503 ? r.text : null;
    }, 2_000);
    expect(JSON.parse(draining)).toEqual({ status: 'not ready', reasons: ['draining'] });
    expect((await slow).status).toBe(200); // acknowledged empty within the answer budget

    const answer = await slack.waitForResponse('slow', 10_000);
    expect(JSON.stringify(answer)).toContain('Podcast feed status');
    expect(await bot.exit()).toBe(0);
    expect(bot.stderr()).toContain('"reason":"SIGTERM","msg":"shutting down"');
    expect(bot.stderr()).not.toContain('answers still in progress');
    for (const secret of [BOT_TOKEN, SECRET, discord.token, FEED_PASSWORD]) expect(bot.stderr()).not.toContain(secret);
  }, 60_000);

  it('names PORT and exits 1 when the port is taken', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    const port = (taken.address() as { port: number }).port;
    try {
      slack = await startSlackApiDouble({ tokens: [BOT_TOKEN] });
      bot = startBot({ PORT: String(port), SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, DATABASE_PATH: ':memory:' });
      bot.child.stdin.end();
      expect(await bot.exit()).toBe(1);
      expect(bot.stderr()).toContain(`PORT: cannot listen on port ${port}: the port is already in use (EADDRINUSE); set PORT to a free port`);
    } finally {
      taken.close();
    }
  }, 30_000);
});
