import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import type { Store } from '../../src/store/store.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { describePostgres, useTestDatabase } from '../helpers/postgres/database.ts';
import { storeCopy, writeSqliteSource } from '../helpers/store-copy.ts';

/** Everything a bot reads back that the copy carries, through the store's ports. */
async function readBack(s: Store) {
  return {
    subscriptions: await s.subscriptions.list(),
    shows: await s.subscriptionShows.of('discord', 'c1'),
    shape: await s.subscriptionShapes.get('discord', 'c1'),
    followed: await s.followedFeeds.list(),
    stored: await s.shows.all(),
    episodes: (await s.episodes.all()).map((e) => e.id),
    e1: await s.episodes.get('e1'),
    ledger: await s.deliveries.forEpisode('e1'),
    open: (await s.deliveries.open()).length,
    counts: await s.deliveries.counts(),
    feed: await s.feedState.get('https://a.example/feed'),
    transcript: await s.transcriptState.get('e1'),
    done: await s.transcriptState.doneEpisodeIds(),
    fetched: [await s.transcriptSegments.hasFetched('e1'), await s.transcriptSegments.hasFetched('e2')],
    sources: [...(await s.transcriptSegments.stored(['e1', 'e2', 'e3']))],
    segments: await s.transcriptSegments.segmentCount(),
    matches: (await s.transcriptSegments.matches('kubernetes')).map((m) => [m.episodeId, m.score.toFixed(6)]),
    saved: await s.savedLibrary.get('episodes'),
    deck: await s.randomDecks.shown('discord:c1'),
  };
}

describePostgres('npm run store:copy: the PostgreSQL store reads back what the SQLite store held', () => {
  const database = useTestDatabase();
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'episode-bot-store-copy-engines-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the same subscriptions, ledger, episodes, feed state, transcripts, scores and quotes', async () => {
    const path = await writeSqliteSource(join(dir, 'episode-bot.db'));
    const run = await storeCopy(['--from', path, '--to', database.url]);
    expect(run.code).toBe(0);
    const sqlite = SqliteStore.open(path);
    const postgres = await PostgresStore.open(database.url);
    try {
      expect(await readBack(postgres)).toEqual(await readBack(sqlite));
      const quotes = async (s: Store) => {
        const ids = (await s.transcriptSegments.matches('cafe')).map((m) => m.segmentId);
        return (await s.transcriptSegments.quotes(ids, ['cafe'])).map((q) => [q.marked, q.startSeconds, q.speaker]);
      };
      expect(await quotes(postgres)).toEqual(await quotes(sqlite));
    } finally {
      await sqlite.close();
      await postgres.close();
    }
  }, 60_000);
});
