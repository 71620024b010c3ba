import type { Subscription, SubscriptionFilter, SubscriptionRepository } from '../ports/subscriptions.ts';
import { toSubscription, type SubscriptionRow as Row } from '../rows/subscription-row.ts';
import { changed, firstRow, rows, type PgConnection } from './connection.ts';

/** Subscribed channels in PostgreSQL (table `subscriptions`). */
export class PgSubscriptionRepository implements SubscriptionRepository {
  constructor(private readonly c: PgConnection) {}

  add(s: Pick<Subscription, 'platform' | 'channelId' | 'serverId' | 'createdBy'>, now: string): Promise<'created' | 'reactivated' | 'exists'> {
    return this.c.atomic(async (c) => {
      // One statement decides, so two processes adding the same channel at once get 'created' and 'exists'.
      const inserted = await changed(
        c,
        'INSERT INTO subscriptions (platform, channel_id, server_id, created_at, created_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
        [s.platform, s.channelId, s.serverId, now, s.createdBy],
      );
      if (inserted > 0) return 'created';
      const reactivated = await changed(
        c,
        "UPDATE subscriptions SET status = 'active', last_error = NULL, failed_at = NULL WHERE platform = $1 AND channel_id = $2 AND status <> 'active'",
        [s.platform, s.channelId],
      );
      return reactivated > 0 ? 'reactivated' : 'exists';
    });
  }

  async remove(platform: Subscription['platform'], channelId: string): Promise<boolean> {
    return (await changed(this.c, 'DELETE FROM subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId])) > 0;
  }

  async get(platform: string, channelId: string): Promise<Subscription | undefined> {
    const row = await firstRow<Row>(this.c, 'SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
    return row ? toSubscription(row) : undefined;
  }

  async list(filter: SubscriptionFilter = {}): Promise<Subscription[]> {
    const found = await rows<Row>(this.c, 'SELECT * FROM subscriptions ORDER BY created_at, channel_id');
    return found
      .map(toSubscription)
      .filter(
        (s) =>
          (!filter.platform || s.platform === filter.platform) &&
          (!filter.serverId || s.serverId === filter.serverId) &&
          (!filter.status || s.status === filter.status),
      );
  }

  async markFailed(platform: string, channelId: string, error: string, now: string): Promise<void> {
    await this.c.query("UPDATE subscriptions SET status = 'failed', last_error = $1, failed_at = $2 WHERE platform = $3 AND channel_id = $4", [error, now, platform, channelId]);
  }
}
