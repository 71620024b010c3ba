import { podcastSchema } from '../../core/model/catalog-schema.ts';
import type { ShowRepository, StoredShow } from '../ports/shows.ts';
import type { SqliteConnection } from './connection.ts';
import type { Db } from './database.ts';

type Row = { key: string; feed_url: string; podcast_json: string };

/** Shows in SQLite (table `shows`, the podcast as JSON). */
export class SqliteShowRepository implements ShowRepository {
  constructor(private readonly c: SqliteConnection) {}

  save(show: StoredShow, now: string): Promise<{ renamedFrom: string | null }> {
    return this.c.run((db) => {
      const before = showByKey(db, show.key);
      db.prepare(
        `INSERT INTO shows (key, feed_url, podcast_json, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET feed_url = excluded.feed_url, podcast_json = excluded.podcast_json, updated_at = excluded.updated_at`,
      ).run(show.key, show.feedUrl, JSON.stringify(show.podcast), now, now);
      const renamed = before && before.podcast.title !== show.podcast.title ? before.podcast.title : null;
      return { renamedFrom: renamed };
    });
  }

  get(key: string): Promise<StoredShow | undefined> {
    return this.c.run((db) => showByKey(db, key));
  }

  all(): Promise<StoredShow[]> {
    return this.c.run((db) => {
      const rows = db.prepare<[], Row>('SELECT key, feed_url, podcast_json FROM shows ORDER BY first_seen_at, key').all();
      return rows.flatMap((r) => {
        const s = toShow(r);
        return s ? [s] : [];
      });
    });
  }
}

function showByKey(db: Db, key: string): StoredShow | undefined {
  const row = db.prepare<[string], Row>('SELECT key, feed_url, podcast_json FROM shows WHERE key = ?').get(key);
  return row ? toShow(row) : undefined;
}

function toShow(r: Row): StoredShow | undefined {
  let json: unknown;
  try {
    json = JSON.parse(r.podcast_json);
  } catch {
    return undefined;
  }
  const parsed = podcastSchema.safeParse(json);
  return parsed.success ? { key: r.key, feedUrl: r.feed_url, podcast: parsed.data } : undefined;
}
