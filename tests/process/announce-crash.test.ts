import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { startDiscordDouble, type DiscordDouble } from '../doubles/discord/index.ts';
import { startSlackApiDouble, type SlackApiDouble } from '../doubles/slack/index.ts';
import { startBot, type BotProcess } from '../helpers/bot-process.ts';
import { rssFeed, weeklyItems } from '../helpers/rss.ts';

// Crash-and-restart, as an operator's process manager does it: `kill -9`, then start again at once.
// FEED_POLL_INTERVAL is the default 15 minutes throughout: takeover must not depend on it.

const BOT_TOKEN = 'xoxb-crash-test-token-0123456789';
const SECRET = 'crash-test-signing-secret-123';
const D1 = '300000000000000001';
const SLACK_CHANNEL = 'C_NEWS';

const running: BotProcess[] = [];
const doubles: Array<DiscordDouble | SlackApiDouble> = [];
afterEach(async () => {
  for (const b of running.splice(0)) b.child.kill('SIGKILL');
  for (const d of doubles.splice(0)) await d.close();
});

/** Starts `npm start`; standard input stays open for the console chat, closed (as under a process manager) otherwise. */
function start(env: Record<string, string>): BotProcess {
  const bot = startBot(env);
  running.push(bot);
  if (env['CONSOLE'] !== 'on') bot.child.stdin.end();
  return bot;
}

/** Milliseconds between the process's first log lines containing `from` and `to` (its first line when `from` is empty). */
function logSpan(bot: BotProcess, from: string, to: string): number {
  const lines = bot.stderr().split('\n').filter((l) => l.startsWith('{'));
  const time = (l: string | undefined) => (l ? (JSON.parse(l) as { time: number }).time : NaN);
  return time(lines.find((l) => l.includes(to))) - time(lines.find((l) => l.includes(from)));
}

async function until(what: string, check: () => boolean, timeoutMs: number, bots: BotProcess[] = []): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${bots.map((b) => b.stderr()).join('\n---\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

async function killed(bot: BotProcess): Promise<void> {
  bot.child.kill('SIGKILL');
  await bot.exit();
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const zebra = () => rssFeed([{ guid: 'zebra', title: 'Zebras in production', date: '2030-06-08T10:00:00Z' }, ...weeklyItems(2)]);

describe('after a crash, announcements resume within seconds', () => {
  it('another process sharing the database takes over and announces a new episode within 15 s of a kill -9', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-crash-'));
    const feedPath = join(dir, 'feed.xml');
    writeFileSync(feedPath, rssFeed(weeklyItems(2)));
    const env = { FEED_URL: feedPath, DATABASE_PATH: join(dir, 'bot.db'), CONSOLE: 'on' };

    const first = start(env);
    await first.waitFor('📣 New episode', 15_000);
    const second = start(env);
    await until('the second process to follow the feed', () => second.stderr().includes('following 1 feed'), 15_000, [second]);
    await new Promise((r) => setTimeout(r, 500));
    expect(second.stdout()).not.toContain('📣');

    await killed(first);
    writeFileSync(feedPath, zebra());
    const ms = await until('the second process to announce the new episode', () => second.stdout().includes('Zebras in production'), 15_000, [second]);
    console.info(`takeover by another process after kill -9: new episode announced ${ms} ms later`);
    expect(second.stdout().split('📣').length - 1).toBe(1);
  }, 60_000);
});

describe('a holder that hangs without dying', () => {
  it('loses the lease within 25 s to another process, and does not announce when it wakes up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-hang-'));
    const feedPath = join(dir, 'feed.xml');
    writeFileSync(feedPath, rssFeed(weeklyItems(2)));
    const env = { FEED_URL: feedPath, DATABASE_PATH: join(dir, 'bot.db'), CONSOLE: 'on' };
    const first = start(env);
    await first.waitFor('📣 New episode', 15_000);
    const second = start(env);
    await until('the second process to follow the feed', () => second.stderr().includes('following 1 feed'), 15_000, [second]);

    first.child.kill('SIGSTOP'); // alive, holding its lock, but renewing nothing
    writeFileSync(feedPath, zebra());
    const ms = await until('the second process to announce', () => second.stdout().includes('Zebras in production'), 40_000, [second]);
    console.info(`takeover from a hung holder: new episode announced ${ms} ms after it stopped`);
    expect(ms).toBeLessThan(30_000);

    first.child.kill('SIGCONT');
    await until('the woken process to notice', () => first.stderr().includes('lost the announcer lease'), 15_000, [first]);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(first.stdout()).not.toContain('Zebras in production');
  }, 90_000);
});

