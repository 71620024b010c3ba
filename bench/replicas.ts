/**
 * Replicas on one PostgreSQL database (issue 19, item 9): two bot processes
 * with the default lease timings (LEASE_TTL 20 s, LEASE_HEARTBEAT 5 s), a
 * Slack channel subscribed, the feed on a local feed server polled every
 * FEED_POLL_INTERVAL (default here 5 s). Per run:
 * - kill -9 of the leader: until the other process leads (its /metrics say
 *   so), and until it posts an episode that appeared in the feed at the kill;
 * - SIGTERM of the leader: until the other process leads;
 * - a new episode in the feed: until a search on the process that does not
 *   lead finds it (measured from the leader's log line storing it, and from
 *   the feed change, which adds up to one poll interval).
 *
 * `node --import tsx bench/replicas.ts [--runs 5] [--url postgres://…] [--poll 5s] [--json]`
 * (also `npm run bench -- --replicas`). Without `--url`, a throwaway cluster is started
 * (tests/helpers/postgres/cluster.ts). About 30 s a run.
 */
import pg from 'pg';
import { PostgresStore } from '../src/store/postgres/postgres-store.ts';
import { startFeedServer, type FeedServer } from '../tests/doubles/feed-server.ts';
import { startSlackApiDouble, type SlackApiDouble } from '../tests/doubles/slack/index.ts';
import { findPostgres, startCluster, type Cluster } from '../tests/helpers/postgres/cluster.ts';
import { allReady, leaderAmong, leads, startReplica, until, type Replica } from '../tests/helpers/replicas.ts';
import { rssFeed, weeklyItems } from '../tests/helpers/rss.ts';
import { summarize, type Summary } from './stats.ts';

const TOKEN = 'xoxb-bench-replicas-token';
const SECRET = 'bench-replicas-signing-secret';
const CHANNEL = 'C_BENCH';

/** The figures, in milliseconds. */
export interface ReplicasBench {
  runs: number;
  pollMs: number;
  killLeads: Summary;
  killAnnounces: Summary;
  termLeads: Summary;
  searchableAfterStore: Summary;
  searchableAfterFeed: Summary;
}

/** Default timings, but the poll (the default 15 min would make the announce figure a poll interval). */
const TIMINGS = { LEASE_TTL: '20s', LEASE_HEARTBEAT: '5s', ANNOUNCE_ON_FIRST_POLL: '0', CONSOLE: 'off', LOG_LEVEL: 'info' };

interface World {
  url: string;
  feed: FeedServer;
  slack: SlackApiDouble;
  env: Record<string, string>;
  episodes: number;
}

/** Publishes one more episode in the feed (a new guid, the newest date). */
function publish(world: World, title: string): void {
  world.episodes++;
  const extra = Array.from({ length: world.episodes }, (_, i) => ({ guid: `bench-${i + 1}`, title: i + 1 === world.episodes ? title : `Bench episode ${i + 1}`, date: new Date(Date.UTC(2031, 0, 1) + (i + 1) * 86_400_000).toISOString() }));
  world.feed.setFeed(rssFeed([...extra.reverse(), ...weeklyItems(2)]));
}

async function pair(world: World, names: [string, string]): Promise<[Replica, Replica]> {
  const a = await startReplica(names[0], { ...TIMINGS, ...world.env });
  await allReady([a]);
  await leaderAmong([a], 30_000);
  const b = await startReplica(names[1], { ...TIMINGS, ...world.env });
  await allReady([b]);
  return [a, b];
}

async function stopAll(replicas: Replica[]): Promise<void> {
  for (const r of replicas) r.bot.child.kill('SIGKILL');
  await Promise.all(replicas.map((r) => r.bot.exit()));
}

/** Searches on a replica through its Slack endpoint; true when the answer names `title`. */
async function finds(world: World, r: Replica, title: string, query: string): Promise<boolean> {
  const { postToBolt, signSlackRequest, slashCommandBody } = await import('../tests/doubles/slack/index.ts');
  const key = `q-${Math.random()}`;
  const body = slashCommandBody({ command: '/episode', text: query, responseUrl: world.slack.responseUrl(key) });
  const res = await postToBolt(`${r.base}/slack/events`, body, signSlackRequest(SECRET, body));
  const answer = res.json ?? (await world.slack.waitForResponse(key, 5_000).catch(() => null));
  return JSON.stringify(answer).includes(title);
}

