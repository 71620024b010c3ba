import { afterEach, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { startDiscordDouble, type DiscordDouble } from '../doubles/discord/index.ts';
import { startFeedServer, type FeedServer } from '../doubles/feed-server.ts';
import { postToBolt, signSlackRequest, slashCommandBody, startSlackApiDouble, type SlackApiDouble } from '../doubles/slack/index.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres/database.ts';
import { allReady, leaderAmong, leads, startReplica, until, type Replica } from '../helpers/replicas.ts';
import { rssFeed, weeklyItems } from '../helpers/rss.ts';

// Three bot processes on one PostgreSQL database behind an imaginary balancer: any of them answers, one leads.

const SECRET = 'replicas-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-replicas-test-token-0123456789';

const running: Replica[] = [];
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const r of running.splice(0)) r.bot.child.kill('SIGKILL');
  await Promise.all(running.map((r) => r.bot.exit()));
  for (const close of closers.splice(0).reverse()) await close();
});

async function world() {
  const db: TestDatabase = await createTestDatabase();
  const discord: DiscordDouble = await startDiscordDouble();
  const slack: SlackApiDouble = await startSlackApiDouble({ tokens: [BOT_TOKEN] });
  const feed: FeedServer = await startFeedServer(rssFeed(weeklyItems(2)));
  closers.push(() => db.drop(), () => discord.close(), () => slack.close(), () => feed.close());
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
  };
  return { db, discord, slack, feed, env };
}

async function replicas(env: Record<string, string>, names: string[]): Promise<Replica[]> {
  const started: Replica[] = [];
  for (const name of names) {
    const r = await startReplica(name, env);
    running.push(r);
    started.push(r);
  }
  await allReady(started);
  return started;
}

describePostgres('several bot processes on one PostgreSQL database', () => {
  it('any replica answers Slack and Discord; a new episode is searchable on every one within 5 s; SIGTERM hands the lead over at once', async () => {
    const { discord, slack, feed, env, db } = await world();
    // The first process leads before the others start (so the one to stop is known).
    const [a] = await replicas(env, ['a']);
    await leaderAmong([a!]);
    const all = [a!, ...(await replicas(env, ['b', 'c']))];

    // Slack, round-robin: six commands, two per replica, all answered.
    for (let i = 0; i < 6; i++) {
      const r = all[i % 3]!;
      const body = slashCommandBody({ command: '/episode', text: 'quokka', responseUrl: slack.responseUrl(`rr-${i}`) });
      const res = await postToBolt(`${r.base}/slack/events`, body, signSlackRequest(SECRET, body));
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.json ?? (await slack.waitForResponse(`rr-${i}`, 5_000)))).toContain('quokka resilience part 2');
    }
    // Discord over HTTP: signed interactions answered by each, a bad signature refused by each; no gateway anywhere.
    for (const r of all) {
      const answered = await discord.postInteraction(`${r.base}/discord/interactions`, discord.chatInputInteraction({ name: 'episode', options: { query: 'quokka' } }));
      expect(JSON.stringify(answered.body)).toContain('quokka resilience part 2');
      for (const signature of ['wrong-key', 'tampered', 'none'] as const) {
        const forged = await discord.postInteraction(`${r.base}/discord/interactions`, discord.chatInputInteraction({ name: 'episode', options: { query: 'quokka' } }), { signature });
        expect(forged.status).toBe(401);
      }
    }
    expect(discord.gatewayConnections).toEqual([]);
    for (const r of all) expect((await fetch(`${r.base}/metrics`).then((m) => m.text())).match(/episode_bot_commands_total\{platform="slack"[^}]*outcome="answered"\} (\d+)/)?.[1]).toBe('2');

    // A new episode: stored by the leader, found by a search on every replica.
    feed.setFeed(rssFeed([{ guid: 'okapi', title: 'Okapis in production', date: '2030-06-08T10:00:00Z' }, ...weeklyItems(2)]));
    const stored = Date.now();
    const seenBy: Record<string, number> = {};
    await until('every replica to find the new episode', async () => {
      for (const r of all) {
        if (seenBy[r.name] !== undefined) continue;
        const res = await discord.postInteraction(`${r.base}/discord/interactions`, discord.chatInputInteraction({ name: 'episode', options: { query: 'okapis' } }));
        if (JSON.stringify(res.body).includes('Okapis in production')) seenBy[r.name] = Date.now() - stored;
      }
      return Object.keys(seenBy).length === all.length;
    }, 10_000, all);
    console.info(`a new episode in the feed was searchable on every replica after ${JSON.stringify(seenBy)} ms (poll every 1 s)`);
    // The poll interval (1 s) comes first; storing and spreading it takes the rest.
    for (const ms of Object.values(seenBy)) expect(ms).toBeLessThan(5_000);

    // SIGTERM: the leader gives the lease up on its way out; another process leads within a heartbeat or two.
    expect(await leads(a!)).toBe(true);
    a!.bot.child.kill('SIGTERM');
    const stopping = Date.now();
    const next = await leaderAmong(all.slice(1), 10_000);
    const handover = Date.now() - stopping;
    console.info(`after SIGTERM of the leader, ${next.name} led ${handover} ms later`);
    expect(handover).toBeLessThan(3_000);
    expect(await a!.bot.exit()).toBe(0);
    expect(a!.bot.stderr()).toContain('"reason":"SIGTERM","msg":"shutting down"');

    // The shared /random deck: the two remaining replicas, taking turns, never show an episode twice in a round.
    const store = await PostgresStore.open(db.url);
    closers.push(() => store.close());
    const count = await store.episodes.count();
    const drawn: string[] = [];
    for (let i = 0; i < count; i++) {
      const r = all[1 + (i % 2)]!;
      const res = await discord.postInteraction(`${r.base}/discord/interactions`, discord.chatInputInteraction({ name: 'random', options: {} }));
      drawn.push(JSON.stringify(res.body).match(/Random pick: ([^"\\]+)/)?.[1] ?? 'none');
    }
    expect(new Set(drawn).size).toBe(count);
  }, 60_000);
});
