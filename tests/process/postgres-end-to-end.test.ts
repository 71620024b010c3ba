import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../doubles/feed-server.ts';
import { startBot, type BotProcess } from '../helpers/bot-process.ts';
import { podcastFeed } from '../helpers/podcast-feed.ts';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres/database.ts';

// The real bot (`src/main.ts`) with DATABASE_URL: everything it keeps is in PostgreSQL, across a kill -9 and a restart.

const fixture = (name: string) => readFileSync(new URL(`../fixtures/transcripts/${name}`, import.meta.url));
const day = (n: number) => new Date(Date.UTC(2030, 5, n, 10)).toISOString();
const PHRASE = 'marsupials noticed';

const servers: FeedServer[] = [];
const running: BotProcess[] = [];
const databases: TestDatabase[] = [];
afterEach(async () => {
  const bots = running.splice(0);
  bots.forEach((b) => b.child.kill('SIGKILL'));
  await Promise.all(bots.map((b) => b.exit()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const d of databases.splice(0)) await d.drop();
});

async function until(what: string, check: () => boolean, timeoutMs: number, bot?: BotProcess): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}\n${bot?.stderr() ?? ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const announcements = (bot: BotProcess) => bot.stdout().split('📣').length - 1;

describe('a malformed DATABASE_URL', () => {
  it('stops the start with exit 2, naming DATABASE_URL and never its password, and creates no database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-pg-url-'));
    const bot = startBot({ DATABASE_URL: 'postgres://bot:hunter22-secret@db.example/episodes?sslmode=prefer', DATABASE_PATH: join(dir, 'bot.db'), CONSOLE: 'on' });
    running.push(bot);
    expect(await bot.exit()).toBe(2);
    expect(bot.stderr()).toContain('DATABASE_URL: sslmode=prefer is not supported');
    expect(bot.stderr() + bot.stdout()).not.toContain('hunter22-secret');
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);
});

describePostgres('the bot on PostgreSQL (DATABASE_URL)', () => {
  it('follows a feed, quotes a transcript with its minute, announces a new episode once, and announces nothing again after a kill -9 and restart; no SQLite file', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const feed = await startFeedServer();
    servers.push(feed);
    feed.setFile('/t/q1.vtt', fixture('ep1.vtt'), 'text/vtt');
    const items = [
      { guid: 'q2', title: 'Quokka two', date: day(3) },
      { guid: 'q1', title: 'Quokka one', date: day(1), transcripts: [{ url: feed.urlFor('/t/q1.vtt'), type: 'text/vtt' }] },
    ];
    feed.setFeed(podcastFeed({ title: 'Quokka Radio', link: 'https://quokka.example/' }, items));
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-pg-e2e-'));
    const env = {
      DATABASE_URL: db.url,
      // Where SQLite files would go: nothing may appear there.
      DATABASE_PATH: join(dir, 'bot.db'),
      INDEX_CACHE_PATH: join(dir, 'index-cache.db'),
      FEED_URL: feed.url,
      FEED_POLL_INTERVAL: '1s',
      CONSOLE: 'on',
      ALLOW_PRIVATE_FEED_URLS: 'true',
    };
    const feedPolls = () => feed.requests.filter((r) => r.url === '/feed.xml').length;

    const first = startBot(env);
    running.push(first);
    await first.waitFor('📣 New episode', 20_000);
    expect(first.stderr()).toContain('"engine":"postgresql"');
    await first.waitFor('transcripts: 1 of 1 episodes\n', 20_000);
    let mark = first.stdout().length;
    first.send(`/episode ${PHRASE}`);
    await first.waitFor('▶ 23:14 — Ana: “We broke the database', 10_000, mark);

    // A new episode: announced once, however many polls see it.
    feed.setFeed(podcastFeed({ title: 'Quokka Radio', link: 'https://quokka.example/' }, [{ guid: 'q3', title: 'Quokka three', date: day(5) }, ...items]));
    await first.waitFor('Quokka three', 15_000);
    const polled = feedPolls();
    await until('two more polls', () => feedPolls() >= polled + 2, 15_000, first);
    expect(announcements(first)).toBe(2);

    first.child.kill('SIGKILL');
    await first.exit();

    const again = startBot(env);
    running.push(again);
    mark = again.stdout().length;
    again.send(`/episode ${PHRASE}`);
    await again.waitFor('▶ 23:14 — Ana: “We broke the database', 15_000, mark);
    // The killed process's session, and its advisory lock with it, ended with it: the lease is taken over at once, not after 20 s.
    await until('the takeover', () => again.stderr().includes('the announcer died; took over its lease at once'), 15_000, again);
    const restarted = feedPolls();
    await until('the restarted bot to poll twice', () => feedPolls() >= restarted + 2, 20_000, again);
    await new Promise((r) => setTimeout(r, 500));
    expect(again.stdout()).not.toContain('📣');
    expect(feed.requests.filter((r) => r.url === '/t/q1.vtt')).toHaveLength(1); // the transcript is not fetched again
    again.child.kill('SIGTERM');
    expect(await again.exit()).toBe(0);

    expect(readdirSync(dir)).toEqual([]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; announced: boolean }>('SELECT episode->>\'title\' AS id, announced FROM feed_episodes ORDER BY published_at');
      expect(rows).toEqual([
        { id: 'Quokka one', announced: false },
        { id: 'Quokka two', announced: true },
        { id: 'Quokka three', announced: true },
      ]);
    } finally {
      await client.end();
    }
  }, 90_000);
});
