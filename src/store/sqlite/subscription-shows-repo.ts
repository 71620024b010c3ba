import type { SubscriptionShowsRepository } from '../ports/subscription-shows.ts';
import type { SqliteConnection } from './connection.ts';
import type { Db } from './database.ts';

/** Which shows a channel gets, in SQLite (table `subscription_shows`; no rows: every show). */
export class SqliteSubscriptionShowsRepository implements SubscriptionShowsRepository {
  constructor(private readonly c: SqliteConnection) {}

  of(platform: string, channelId: string): Promise<string[]> {
    return this.c.run((db) => showsOf(db, platform, channelId));
  }

  wants(platform: string, channelId: string, showKey: string): Promise<boolean> {
    return this.c.run((db) => {
      const shows = showsOf(db, platform, channelId);
      return shows.length === 0 || shows.includes(showKey);
    });
  }

  set(platform: string, channelId: string, showKeys: readonly string[]): Promise<void> {
    return this.c.run((db) =>
      db.transaction(() => {
        db.prepare('DELETE FROM subscription_shows WHERE platform = ? AND channel_id = ?').run(platform, channelId);
        const insert = db.prepare('INSERT OR IGNORE INTO subscription_shows (platform, channel_id, show_key) VALUES (?, ?, ?)');
        for (const key of showKeys) insert.run(platform, channelId, key);
      })(),
    );
  }
}

function showsOf(db: Db, platform: string, channelId: string): string[] {
  return db
    .prepare<[string, string], { show_key: string }>('SELECT show_key FROM subscription_shows WHERE platform = ? AND channel_id = ? ORDER BY show_key')
    .all(platform, channelId)
    .map((r) => r.show_key);
}
