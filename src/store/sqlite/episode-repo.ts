import { episodeSchema, type Episode } from '../../core/model/catalog-schema.ts';
import type { EpisodeChanges, EpisodeRepository, EpisodesChangedAfter } from '../ports/episodes.ts';
import type { SqliteConnection } from './connection.ts';

type Row = { id: string; episode_json: string };

/** Episodes from the feeds in SQLite (table `feed_episodes`, the episode as JSON). */
export class SqliteEpisodeRepository implements EpisodeRepository {
  constructor(private readonly c: SqliteConnection) {}

  save(episodes: readonly Episode[], now: string): Promise<EpisodeChanges> {
    return this.c.run((db) => {
      const get = db.prepare<[string], Row>('SELECT id, episode_json FROM feed_episodes WHERE id = ?');
      const insert = db.prepare(
        'INSERT INTO feed_episodes (id, guid, episode_json, published_at, first_seen_at, updated_at, show_key) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const update = db.prepare('UPDATE feed_episodes SET guid = ?, episode_json = ?, published_at = ?, updated_at = ?, show_key = ? WHERE id = ?');
      const changes: EpisodeChanges = { added: [], updated: [] };
      db.transaction(() => {
        for (const ep of episodes) {
          const json = JSON.stringify(ep);
          const row = get.get(ep.id);
          if (!row) {
            insert.run(ep.id, ep.guid, json, ep.publishedAt, now, now, ep.show ?? null);
            changes.added.push(ep);
          } else if (row.episode_json !== json) {
            update.run(ep.guid, json, ep.publishedAt, now, ep.show ?? null, ep.id);
            changes.updated.push(ep);
          }
        }
      })();
      return changes;
    });
  }

  markAnnounced(ids: readonly string[]): Promise<void> {
    return this.c.run((db) => {
      const stmt = db.prepare('UPDATE feed_episodes SET announced = 1 WHERE id = ?');
      db.transaction(() => ids.forEach((id) => stmt.run(id)))();
    });
  }

  all(onInvalid: (id: string, problem: string) => void = () => {}): Promise<Episode[]> {
    return this.c.run((db) => {
      const rows = db.prepare<[], Row>('SELECT id, episode_json FROM feed_episodes ORDER BY published_at DESC, id').all();
      return rows.flatMap((row) => {
        const parsed = episodeSchema.safeParse(JSON.parse(row.episode_json));
        if (parsed.success) return [parsed.data];
        onInvalid(row.id, parsed.error.issues[0]?.message ?? 'invalid');
        return [];
      });
    });
  }

  changedSince(since: string): Promise<Episode[]> {
    return this.c.run((db) => {
      const rows = db.prepare<[string], Row>('SELECT id, episode_json FROM feed_episodes WHERE updated_at > ?').all(since);
      return rows.flatMap((row) => {
        const parsed = episodeSchema.safeParse(JSON.parse(row.episode_json));
        return parsed.success ? [parsed.data] : [];
      });
    });
  }

  changedAfter(version: number): Promise<EpisodesChangedAfter> {
    return this.c.run((db) => {
      // The version first: every change numbered up to it has committed, so the rows read next include them all.
      const now = (db.prepare("SELECT version FROM store_changes WHERE topic = 'episodes'").get() as { version: number }).version;
      const rows = db.prepare<[number], Row>('SELECT id, episode_json FROM feed_episodes WHERE change_version > ?').all(version);
      return { episodes: rows.flatMap((row) => valid(row)), version: now };
    });
  }

  get(id: string): Promise<Episode | undefined> {
    return this.c.run((db) => {
      const row = db.prepare<[string], Row>('SELECT id, episode_json FROM feed_episodes WHERE id = ?').get(id);
      const parsed = row ? episodeSchema.safeParse(JSON.parse(row.episode_json)) : null;
      return parsed?.success ? parsed.data : undefined;
    });
  }

  newestPublishedAt(showKey?: string): Promise<string | null> {
    return this.c.run((db) => {
      if (showKey === undefined) return (db.prepare('SELECT MAX(published_at) AS d FROM feed_episodes').get() as { d: string | null }).d;
      return (db.prepare('SELECT MAX(published_at) AS d FROM feed_episodes WHERE show_key = ?').get(showKey) as { d: string | null }).d;
    });
  }

  count(showKey?: string): Promise<number> {
    return this.c.run((db) => {
      if (showKey === undefined) return (db.prepare('SELECT COUNT(*) AS n FROM feed_episodes').get() as { n: number }).n;
      return (db.prepare('SELECT COUNT(*) AS n FROM feed_episodes WHERE show_key = ?').get(showKey) as { n: number }).n;
    });
  }

  showOf(id: string): Promise<string | null | undefined> {
    return this.c.run((db) => {
      const row = db.prepare<[string], { show_key: string | null }>('SELECT show_key FROM feed_episodes WHERE id = ?').get(id);
      return row ? row.show_key : undefined;
    });
  }
}

function valid(row: Row): Episode[] {
  const parsed = episodeSchema.safeParse(JSON.parse(row.episode_json));
  return parsed.success ? [parsed.data] : [];
}
