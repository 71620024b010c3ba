import type { Delivery, DeliveryKey, DeliveryOutcome, DeliveryRepository } from '../ports/deliveries.ts';
import { toDelivery, type DeliveryRow as Row } from '../rows/delivery-row.ts';
import type { SqliteConnection } from './connection.ts';

/** The delivery ledger in SQLite (table `deliveries`). */
export class SqliteDeliveryRepository implements DeliveryRepository {
  constructor(private readonly c: SqliteConnection) {}

  plan(episodeIds: readonly string[], channels: ReadonlyArray<{ platform: string; channelId: string }>, now: string): Promise<number> {
    return this.c.run((db) => {
      const stmt = db.prepare(
        "INSERT OR IGNORE INTO deliveries (episode_id, platform, channel_id, state, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?)",
      );
      return db.transaction(() => {
        let added = 0;
        for (const id of episodeIds) for (const c of channels) added += stmt.run(id, c.platform, c.channelId, now, now).changes;
        return added;
      })();
    });
  }

  open(): Promise<Delivery[]> {
    return this.c.run((db) =>
      db
        .prepare<[], Row>(
          `SELECT d.* FROM deliveries d LEFT JOIN feed_episodes e ON e.id = d.episode_id
           WHERE d.state IN ('pending', 'sending') ORDER BY e.published_at, d.created_at, d.episode_id, d.channel_id`,
        )
        .all()
        .map(toDelivery),
    );
  }

  markSending(d: DeliveryKey, now: string): Promise<void> {
    return this.c.run((db) => {
      db.prepare("UPDATE deliveries SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE episode_id = ? AND platform = ? AND channel_id = ?")
        .run(now, d.episodeId, d.platform, d.channelId);
    });
  }

  finish(d: DeliveryKey, outcome: DeliveryOutcome, now: string): Promise<void> {
    return this.c.run((db) => {
      db.prepare('UPDATE deliveries SET state = ?, message_id = ?, last_error = ?, updated_at = ? WHERE episode_id = ? AND platform = ? AND channel_id = ?')
        .run(
          outcome.state,
          outcome.state === 'delivered' ? outcome.messageId : null,
          outcome.state === 'delivered' ? null : outcome.error,
          now,
          d.episodeId,
          d.platform,
          d.channelId,
        );
    });
  }

  forEpisode(episodeId: string): Promise<Delivery[]> {
    return this.c.run((db) => db.prepare<[string], Row>('SELECT * FROM deliveries WHERE episode_id = ? ORDER BY channel_id').all(episodeId).map(toDelivery));
  }

  counts(): Promise<Record<Delivery['state'], number>> {
    return this.c.run((db) => {
      const out = { pending: 0, sending: 0, delivered: 0, failed: 0 };
      const rows = db.prepare<[], { state: Delivery['state']; n: number }>('SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state').all();
      for (const r of rows) out[r.state] = r.n;
      return out;
    });
  }
}
