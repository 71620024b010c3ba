import { podcastSchema } from '../../core/model/catalog-schema.ts';
import type { ShowRepository, StoredShow } from '../ports/shows.ts';
import { firstRow, rows, type PgConnection } from './connection.ts';

type Row = { key: string; feed_url: string; podcast: unknown };

/** Shows in PostgreSQL (table `shows`, the podcast as jsonb). */
export class PgShowRepository implements ShowRepository {
  constructor(private readonly c: PgConnection) {}

  save(show: StoredShow, now: string): Promise<{ renamedFrom: string | null }> {
    return this.c.atomic(async (c) => {
      const before = await showByKey(c, show.key);
      await c.query(
        `INSERT INTO shows (key, feed_url, podcast, first_seen_at, updated_at) VALUES ($1, $2, $3::jsonb, $4, $4)
         ON CONFLICT (key) DO UPDATE SET feed_url = excluded.feed_url, podcast = excluded.podcast, updated_at = excluded.updated_at`,
        [show.key, show.feedUrl, JSON.stringify(show.podcast), now],
      );
      return { renamedFrom: before && before.podcast.title !== show.podcast.title ? before.podcast.title : null };
    });
  }

  get(key: string): Promise<StoredShow | undefined> {
    return showByKey(this.c, key);
  }

  async all(): Promise<StoredShow[]> {
    const found = await rows<Row>(this.c, 'SELECT key, feed_url, podcast FROM shows ORDER BY first_seen_at, key');
    return found.flatMap((r) => {
      const s = toShow(r);
      return s ? [s] : [];
    });
  }
}

async function showByKey(c: PgConnection, key: string): Promise<StoredShow | undefined> {
  const row = await firstRow<Row>(c, 'SELECT key, feed_url, podcast FROM shows WHERE key = $1', [key]);
  return row ? toShow(row) : undefined;
}

function toShow(r: Row): StoredShow | undefined {
  const parsed = podcastSchema.safeParse(r.podcast);
  return parsed.success ? { key: r.key, feedUrl: r.feed_url, podcast: parsed.data } : undefined;
}
