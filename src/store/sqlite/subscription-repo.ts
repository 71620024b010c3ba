import type { Subscription, SubscriptionFilter, SubscriptionRepository } from '../ports/subscriptions.ts';
import { toSubscription, type SubscriptionRow as Row } from '../rows/subscription-row.ts';
import type { SqliteConnection } from './connection.ts';
import type { Db } from './database.ts';

/** Subscribed channels in SQLite (table `subscriptions`). */
export class SqliteSubscriptionRepository implements SubscriptionRepository {
  constructor(private readonly c: SqliteConnection) {}

  add(s: Pick<Subscription, 'platform' | 'channelId' | 'serverId' | 'createdBy'>, now: string): Promise<'created' | 'reactivated' | 'exists'> {
    return this.c.run((db) => {
      const existing = subscriptionOf(db, s.platform, s.channelId);
      if (existing?.status === 'active') return 'exists';
      if (existing) {
        db.prepare("UPDATE subscriptions SET status = 'active', last_error = NULL, failed_at = NULL WHERE platform = ? AND channel_id = ?").run(s.platform, s.channelId);
        return 'reactivated';
      }
      db.prepare('INSERT INTO subscriptions (platform, channel_id, server_id, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
        .run(s.platform, s.channelId, s.serverId, now, s.createdBy);
      return 'created';
    });
  }

  remove(platform: Subscription['platform'], channelId: string): Promise<boolean> {
    return this.c.run((db) => db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?').run(platform, channelId).changes > 0);
  }

  get(platform: string, channelId: string): Promise<Subscription | undefined> {
    return this.c.run((db) => subscriptionOf(db, platform, channelId));
  }

  list(filter: SubscriptionFilter = {}): Promise<Subscription[]> {
    return this.c.run((db) =>
      db
        .prepare<[], Row>('SELECT * FROM subscriptions ORDER BY created_at, channel_id')
        .all()
        .map(toSubscription)
        .filter(
          (s) =>
            (!filter.platform || s.platform === filter.platform) &&
            (!filter.serverId || s.serverId === filter.serverId) &&
            (!filter.status || s.status === filter.status),
        ),
    );
  }

  markFailed(platform: string, channelId: string, error: string, now: string): Promise<void> {
    return this.c.run((db) => {
      db.prepare("UPDATE subscriptions SET status = 'failed', last_error = ?, failed_at = ? WHERE platform = ? AND channel_id = ?").run(error, now, platform, channelId);
    });
  }
}

function subscriptionOf(db: Db, platform: string, channelId: string): Subscription | undefined {
  const row = db.prepare<[string, string], Row>('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?').get(platform, channelId);
  return row ? toSubscription(row) : undefined;
}
