import type { Db } from './database.ts';

/**
 * Which shows a subscribed channel gets. A channel with no rows here gets
 * every show (the default, and what a channel subscribed before shows
 * existed gets); with rows, only those shows.
 */
export class SubscriptionShowsRepo {
  constructor(private readonly db: Db) {}

  /** The shows a channel is limited to; empty means every show. */
  of(platform: string, channelId: string): string[] {
    return this.db
      .prepare<[string, string], { show_key: string }>('SELECT show_key FROM subscription_shows WHERE platform = ? AND channel_id = ? ORDER BY show_key')
      .all(platform, channelId)
      .map((r) => r.show_key);
  }

  /** Whether a channel gets posts of this show. */
  wants(platform: string, channelId: string, showKey: string): boolean {
    const shows = this.of(platform, channelId);
    return shows.length === 0 || shows.includes(showKey);
  }

  /** Limits a channel to these shows (empty: every show), replacing what it had. */
  set(platform: string, channelId: string, showKeys: readonly string[]): void {
    this.db.prepare('DELETE FROM subscription_shows WHERE platform = ? AND channel_id = ?').run(platform, channelId);
    const insert = this.db.prepare('INSERT OR IGNORE INTO subscription_shows (platform, channel_id, show_key) VALUES (?, ?, ?)');
    for (const key of showKeys) insert.run(platform, channelId, key);
  }
}
