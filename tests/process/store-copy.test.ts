import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate } from '../../src/store/postgres/migrate.ts';
import { markSegments, termMatches } from '../../src/store/postgres/transcript-queries.ts';
import { shippedCatalog } from '../helpers/bot.ts';
import { describePostgres, useTestDatabase } from '../helpers/postgres/database.ts';
import { storeCopy, writeSqliteSource, type Run } from '../helpers/store-copy.ts';
import { at } from '../unit/store/contract/use-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'episode-bot-store-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sqliteSource = (name = 'episode-bot.db') => writeSqliteSource(join(dir, name));

const sha1 = (path: string) => createHash('sha1').update(readFileSync(path)).digest('hex');

describePostgres('npm run store:copy: a SQLite store into PostgreSQL', () => {
  const database = useTestDatabase();
  let source: string;
  let before: string;
  let first: Run;
  let pool: pg.Pool;
  beforeAll(async () => {
    source = await sqliteSource();
    before = sha1(source);
    first = await storeCopy(['--from', source, '--to', database.url]);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
  });
  const q = async <T extends pg.QueryResultRow>(sql: string) => (await pool.query<T>(sql)).rows;
  const optional = async (table: string) => (await q<{ t: string | null }>(`SELECT to_regclass('${table}')::text AS t`))[0]!.t !== null;

  it('copies and reports rows per table and the time taken', () => {
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Copied .*episode-bot\.db to 127\.0\.0\.1:\d+\/test_\w+ in \d+\.\d s/);
    expect(first.stdout).toMatch(/feed_episodes\s+3 rows/);
    expect(first.stdout).toMatch(/transcript_segments\s+5 rows/);
    expect(first.stdout).toMatch(/deliveries\s+4 rows/);
  });

  it('never writes to the source', () => {
    expect(sha1(source)).toBe(before);
  });

  it('keeps which episodes were announced and delivered, so nothing is announced again', async () => {
    expect(await q('SELECT id, announced FROM feed_episodes ORDER BY id')).toEqual([
      { id: 'e1', announced: true },
      { id: 'e2', announced: true },
      { id: 'e3', announced: false },
    ]);
    expect(await q("SELECT episode->>'title' AS title, show_key FROM feed_episodes WHERE id = 'e3'")).toEqual([{ title: 'Episode e3', show_key: 'show-a' }]);
    expect(await q('SELECT episode_id, platform, channel_id, state, message_id FROM deliveries ORDER BY episode_id, platform')).toEqual([
      { episode_id: 'e1', platform: 'discord', channel_id: 'c1', state: 'delivered', message_id: 'm-c1' },
      { episode_id: 'e1', platform: 'slack', channel_id: 'C2', state: 'delivered', message_id: 'm-C2' },
      { episode_id: 'e2', platform: 'discord', channel_id: 'c1', state: 'pending', message_id: null },
      { episode_id: 'e2', platform: 'slack', channel_id: 'C2', state: 'pending', message_id: null },
    ]);
  });

  it('keeps subscriptions, shows, feed state and the saved index', async () => {
    expect(await q('SELECT platform, channel_id, server_id, created_by, status FROM subscriptions ORDER BY platform')).toEqual([
      { platform: 'discord', channel_id: 'c1', server_id: 'g1', created_by: 'u1', status: 'active' },
      { platform: 'slack', channel_id: 'C2', server_id: 'T2', created_by: null, status: 'active' },
    ]);
    expect(await q('SELECT platform, channel_id, show_key FROM subscription_shows')).toEqual([{ platform: 'discord', channel_id: 'c1', show_key: 'show-a' }]);
    expect(await q("SELECT key, podcast->>'title' AS title FROM shows")).toEqual([{ key: 'show-a', title: shippedCatalog().podcast.title }]);
    expect(await q('SELECT feed_url, etag, initialized, consecutive_failures, next_poll_at, last_episode_id FROM feed_state')).toEqual([
      { feed_url: 'https://a.example/feed', etag: '"abc"', initialized: true, consecutive_failures: 0, next_poll_at: at(20), last_episode_id: 'e3' },
    ]);
    expect(await q('SELECT name, version, stamp, body FROM search_state')).toEqual([{ name: 'episodes', version: 3, stamp: 'stamp-1', body: '{"index":true}' }]);
    expect(await q('SELECT count(*)::integer AS n FROM leases')).toEqual([{ n: 0 }]);
  });

  it('copies followed feeds and subscription shapes when the target has their tables, and says so when it has not', async () => {
    if (await optional('subscription_shapes')) {
      expect(await q('SELECT platform, channel_id, only_words, mention FROM subscription_shapes')).toEqual([{ platform: 'discord', channel_id: 'c1', only_words: 'kubernetes', mention: '<@&42>' }]);
      expect(await q('SELECT show_key, feed_url, title FROM followed_feeds')).toEqual([{ show_key: 'show-a', feed_url: 'https://a.example/feed', title: 'Show A' }]);
    } else {
      expect(first.stdout).toMatch(/Not copied: subscription_shapes \(1 rows\): the target's schema has no such table yet/);
      expect(first.stdout).toMatch(/Not copied: followed_feeds \(1 rows\)/);
    }
  });

  it('keeps transcript fetch state and segments, so no transcript is fetched again', async () => {
    expect(await q('SELECT episode_id, state, url, segments, sources FROM transcripts')).toEqual([
      { episode_id: 'e1', state: 'done', url: 'https://a.example/e1.vtt', segments: 3, sources: [{ url: 'https://a.example/e1.vtt', type: 'text/vtt', language: 'en', rel: null }] },
    ]);
    expect(await q('SELECT episode_id, source, digest, segments FROM transcript_sources ORDER BY episode_id')).toEqual([
      { episode_id: 'e1', source: 'feed', digest: null, segments: 3 },
      { episode_id: 'e2', source: 'catalog', digest: 'd2b', segments: 2 },
    ]);
    expect(await q('SELECT episode_id, seq, start_seconds, speaker, text FROM transcript_segments ORDER BY episode_id, seq')).toEqual([
      { episode_id: 'e1', seq: 0, start_seconds: 0, speaker: 'Host', text: 'Welcome to the show.' },
      { episode_id: 'e1', seq: 1, start_seconds: 61.5, speaker: null, text: 'Kubernetes operators at Café Zürich' },
      { episode_id: 'e1', seq: 2, start_seconds: 125, speaker: null, text: 'and more kubernetes talk' },
      { episode_id: 'e2', seq: 0, start_seconds: null, speaker: null, text: 'An excerpt about tail latency' },
      { episode_id: 'e2', seq: 1, start_seconds: null, speaker: null, text: 'and outages' },
    ]);
  });

  it('makes the copied segments findable by transcript search, the vocabulary and totals kept by the triggers', async () => {
    const matches = await termMatches(pool, 'kubernetes');
    expect(matches.map((m) => m.episodeId)).toEqual(['e1', 'e1']);
    const marked = await markSegments(pool, ['cafe'], (await termMatches(pool, 'cafe')).map((m) => m.segmentId));
    expect(marked.map((m) => [m.marked, m.startSeconds])).toEqual([['Kubernetes operators at \u0001Café\u0002 Zürich', 61.5]]);
    expect(await q("SELECT term, segments FROM transcript_vocab WHERE term IN ('kubernetes', 'latency', 'zurich') ORDER BY term")).toEqual([
      { term: 'kubernetes', segments: 2 },
      { term: 'latency', segments: 1 },
      { term: 'zurich', segments: 1 },
    ]);
    expect(await q('SELECT segments::integer AS segments FROM transcript_stats')).toEqual([{ segments: 5 }]);
  });

  it('refuses a second copy into the now non-empty target, changing nothing', async () => {
    const second = await storeCopy(['--from', source, '--to', database.url]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/the target already holds data \(in subscriptions, .*\): .* give --replace/);
    expect(await q('SELECT count(*)::integer AS n FROM feed_episodes')).toEqual([{ n: 3 }]);
  });

  it('with --replace, replaces what the target holds instead of adding to it', async () => {
    await pool.query("INSERT INTO subscriptions (platform, channel_id, created_at) VALUES ('discord', 'only-in-target', 'x')");
    const replaced = await storeCopy(['--from', source, '--to', database.url, '--replace']);
    expect(replaced.stderr).not.toMatch(/error/i);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toMatch(/Replaced what the target held in subscriptions, /);
    expect(await q('SELECT channel_id FROM subscriptions ORDER BY channel_id')).toEqual([{ channel_id: 'C2' }, { channel_id: 'c1' }]);
    expect(await q('SELECT count(*)::integer AS n FROM transcript_segments')).toEqual([{ n: 5 }]);
    expect(await q("SELECT segments FROM transcript_vocab WHERE term = 'kubernetes'")).toEqual([{ segments: 2 }]);
    expect(await q('SELECT segments::integer AS segments FROM transcript_stats')).toEqual([{ segments: 5 }]);
    expect(sha1(source)).toBe(before);
  });
});

