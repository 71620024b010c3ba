import type { FollowedFeed, FollowedFeedRepository, PurgedShow } from '../ports/followed-feeds.ts';
import type { SqliteConnection } from './connection.ts';
import type { Db } from './database.ts';

type Row = { show_key: string; feed_url: string; title: string | null; platform: string; server_id: string | null; followed_by: string | null; followed_at: string };

const COLUMNS = 'show_key, feed_url, title, platform, server_id, followed_by, followed_at';

/** Feeds followed from chat, in SQLite (table `followed_feeds`). */
export class SqliteFollowedFeedRepository implements FollowedFeedRepository {
  constructor(private readonly c: SqliteConnection) {}

  list(): Promise<FollowedFeed[]> {
    return this.c.run((db) => db.prepare<[], Row>(`SELECT ${COLUMNS} FROM followed_feeds ORDER BY followed_at, show_key`).all().map(toFeed));
  }

  get(showKey: string): Promise<FollowedFeed | undefined> {
    return this.c.run((db) => {
      const row = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM followed_feeds WHERE show_key = ?`).get(showKey);
      return row ? toFeed(row) : undefined;
    });
  }

  add(f: FollowedFeed): Promise<boolean> {
    return this.c.run(
      (db) =>
        db
          .prepare(`INSERT INTO followed_feeds (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (show_key) DO NOTHING`)
          .run(f.showKey, f.feedUrl, f.title, f.platform, f.serverId, f.followedBy, f.followedAt).changes > 0,
    );
  }

  remove(showKey: string): Promise<boolean> {
    return this.c.run((db) => db.prepare('DELETE FROM followed_feeds WHERE show_key = ?').run(showKey).changes > 0);
  }

  purgeShow(showKey: string, feedUrl: string): Promise<PurgedShow> {
    return this.c.run((db) => db.transaction(() => purge(db, showKey, feedUrl))());
  }
}

function purge(db: Db, showKey: string, feedUrl: string): PurgedShow {
  const ids = db.prepare<[string], { id: string }>('SELECT id FROM feed_episodes WHERE show_key = ?').all(showKey).map((r) => r.id);
  const dropDeliveries = db.prepare("DELETE FROM deliveries WHERE episode_id = ? AND state IN ('pending', 'sending')");
  let transcripts = 0;
  for (const id of ids) {
    dropDeliveries.run(id);
    transcripts += db.prepare('DELETE FROM transcripts WHERE episode_id = ?').run(id).changes;
  }
  const episodes = db.prepare('DELETE FROM feed_episodes WHERE show_key = ?').run(showKey).changes;
  transcripts = Math.max(transcripts, db.prepare('DELETE FROM transcripts WHERE show_key = ?').run(showKey).changes);
  db.prepare('DELETE FROM shows WHERE key = ?').run(showKey);
  db.prepare('DELETE FROM feed_state WHERE feed_url = ?').run(feedUrl);
  db.prepare('DELETE FROM followed_feeds WHERE show_key = ?').run(showKey);
  const alone = db
    .prepare<[string], { platform: string; channel_id: string }>(
      `SELECT platform, channel_id FROM subscription_shows s WHERE show_key = ?
       AND NOT EXISTS (SELECT 1 FROM subscription_shows o WHERE o.platform = s.platform AND o.channel_id = s.channel_id AND o.show_key <> s.show_key)`,
    )
    .all(showKey);
  for (const s of alone) {
    db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?').run(s.platform, s.channel_id);
    db.prepare('DELETE FROM subscription_shapes WHERE platform = ? AND channel_id = ?').run(s.platform, s.channel_id);
  }
  db.prepare('DELETE FROM subscription_shows WHERE show_key = ?').run(showKey);
  return { episodes, transcripts, subscriptions: alone.length };
}

function toFeed(r: Row): FollowedFeed {
  return { showKey: r.show_key, feedUrl: r.feed_url, title: r.title, platform: r.platform, serverId: r.server_id, followedBy: r.followed_by, followedAt: r.followed_at };
}