/** One run of the three measurements. */
async function runOnce(world: World, i: number, say: (line: string) => void): Promise<{ killLeads: number; killAnnounces: number; termLeads: number; afterStore: number; afterFeed: number }> {
  // kill -9 of the leader, with an episode appearing in the feed at that moment.
  const [a, b] = await pair(world, [`a${i}`, `b${i}`]);
  const posts = world.slack.channelHistory(CHANNEL).length;
  a.bot.child.kill('SIGKILL');
  const killed = Date.now();
  publish(world, `Kill run ${i}`);
  const killLeads = await until('the other process to lead', () => leads(b), 60_000, [b]);
  await until('its announcement', () => world.slack.channelHistory(CHANNEL).length > posts, 60_000, [b]);
  const killAnnounces = Date.now() - killed;
  await a.bot.exit();

  // A new episode: searchable on the process that does not lead (start another, which follows b).
  const c = await startReplica(`c${i}`, { ...TIMINGS, ...world.env });
  await allReady([c]);
  const title = `Searchable run ${i} okapi${i}`;
  const mark = b.bot.stderr().length;
  publish(world, title);
  const published = Date.now();
  await until('the episode on the follower', () => finds(world, c, title, `okapi${i}`), 60_000, [b, c]);
  const found = Date.now();
  const storedLine = b.bot.stderr().slice(mark).split('\n').find((l) => l.includes('"msg":"feed changed"'));
  const storedAt = storedLine ? (JSON.parse(storedLine) as { time: number }).time : published;
  const afterStore = found - storedAt;
  const afterFeed = found - published;

  // SIGTERM of the leader (b): c takes over.
  b.bot.child.kill('SIGTERM');
  const termed = Date.now();
  const termLeads = await until('the other process to lead after SIGTERM', () => leads(c), 60_000, [c]);
  await b.bot.exit();
  await stopAll([c]);
  say(`run ${i}: kill -9 → leads ${killLeads} ms, announces ${killAnnounces} ms; SIGTERM → leads ${termLeads} ms (${Date.now() - termed} ms to exit); searchable on a follower ${afterStore} ms after the leader stored it, ${afterFeed} ms after the feed changed`);
  return { killLeads, killAnnounces, termLeads, afterStore, afterFeed };
}

export async function runReplicasBench(url: string, runs: number, pollMs: number, say: (line: string) => void): Promise<ReplicasBench> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `bench_replicas_${process.pid}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = Object.assign(new URL(url), { pathname: `/${name}` }).href;
  const feed = await startFeedServer(rssFeed(weeklyItems(2)));
  const slack = await startSlackApiDouble({ tokens: [TOKEN], historyLimits: { intervalMs: 60_000, maxMessages: 15 } });
  try {
    const store = await PostgresStore.open(dbUrl);
    await store.subscriptions.add({ platform: 'slack', channelId: CHANNEL, serverId: 'T_BENCH', createdBy: 'bench' }, new Date().toISOString());
    await store.close();
    const world: World = {
      url: dbUrl,
      feed,
      slack,
      episodes: 0,
      env: { DATABASE_URL: dbUrl, SLACK_BOT_TOKEN: TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.apiUrl, FEED_URL: feed.url, FEED_POLL_INTERVAL: `${pollMs / 1000}s` },
    };
    const rows = [];
    for (let i = 1; i <= runs; i++) rows.push(await runOnce(world, i, say));
    return {
      runs,
      pollMs,
      killLeads: summarize(rows.map((r) => r.killLeads)),
      killAnnounces: summarize(rows.map((r) => r.killAnnounces)),
      termLeads: summarize(rows.map((r) => r.termLeads)),
      searchableAfterStore: summarize(rows.map((r) => r.afterStore)),
      searchableAfterFeed: summarize(rows.map((r) => r.afterFeed)),
    };
  } finally {
    await feed.close();
    await slack.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

/** The figures as a Markdown table. */
export function replicasMarkdown(b: ReplicasBench): string {
  const row = (what: string, s: Summary) => `| ${what} | ${Math.round(s.p50)} | ${Math.round(s.max)} |`;
  return [
    `## Replicas on one PostgreSQL database (${b.runs} runs; LEASE_TTL 20 s, LEASE_HEARTBEAT 5 s, poll every ${b.pollMs / 1000} s)`,
    '',
    '| what | p50 ms | max ms |',
    '| --- | --- | --- |',
    row('kill -9 of the leader → another process leads', b.killLeads),
    row('kill -9 of the leader → an episode new at that moment is announced', b.killAnnounces),
    row('SIGTERM of the leader → another process leads', b.termLeads),
    row('episode stored by the leader → searchable on a follower', b.searchableAfterStore),
    row('episode in the feed → searchable on a follower (includes the poll)', b.searchableAfterFeed),
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  let cluster: Cluster | undefined;
  let url = arg('url');
  if (!url) {
    const found = findPostgres();
    if (!found.ok) throw new Error(found.reason);
    cluster = await startCluster(found);
    url = cluster.url;
  }
  const poll = arg('poll') ?? '5s';
  try {
    const bench = await runReplicasBench(url, Number(arg('runs') ?? 5), Number.parseFloat(poll) * 1000, (line) => process.stderr.write(`${line}\n`));
    process.stdout.write(argv.includes('--json') ? `${JSON.stringify(bench)}\n` : replicasMarkdown(bench));
  } finally {
    cluster?.stop();
  }
}