describePostgres('npm run store:copy: a target whose schema has the followed feeds and subscription shapes tables', () => {
  const database = useTestDatabase();
  it('copies them too', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      await migrate(pool);
      // As a later PostgreSQL migration creates them, unless this code's migrations did (the schema version left as it is, so this code accepts it).
      await pool.query(`
        CREATE TABLE IF NOT EXISTS followed_feeds (show_key text COLLATE "C" PRIMARY KEY, feed_url text NOT NULL, title text, platform text COLLATE "C" NOT NULL,
          server_id text COLLATE "C", followed_by text, followed_at text COLLATE "C" NOT NULL);
        CREATE TABLE IF NOT EXISTS subscription_shapes (platform text COLLATE "C" NOT NULL, channel_id text COLLATE "C" NOT NULL, only_words text, mention text,
          PRIMARY KEY (platform, channel_id));`);
      const run = await storeCopy(['--from', await sqliteSource('shapes.db'), '--to', database.url]);
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(/Not copied: (followed_feeds|subscription_shapes)/);
      expect(run.stdout).toMatch(/subscription_shapes\s+1 rows/);
      expect((await pool.query('SELECT platform, channel_id, only_words, mention FROM subscription_shapes')).rows).toEqual([
        { platform: 'discord', channel_id: 'c1', only_words: 'kubernetes', mention: '<@&42>' },
      ]);
      expect((await pool.query('SELECT show_key, feed_url, title, platform, server_id, followed_by, followed_at FROM followed_feeds')).rows).toEqual([
        { show_key: 'show-a', feed_url: 'https://a.example/feed', title: 'Show A', platform: 'discord', server_id: 'g1', followed_by: 'u1', followed_at: at(2) },
      ]);
    } finally {
      await pool.end();
    }
  }, 60_000);
});

