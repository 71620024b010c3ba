import { afterEach, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { startDiscordDouble, type DiscordDouble } from '../doubles/discord/index.ts';
import { startFeedServer, type FeedServer } from '../doubles/feed-server.ts';
import { startSlackApiDouble, type SlackApiDouble } from '../doubles/slack/index.ts';
import { createTestDatabase, describePostgres } from '../helpers/postgres/database.ts';
import { allReady, leaderAmong, startReplica, until, type Replica } from '../helpers/replicas.ts';
import { rssFeed, weeklyItems } from '../helpers/rss.ts';

// The leader dies (kill -9) or freezes (SIGSTOP) in the middle of a delivery round, frozen by TEST_PAUSE_AFTER_CLAIM
// between claiming a delivery and posting it: every channel still gets exactly one post.

const SECRET = 'failover-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-failover-test-token-0123456789';
const GUILD = '200000000000000001';
const D1 = '300000000000000001';
const CLAIMED = 'claimed a delivery; pausing before the post';

const running: Replica[] = [];
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.bot.child.kill('SIGCONT');
    r.bot.child.kill('SIGKILL');
  }
  for (const close of closers.splice(0).reverse()) await close();
});

/** A database with these channels subscribed, the doubles, and the environment every replica shares. */
async function world(channels: { slack: string[]; discord: boolean }, pause: string) {
  const db = await createTestDatabase();
  const discord: DiscordDouble = await startDiscordDouble({ guilds: [{ id: GUILD, channels: [{ id: D1, name: 'news' }] }] });
  // Slack's real limits on conversations.history for apps outside the Marketplace: 1 call a minute, 15 messages a call.
  const slack: SlackApiDouble = await startSlackApiDouble({ tokens: [BOT_TOKEN], historyLimits: { intervalMs: 60_000, maxMessages: 15 } });
  const feed: FeedServer = await startFeedServer(rssFeed(weeklyItems(2)));
  closers.push(() => db.drop(), () => discord.close(), () => slack.close(), () => feed.close());
  discord.setNonceWindow(0); // Discord's own nonce check would hide a second post: only the ledger may prevent it
  const store = await PostgresStore.open(db.url);
  const now = new Date().toISOString();
  for (const channelId of channels.slack) await store.subscriptions.add({ platform: 'slack', channelId, serverId: 'T_TEST', createdBy: 'admin' }, now);
  if (channels.discord) await store.subscriptions.add({ platform: 'discord', channelId: D1, serverId: GUILD, createdBy: 'admin' }, now);
  await store.close();
  const env = {
    DATABASE_URL: db.url,
    DISCORD_PUBLIC_KEY: discord.publicKey,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    FEED_URL: feed.url,
    TEST_PAUSE_AFTER_CLAIM: pause,
  };
  const newEpisode = () => feed.setFeed(rssFeed([{ guid: 'zebra', title: 'Zebras in production', date: '2030-06-08T10:00:00Z' }, ...weeklyItems(2)]));
  return { discord, slack, env, newEpisode };
}

/** Starts the first replica and waits for it to lead, then the others; all ready. */
async function replicas(env: Record<string, string>, names: string[]): Promise<Replica[]> {
  const first = await startReplica(names[0]!, env);
  running.push(first);
  await allReady([first]);
  await leaderAmong([first]);
  const rest = await Promise.all(names.slice(1).map((n) => startReplica(n, env)));
  running.push(...rest);
  await allReady(rest);
  return [first, ...rest];
}

const posts = (slack: SlackApiDouble, discord: DiscordDouble, slackChannels: string[], withDiscord: boolean) => [
  ...slackChannels.map((c) => slack.channelHistory(c).length),
  ...(withDiscord ? [discord.channelMessages(D1).length] : []),
];

describePostgres('the leader fails in the middle of a delivery round', () => {
  it('kill -9 after a claim: another process announces within 10 s, and each channel gets exactly one post', async () => {
    const slackChannels = ['C_ONE', 'C_TWO'];
    const { discord, slack, env, newEpisode } = await world({ slack: slackChannels, discord: true }, '2s');
    const all = await replicas(env, ['a', 'b']);
    const [a] = all;
    newEpisode();
    await until('the leader to claim its first delivery', () => a!.bot.stderr().includes(CLAIMED), 10_000, all);
    a!.bot.child.kill('SIGKILL');
    const killed = Date.now();
    await a!.bot.exit();
    const first = await until('another process to announce', () => posts(slack, discord, slackChannels, true).some((n) => n > 0), 10_000, all);
    await until('every channel to get its post', () => posts(slack, discord, slackChannels, true).every((n) => n > 0), 20_000, all);
    const everywhere = Date.now() - killed;
    await new Promise((r) => setTimeout(r, 2_000)); // time for a second post, were one coming
    expect(posts(slack, discord, slackChannels, true)).toEqual([1, 1, 1]);
    console.info(`kill -9 of the leader after a claim: first post by another process ${first} ms later, every channel posted ${everywhere} ms later (2 s pause per claim)`);
    expect(first).toBeLessThan(10_000);
  }, 60_000);

  it('SIGSTOP after a claim: it loses the lease within 30 s, another posts, and once woken it posts nothing', async () => {
    const slackChannels = ['C_ONE'];
    const { slack, env, newEpisode } = await world({ slack: slackChannels, discord: false }, '3s');
    const all = await replicas(env, ['a', 'b']);
    const [a, b] = all;
    newEpisode();
    await until('the leader to claim the delivery', () => a!.bot.stderr().includes(CLAIMED), 10_000, all);
    a!.bot.child.kill('SIGSTOP'); // alive, holding its database session, renewing nothing: mid-claim
    const frozen = Date.now();
    const takeover = await until('another process to lead', () => b!.bot.stderr().includes('this process is the announcer now'), 30_000, all);
    await until('the other process to post', () => slack.channelHistory('C_ONE').length === 1, 20_000, all);
    const posted = Date.now() - frozen;
    console.info(`SIGSTOP of the leader after a claim: another process led ${takeover} ms later and posted ${posted} ms later`);
    expect(takeover).toBeLessThan(30_000);

    const before = a!.bot.stderr().length;
    a!.bot.child.kill('SIGCONT');
    // Woken, it goes on with its round at once (its pause is over): it must notice the lost lease before posting.
    await until('the woken process to give up its round', () => a!.bot.stderr().slice(before).includes('the round stops'), 10_000, all);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(slack.channelHistory('C_ONE')).toHaveLength(1);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
    expect(a!.bot.stderr().slice(before)).not.toContain('"msg":"announced"');
  }, 60_000);
});