describe('exactly once on Discord and Slack across crashes', () => {
  it('a post the platform accepted just before a kill -9 is found after the restart and not sent again', async () => {
    const discord = await startDiscordDouble({ guilds: [{ id: '200000000000000001', channels: [{ id: D1, name: 'news' }] }] });
    // Slack's real limits on conversations.history for apps outside the Marketplace: 1 call a minute, 15 messages a call.
    const slack = await startSlackApiDouble({ tokens: [BOT_TOKEN], historyLimits: { intervalMs: 60_000, maxMessages: 15 } });
    doubles.push(discord, slack);
    discord.setNonceWindow(0); // beyond Discord's nonce window: only looking for the post prevents a second one

    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-crash-'));
    const feedPath = join(dir, 'feed.xml');
    const dbPath = join(dir, 'bot.db');
    writeFileSync(feedPath, rssFeed(weeklyItems(2)));
    const store = SqliteStore.open(dbPath);
    const now = new Date().toISOString();
    await store.subscriptions.add({ platform: 'discord', channelId: D1, serverId: '200000000000000001', createdBy: 'admin' }, now);
    await store.subscriptions.add({ platform: 'slack', channelId: SLACK_CHANNEL, serverId: 'T_TEST', createdBy: 'admin' }, now);
    await store.close();
    const env = async () => ({
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_PORT: String(await freePort()),
      SLACK_API_URL: slack.apiUrl,
      FEED_URL: feedPath,
      DATABASE_PATH: dbPath,
    });

    // 1. Discord stores the post, then the bot dies before hearing back (so before its ledger write).
    discord.holdChannelMessageResponses(D1);
    const first = start(await env());
    await until('the Discord post', () => discord.channelMessages(D1).length === 1, 20_000, [first]);
    await killed(first);
    discord.holdChannelMessageResponses(D1, false);

    // 2. Restarted at once: it takes over, finds the Discord post, posts to Slack, and dies the same way there.
    slack.holdResponses('chat.postMessage');
    const second = start(await env());
    const ms = await until('the Slack post after the restart', () => slack.channelHistory(SLACK_CHANNEL).length === 1, 20_000, [second]);
    expect(discord.channelMessages(D1)).toHaveLength(1);
    console.info(`takeover by the restarted process after kill -9: next post ${ms} ms after the spawn; lease taken over ${logSpan(second, '', 'took over its lease')} ms after its first log line, ${logSpan(second, 'following 1 feed', 'took over its lease')} ms after its feed service started`);
    expect(second.stderr()).toContain('an earlier attempt had posted the announcement');
    await killed(second);
    slack.holdResponses('chat.postMessage', false);

    // 3. Restarted again: it finds the Slack post by its metadata.
    const third = start(await env());
    await until('the Slack post to be found', () => third.stderr().includes('"platform":"slack","channel":"C_NEWS"') && third.stderr().includes('an earlier attempt had posted'), 20_000, [third]);
    third.child.kill('SIGTERM');
    expect(await third.exit()).toBe(0);

    expect(discord.channelMessages(D1)).toHaveLength(1);
    expect(slack.channelHistory(SLACK_CHANNEL)).toHaveLength(1);
    expect(slack.callsTo('conversations.history').map((c) => [c.status, c.body['limit']])).toEqual([[200, '15']]);
    expect(slack.callsTo('conversations.history').at(-1)?.body).toMatchObject({ channel: SLACK_CHANNEL, include_all_metadata: expect.anything() });
    const check = SqliteStore.open(dbPath);
    const rows = await check.deliveries.forEpisode((await check.deliveries.counts()).delivered > 0 ? (await check.episodes.all())[0]!.id : '');
    await check.close();
    expect(rows.map((r) => [r.platform, r.state, r.messageId !== null])).toEqual([
      ['discord', 'delivered', true],
      ['slack', 'delivered', true],
    ]);
  }, 90_000);
});

describe('how long a crash delays the next announcement on Slack, within its limits', () => {
  it('the restarted process looks once (one conversations.history call), finds the interrupted post, then announces the next episode', async () => {
    const slack = await startSlackApiDouble({ tokens: [BOT_TOKEN], historyLimits: { intervalMs: 60_000, maxMessages: 15 } });
    doubles.push(slack);
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-slack-crash-'));
    const feedPath = join(dir, 'feed.xml');
    const dbPath = join(dir, 'bot.db');
    writeFileSync(feedPath, rssFeed(weeklyItems(2)));
    const store = SqliteStore.open(dbPath);
    await store.subscriptions.add({ platform: 'slack', channelId: SLACK_CHANNEL, serverId: 'T_TEST', createdBy: 'admin' }, new Date().toISOString());
    await store.close();
    const env = async () => ({
      SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, PORT: String(await freePort()), SLACK_API_URL: slack.apiUrl, FEED_URL: feedPath, DATABASE_PATH: dbPath,
    });
    const posts = () => slack.channelHistory(SLACK_CHANNEL);

    // Without a crash: from the spawn to the first announcement.
    slack.holdResponses('chat.postMessage'); // Slack posts it, the bot never hears back
    const first = start(await env());
    const baseline = await until('the first post', () => posts().length === 1, 20_000, [first]);
    await killed(first);
    slack.holdResponses('chat.postMessage', false);

    // A new episode meanwhile; restarted at once: the interrupted post is looked for, then the new one announced.
    writeFileSync(feedPath, zebra());
    const second = start(await env());
    const delayed = await until('the next announcement', () => posts().length === 2, 30_000, [second]);
    const history = slack.callsTo('conversations.history');
    const nextPost = slack.callsTo('chat.postMessage').at(-1)!;
    const lookupToPost = Math.round(nextPost.receivedAt - history[0]!.receivedAt);
    console.info(`Slack recovery within its limits: first announcement ${baseline} ms after a fresh start; after a kill -9 mid-post, the next announcement ${delayed} ms after the restart, ${lookupToPost} ms after its one conversations.history call`);

    expect(second.stderr()).toContain('an earlier attempt had posted the announcement');
    expect(history.map((c) => [c.status, c.body['limit'], c.body['channel']])).toEqual([[200, '15', SLACK_CHANNEL]]);
    expect(posts().map((m) => String(m['text']))).toEqual([expect.stringContaining('Episode 2'), expect.stringContaining('Zebras in production')]);
    second.child.kill('SIGTERM');
    expect(await second.exit()).toBe(0);
  }, 90_000);
});