describePostgres('npm run store:copy: a target whose schema is newer than this code', () => {
  const database = useTestDatabase();
  it('is refused with exit 2, naming both versions, and left as it was', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      await migrate(pool);
      await pool.query('INSERT INTO schema_migrations (version) VALUES (99)');
      const run = await storeCopy(['--from', await sqliteSource('newer.db'), '--to', database.url]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/the database schema is version 99, newer than this episode-bot understands \(\d+\)/);
      expect((await pool.query('SELECT count(*)::integer AS n FROM subscriptions')).rows).toEqual([{ n: 0 }]);
    } finally {
      await pool.end();
    }
  }, 60_000);
});

describePostgres('npm run store:copy: a row PostgreSQL refuses', () => {
  const database = useTestDatabase();
  it('fails with exit 1 naming the table, and writes nothing at all', async () => {
    const path = await sqliteSource('bad-json.db');
    const db = new Database(path);
    db.prepare("UPDATE feed_episodes SET episode_json = '{not json' WHERE id = 'e3'").run();
    db.close();
    const run = await storeCopy(['--from', path, '--to', database.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/the copy failed, nothing was written: copying feed_episodes: invalid input syntax for type json/);
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    try {
      // The schema was created (its own transaction); no row of the copy stayed, not even the tables copied before.
      expect((await pool.query('SELECT (SELECT count(*) FROM subscriptions)::integer AS subscriptions, (SELECT count(*) FROM feed_episodes)::integer AS episodes')).rows).toEqual([
        { subscriptions: 0, episodes: 0 },
      ]);
    } finally {
      await pool.end();
    }
  }, 60_000);
});
