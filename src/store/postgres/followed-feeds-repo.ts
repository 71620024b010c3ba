import type { FollowedFeed, FollowedFeedRepository, PurgedShow } from '../ports/followed-feeds.ts';
import { changed, firstRow, rows, type PgConnection } from './connection.ts';

type Row = { show_key: string; feed_url: string; title: string | null; platform: string; server_id: string | null; followed_by: string | null; followed_at: string };

const COLUMNS = 'show_key, feed_url, title, platform, server_id, followed_by, followed_at';

/** Feeds followed from chat, in PostgreSQL (table `followed_feeds`). */
export class PgFollowedFeedRepository implements FollowedFeedRepository {
  constructor(private readonly c: PgConnection) {}

  async list(): Promise<FollowedFeed[]> {
    return (await rows<Row>(this.c, `SELECT ${COLUMNS} FROM followed_feeds ORDER BY followed_at, show_key`)).map(toFeed);
  }

  async get(showKey: string): Promise<FollowedFeed | undefined> {
    const row = await firstRow<Row>(this.c, `SELECT ${COLUMNS} FROM followed_feeds WHERE show_key = $1`, [showKey]);
    return row ? toFeed(row) : undefined;
  }

  async add(f: FollowedFeed): Promise<boolean> {
    const n = await changed(this.c, `INSERT INTO followed_feeds (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (show_key) DO NOTHING`, [
      f.showKey,
      f.feedUrl,
      f.title,
      f.platform,
      f.serverId,
      f.followedBy,
      f.followedAt,
    ]);
    return n > 0;
  }

  async remove(showKey: string): Promise<boolean> {
    return (await changed(this.c, 'DELETE FROM followed_feeds WHERE show_key = $1', [showKey])) > 0;
  }

  purgeShow(showKey: string, feedUrl: string): Promise<PurgedShow> {
    return this.c.atomic((c) => purge(c, showKey, feedUrl));
  }
}

async function purge(c: PgConnection, showKey: string, feedUrl: string): Promise<PurgedShow> {
  const ids = (await rows<{ id: string }>(c, 'SELECT id FROM feed_episodes WHERE show_key = $1', [showKey])).map((r) => r.id);
  await c.query("DELETE FROM deliveries WHERE episode_id = ANY($1::text[]) AND state IN ('pending', 'sending')", [ids]);
  const byEpisode = await changed(c, 'DELETE FROM transcripts WHERE episode_id = ANY($1::text[])', [ids]);
  const episodes = await changed(c, 'DELETE FROM feed_episodes WHERE show_key = $1', [showKey]);
  const byShow = await changed(c, 'DELETE FROM transcripts WHERE show_key = $1', [showKey]);
  await c.query('DELETE FROM shows WHERE key = $1', [showKey]);
  await c.query('DELETE FROM feed_state WHERE feed_url = $1', [feedUrl]);
  await c.query('DELETE FROM followed_feeds WHERE show_key = $1', [showKey]);
  const alone = await rows<{ platform: string; channel_id: string }>(
    c,
    `SELECT platform, channel_id FROM subscription_shows s WHERE show_key = $1
     AND NOT EXISTS (SELECT 1 FROM subscription_shows o WHERE o.platform = s.platform AND o.channel_id = s.channel_id AND o.show_key <> s.show_key)`,
    [showKey],
  );
  if (alone.length > 0) {
    const keys = [alone.map((s) => s.platform), alone.map((s) => s.channel_id)];
    await c.query('DELETE FROM subscriptions t USING unnest($1::text[], $2::text[]) AS a (p, c) WHERE t.platform = a.p AND t.channel_id = a.c', keys);
    await c.query('DELETE FROM subscription_shapes t USING unnest($1::text[], $2::text[]) AS a (p, c) WHERE t.platform = a.p AND t.channel_id = a.c', keys);
  }
  await c.query('DELETE FROM subscription_shows WHERE show_key = $1', [showKey]);
  return { episodes, transcripts: Math.max(byEpisode, byShow), subscriptions: alone.length };
}

function toFeed(r: Row): FollowedFeed {
  return { showKey: r.show_key, feedUrl: r.feed_url, title: r.title, platform: r.platform, serverId: r.server_id, followedBy: r.followed_by, followedAt: r.followed_at };
}
