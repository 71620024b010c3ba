import { episodeSchema, type Episode } from '../../core/model/catalog-schema.ts';
import type { Db } from './database.ts';

/** What storing a feed's episodes changed. */
export interface EpisodeChanges {
  added: Episode[];
  updated: Episode[];
}

type Row = { id: string; episode_json: string };

/** Episodes discovered from the feed, stored so they survive restarts. */
export class EpisodeRepo {
  constructor(private readonly db: Db) {}

  /** Inserts new episodes and updates changed ones (same id); reports which. Run inside the caller's transaction. */
  save(episodes: readonly Episode[], now: string): EpisodeChanges {
    const get = this.db.prepare<[string], Row>('SELECT id, episode_json FROM feed_episodes WHERE id = ?');
    const insert = this.db.prepare(
      'INSERT INTO feed_episodes (id, guid, episode_json, published_at, first_seen_at, updated_at, show_key) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const update = this.db.prepare('UPDATE feed_episodes SET guid = ?, episode_json = ?, published_at = ?, updated_at = ?, show_key = ? WHERE id = ?');
    const changes: EpisodeChanges = { added: [], updated: [] };
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
    return changes;
  }

  /** Marks episodes as announced (deliveries were planned for them). */
  markAnnounced(ids: readonly string[]): void {
    const stmt = this.db.prepare('UPDATE feed_episodes SET announced = 1 WHERE id = ?');
    for (const id of ids) stmt.run(id);
  }

  /** Every stored episode; rows that no longer validate are skipped and reported. */
  all(onInvalid: (id: string, problem: string) => void = () => {}): Episode[] {
    const rows = this.db.prepare<[], Row>('SELECT id, episode_json FROM feed_episodes ORDER BY published_at DESC, id').all();
    return rows.flatMap((row) => {
      const parsed = episodeSchema.safeParse(JSON.parse(row.episode_json));
      if (parsed.success) return [parsed.data];
      onInvalid(row.id, parsed.error.issues[0]?.message ?? 'invalid');
      return [];
    });
  }

  /** Episodes stored or changed since `since` (ISO time), for processes that do not poll. */
  changedSince(since: string): Episode[] {
    const rows = this.db.prepare<[string], Row>('SELECT id, episode_json FROM feed_episodes WHERE updated_at > ?').all(since);
    return rows.flatMap((row) => {
      const parsed = episodeSchema.safeParse(JSON.parse(row.episode_json));
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** The stored episode with this id, if any (and still valid). */
  get(id: string): Episode | undefined {
    const row = this.db.prepare<[string], Row>('SELECT id, episode_json FROM feed_episodes WHERE id = ?').get(id);
    const parsed = row ? episodeSchema.safeParse(JSON.parse(row.episode_json)) : null;
    return parsed?.success ? parsed.data : undefined;
  }

  /** The newest publication date stored (of one show, when given), if any. */
  newestPublishedAt(showKey?: string): string | null {
    if (showKey === undefined) return (this.db.prepare('SELECT MAX(published_at) AS d FROM feed_episodes').get() as { d: string | null }).d;
    return (this.db.prepare('SELECT MAX(published_at) AS d FROM feed_episodes WHERE show_key = ?').get(showKey) as { d: string | null }).d;
  }

  /** How many episodes came from feeds (from one show's feed, when given). */
  count(showKey?: string): number {
    if (showKey === undefined) return (this.db.prepare('SELECT COUNT(*) AS n FROM feed_episodes').get() as { n: number }).n;
    return (this.db.prepare('SELECT COUNT(*) AS n FROM feed_episodes WHERE show_key = ?').get(showKey) as { n: number }).n;
  }

  /** The show a stored episode belongs to: undefined when not stored, null for one stored before shows existed. */
  showOf(id: string): string | null | undefined {
    const row = this.db.prepare<[string], { show_key: string | null }>('SELECT show_key FROM feed_episodes WHERE id = ?').get(id);
    return row ? row.show_key : undefined;
  }
}
