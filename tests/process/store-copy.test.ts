import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptSegment } from '../../src/core/model/transcript-segment.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { migrate } from '../../src/store/postgres/migrate.ts';
import { markSegments, termMatches } from '../../src/store/postgres/transcript-queries.ts';
import { shippedCatalog } from '../helpers/bot.ts';
import { freePort } from '../helpers/postgres/cluster.ts';
import { describePostgres, useTestDatabase } from '../helpers/postgres/database.ts';
import { at, episode } from '../unit/store/contract/use-store.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

type Run = { code: number; stdout: string; stderr: string };

/** Runs `npm run store:copy`'s script as a process; resolves with its exit code and output. */
function storeCopy(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/app/cli/store-copy.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const dir = mkdtempSync(join(tmpdir(), 'episode-bot-store-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const segment = (startSeconds: number | null, text: string, speaker: string | null = null): TranscriptSegment => ({ startSeconds, endSeconds: null, speaker, text });

/** A SQLite store written through its repositories as a running bot would, closed; resolves to its path. */
async function sqliteSource(name = 'episode-bot.db'): Promise<string> {
  const path = join(dir, name);
  const store = SqliteStore.open(path);
  try {
    await store.subscriptions.add({ platform: 'discord', channelId: 'c1', serverId: 'g1', createdBy: 'u1' }, at(0));
    await store.subscriptions.add({ platform: 'slack', channelId: 'C2', serverId: 'T2', createdBy: null }, at(1));
    await store.subscriptionShows.set('discord', 'c1', ['show-a']);
    await store.subscriptionShapes.set('discord', 'c1', { only: 'kubernetes', mention: '<@&42>' });
    await store.followedFeeds.add({ feedUrl: 'https://a.example/feed', showKey: 'show-a', title: 'Show A', platform: 'discord', serverId: 'g1', followedBy: 'u1', followedAt: at(2) });
    await store.shows.save({ key: 'show-a', feedUrl: 'https://a.example/feed', podcast: shippedCatalog().podcast }, at(2));
    await store.episodes.save([episode('e1', '2030-01-01'), episode('e2', '2030-01-02'), episode('e3', '2030-01-03')], at(3));
    await store.episodes.markAnnounced(['e1', 'e2']);
    const channels = [{ platform: 'discord' as const, channelId: 'c1' }, { platform: 'slack' as const, channelId: 'C2' }];
    await store.deliveries.plan(['e1', 'e2'], channels, at(4));
    for (const c of channels) {
      await store.deliveries.markSending({ episodeId: 'e1', ...c }, at(5));
      await store.deliveries.finish({ episodeId: 'e1', ...c }, { state: 'delivered', messageId: `m-${c.channelId}` }, at(5));
    }
    await store.feedState.put({
      feedUrl: 'https://a.example/feed', etag: '"abc"', lastModified: null, initialized: true, lastAttemptAt: at(6), lastSuccessAt: at(6),
      lastError: null, lastErrorAt: null, consecutiveFailures: 0, nextPollAt: at(20), lastEpisodeId: 'e3',
    });
    await store.transcriptState.track({ episodeId: 'e1', showKey: 'show-a', publishedAt: '2030-01-01', sources: [{ url: 'https://a.example/e1.vtt', type: 'text/vtt', language: 'en', rel: null }] }, at(7));
    await store.transcriptState.markDone('e1', { url: 'https://a.example/e1.vtt', format: 'vtt', segments: 3 }, at(8));
    await store.transcriptSegments.replace([
      { episodeId: 'e1', origin: 'feed', digest: null, segments: [segment(0, 'Welcome to the show.', 'Host'), segment(61.5, 'Kubernetes operators at Café Zürich'), segment(125, 'and more kubernetes talk')] },
      { episodeId: 'e2', origin: 'catalog', digest: 'd2', segments: [segment(null, 'An excerpt about latency')] },
    ]);
    // Replaced: the first rows of e2 are gone, so FTS5 rowids have a hole the copy must not trip on.
    await store.transcriptSegments.replace([{ episodeId: 'e2', origin: 'catalog', digest: 'd2b', segments: [segment(null, 'An excerpt about tail latency'), segment(null, 'and outages')] }]);
    await store.savedLibrary.put('episodes', { version: 3, stamp: 'stamp-1', body: '{"index":true}' });
  } finally {
    await store.close();
  }
  return path;
}

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
      // As a later PostgreSQL migration creates them (the schema version left as it is, so this code still accepts it).
      await pool.query(`
        CREATE TABLE followed_feeds (show_key text COLLATE "C" PRIMARY KEY, feed_url text NOT NULL, title text, platform text COLLATE "C" NOT NULL,
          server_id text COLLATE "C", followed_by text, followed_at text COLLATE "C" NOT NULL);
        CREATE TABLE subscription_shapes (platform text COLLATE "C" NOT NULL, channel_id text COLLATE "C" NOT NULL, only_words text, mention text,
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

describe('npm run store:copy: refusals', () => {
  it('refuses a malformed target URL, naming the option and never printing the password', async () => {
    writeFileSync(join(dir, 'any.db'), '');
    const run = await storeCopy(['--from', join(dir, 'any.db'), '--to', 'postgres://bot:s3cretPa55@db.example:0/episodes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--to: the port must be a whole number from 1 to 65535/);
    expect(run.stdout + run.stderr).not.toContain('s3cretPa55');
  });

  it('refuses an unreachable target with exit 1, naming host and port and never printing the password', async () => {
    const port = await freePort();
    const source = join(dir, 'unreachable.db');
    await SqliteStore.open(source).close();
    const run = await storeCopy(['--from', source, '--to', `postgres://bot:s3cretPa55@127.0.0.1:${port}/episodes`, '--wait', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot connect to PostgreSQL at 127.0.0.1:${port}/episodes`);
    expect(run.stdout + run.stderr).not.toContain('s3cretPa55');
  });

  it('refuses a source that is not a database, or is missing, before connecting anywhere', async () => {
    const notDb = join(dir, 'notes.db');
    writeFileSync(notDb, 'these are notes, not a database\n'.repeat(100));
    const run = await storeCopy(['--from', notDb, '--to', 'postgres://bot:pw@127.0.0.1:1/episodes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/notes\.db: not a SQLite database/);
    const missing = await storeCopy(['--from', join(dir, 'nothing-here.db'), '--to', 'postgres://bot:pw@127.0.0.1:1/episodes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nothing-here\.db: no such file/);
  });

  it('asks where to when neither --to nor DATABASE_URL is given', async () => {
    const run = await storeCopy(['--from', join(dir, 'any.db')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/give --to postgres:\/\/.* \(or set DATABASE_URL\)/);
  });
});
