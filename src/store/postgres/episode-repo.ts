import { episodeSchema, type Episode } from '../../core/model/catalog-schema.ts';
import type { EpisodeChanges, EpisodeRepository, EpisodesChangedAfter } from '../ports/episodes.ts';
import { firstRow, rows, type PgConnection } from './connection.ts';

type Row = { id: string; episode: unknown };

/** Episodes from the feeds in PostgreSQL (table `feed_episodes`, the episode as jsonb); same behaviour as the SQLite one. */
export class PgEpisodeRepository implements EpisodeRepository {
  constructor(private readonly c: PgConnection) {}

  save(episodes: readonly Episode[], now: string): Promise<EpisodeChanges> {
    if (episodes.length === 0) return Promise.resolve({ added: [], updated: [] });
    return this.c.atomic(async (c) => {
      const ids = [...new Set(episodes.map((e) => e.id))];
      const stored = await rows<{ id: string; episode: string }>(c, 'SELECT id, episode::text AS episode FROM feed_episodes WHERE id = ANY($1::text[])', [ids]);
      // What each id holds as the batch goes on, in jsonb's canonical text (so equal episodes compare equal).
      const held = new Map(stored.map((r) => [r.id, r.episode]));
      const canonical = await rows<{ t: string }>(c, 'SELECT e::text AS t FROM unnest($1::jsonb[]) WITH ORDINALITY AS x (e, n) ORDER BY n', [episodes.map((e) => JSON.stringify(e))]);
      const changes: EpisodeChanges = { added: [], updated: [] };
      const writes = new Map<string, Episode>();
      const fresh = new Set<string>();
      episodes.forEach((ep, i) => {
        const text = canonical[i]!.t;
        const before = held.get(ep.id);
        if (before === undefined) {
          changes.added.push(ep);
          fresh.add(ep.id);
        } else if (before !== text) changes.updated.push(ep);
        else return;
        held.set(ep.id, text);
        writes.set(ep.id, ep);
      });
      const inserts = [...writes.values()].filter((e) => fresh.has(e.id));
      const updates = [...writes.values()].filter((e) => !fresh.has(e.id));
      if (inserts.length > 0) {
        await c.query(
          `INSERT INTO feed_episodes (id, guid, episode, published_at, first_seen_at, updated_at, show_key)
           SELECT i.id, i.guid, i.episode, i.published_at, $5, $5, i.show_key
           FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $6::text[]) AS i (id, guid, episode, published_at, show_key)`,
          [inserts.map((e) => e.id), inserts.map((e) => e.guid), inserts.map((e) => JSON.stringify(e)), inserts.map((e) => e.publishedAt), now, inserts.map((e) => e.show ?? null)],
        );
      }
      if (updates.length > 0) {
        await c.query(
          `UPDATE feed_episodes f SET guid = u.guid, episode = u.episode, published_at = u.published_at, updated_at = $5, show_key = u.show_key
           FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $6::text[]) AS u (id, guid, episode, published_at, show_key) WHERE f.id = u.id`,
          [updates.map((e) => e.id), updates.map((e) => e.guid), updates.map((e) => JSON.stringify(e)), updates.map((e) => e.publishedAt), now, updates.map((e) => e.show ?? null)],
        );
      }
      return changes;
    });
  }

  async changedAfter(version: number): Promise<EpisodesChangedAfter> {
    // The version first: every change numbered up to it has committed (writers take turns on its row), so the rows read next include them all.
    const now = await firstRow<{ version: string }>(this.c, "SELECT version FROM store_changes WHERE topic = 'episodes'");
    const found = await rows<Row>(this.c, 'SELECT id, episode FROM feed_episodes WHERE change_version > $1', [version]);
    return { episodes: found.flatMap((row) => { const parsed = episodeSchema.safeParse(row.episode); return parsed.success ? [parsed.data] : []; }), version: Number(now?.version ?? 0) };
  }

  async markAnnounced(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.c.query('UPDATE feed_episodes SET announced = true WHERE id = ANY($1::text[])', [ids]);
  }

  async all(onInvalid: (id: string, problem: string) => void = () => {}): Promise<Episode[]> {
    const found = await rows<Row>(this.c, 'SELECT id, episode FROM feed_episodes ORDER BY published_at DESC NULLS LAST, id');
    return found.flatMap((row) => {
      const parsed = episodeSchema.safeParse(row.episode);
      if (parsed.success) return [parsed.data];
      onInvalid(row.id, parsed.error.issues[0]?.message ?? 'invalid');
      return [];
    });
  }

  async changedSince(since: string): Promise<Episode[]> {
    const found = await rows<Row>(this.c, 'SELECT id, episode FROM feed_episodes WHERE updated_at > $1', [since]);
    return found.flatMap((row) => {
      const parsed = episodeSchema.safeParse(row.episode);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async get(id: string): Promise<Episode | undefined> {
    const row = await firstRow<Row>(this.c, 'SELECT id, episode FROM feed_episodes WHERE id = $1', [id]);
    const parsed = row ? episodeSchema.safeParse(row.episode) : null;
    return parsed?.success ? parsed.data : undefined;
  }

  async newestPublishedAt(showKey?: string): Promise<string | null> {
    const row =
      showKey === undefined
        ? await firstRow<{ d: string | null }>(this.c, 'SELECT max(published_at) AS d FROM feed_episodes')
        : await firstRow<{ d: string | null }>(this.c, 'SELECT max(published_at) AS d FROM feed_episodes WHERE show_key = $1', [showKey]);
    return row?.d ?? null;
  }

  async count(showKey?: string): Promise<number> {
    const row =
      showKey === undefined
        ? await firstRow<{ n: number }>(this.c, 'SELECT count(*)::integer AS n FROM feed_episodes')
        : await firstRow<{ n: number }>(this.c, 'SELECT count(*)::integer AS n FROM feed_episodes WHERE show_key = $1', [showKey]);
    return row!.n;
  }

  async showOf(id: string): Promise<string | null | undefined> {
    const row = await firstRow<{ show_key: string | null }>(this.c, 'SELECT show_key FROM feed_episodes WHERE id = $1', [id]);
    return row ? row.show_key : undefined;
  }
}
