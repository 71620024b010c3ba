import type { Db } from './database.ts';

/** One announcement of one episode to one channel, and where it stands. */
export interface Delivery {
  episodeId: string;
  platform: 'discord' | 'slack';
  channelId: string;
  state: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  /** When the row last changed: for a row being sent, when the last attempt started. */
  updatedAt: string;
}

type Row = {
  episode_id: string;
  platform: Delivery['platform'];
  channel_id: string;
  state: Delivery['state'];
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  updated_at: string;
};

const toDelivery = (r: Row): Delivery => ({
  episodeId: r.episode_id,
  platform: r.platform,
  channelId: r.channel_id,
  state: r.state,
  attempts: r.attempts,
  lastError: r.last_error,
  messageId: r.message_id,
  updatedAt: r.updated_at,
});

/**
 * The delivery ledger: a row per episode × channel, planned when the episode
 * is found and moved to delivered or failed as posts go out. A row exists at
 * most once, so an episode is never posted twice to a channel.
 */
export class DeliveryRepo {
  constructor(private readonly db: Db) {}

  /** Plans deliveries; rows that exist already are left alone. Returns how many were new. */
  plan(episodeIds: readonly string[], channels: ReadonlyArray<{ platform: string; channelId: string }>, now: string): number {
    const stmt = this.db.prepare(
      "INSERT OR IGNORE INTO deliveries (episode_id, platform, channel_id, state, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?)",
    );
    let added = 0;
    for (const id of episodeIds) for (const c of channels) added += stmt.run(id, c.platform, c.channelId, now, now).changes;
    return added;
  }

  /** Deliveries still to make (pending, or interrupted while sending), oldest episodes first. */
  open(): Delivery[] {
    return this.db
      .prepare<[], Row>(
        `SELECT d.* FROM deliveries d LEFT JOIN feed_episodes e ON e.id = d.episode_id
         WHERE d.state IN ('pending', 'sending') ORDER BY e.published_at, d.created_at, d.episode_id, d.channel_id`,
      )
      .all()
      .map(toDelivery);
  }

  /**
   * Records that a post is about to be made, before the platform is called: a
   * crash then leaves the row `sending` with the attempt's time, and recovery
   * looks on the platform for the post before sending it again.
   */
  markSending(d: Pick<Delivery, 'episodeId' | 'platform' | 'channelId'>, now: string): void {
    this.db
      .prepare("UPDATE deliveries SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE episode_id = ? AND platform = ? AND channel_id = ?")
      .run(now, d.episodeId, d.platform, d.channelId);
  }

  /** Records the outcome of a post. */
  finish(
    d: Pick<Delivery, 'episodeId' | 'platform' | 'channelId'>,
    outcome: { state: 'delivered'; messageId: string | null } | { state: 'pending' | 'failed'; error: string },
    now: string,
  ): void {
    this.db
      .prepare('UPDATE deliveries SET state = ?, message_id = ?, last_error = ?, updated_at = ? WHERE episode_id = ? AND platform = ? AND channel_id = ?')
      .run(
        outcome.state,
        outcome.state === 'delivered' ? outcome.messageId : null,
        outcome.state === 'delivered' ? null : outcome.error,
        now,
        d.episodeId,
        d.platform,
        d.channelId,
      );
  }

  /** Every delivery of one episode. */
  forEpisode(episodeId: string): Delivery[] {
    return this.db.prepare<[string], Row>('SELECT * FROM deliveries WHERE episode_id = ? ORDER BY channel_id').all(episodeId).map(toDelivery);
  }

  /** Counts by state, for status. */
  counts(): Record<Delivery['state'], number> {
    const out = { pending: 0, sending: 0, delivered: 0, failed: 0 };
    const rows = this.db.prepare<[], { state: Delivery['state']; n: number }>('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state').all();
    for (const r of rows) out[r.state] = r.n;
    return out;
  }
}
