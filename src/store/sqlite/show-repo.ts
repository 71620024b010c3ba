import { podcastSchema, type Podcast } from '../../core/model/catalog-schema.ts';
import type { Db } from './database.ts';

/** A show as stored: the podcast identity its feed gave at the last successful poll. */
export interface StoredShow {
  key: string;
  feedUrl: string;
  podcast: Podcast;
}

type Row = { key: string; feed_url: string; podcast_json: string };

/** Shows seen in feeds, one row per feed URL's key; kept when a feed leaves the setting. */
export class ShowRepo {
  constructor(private readonly db: Db) {}

  /** Stores a show's identity; returns the previous title when the feed renamed itself. */
  save(show: StoredShow, now: string): { renamedFrom: string | null } {
    const before = this.get(show.key);
    this.db
      .prepare(
        `INSERT INTO shows (key, feed_url, podcast_json, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET feed_url = excluded.feed_url, podcast_json = excluded.podcast_json, updated_at = excluded.updated_at`,
      )
      .run(show.key, show.feedUrl, JSON.stringify(show.podcast), now, now);
    const renamed = before && before.podcast.title !== show.podcast.title ? before.podcast.title : null;
    return { renamedFrom: renamed };
  }

  /** One show, if stored (and still valid). */
  get(key: string): StoredShow | undefined {
    const row = this.db.prepare<[string], Row>('SELECT key, feed_url, podcast_json FROM shows WHERE key = ?').get(key);
    return row ? toShow(row) : undefined;
  }

  /** Every stored show, oldest first. */
  all(): StoredShow[] {
    const rows = this.db.prepare<[], Row>('SELECT key, feed_url, podcast_json FROM shows ORDER BY first_seen_at, key').all();
    return rows.flatMap((r) => {
      const s = toShow(r);
      return s ? [s] : [];
    });
  }
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
