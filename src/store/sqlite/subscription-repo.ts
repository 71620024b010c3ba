import type { Db } from './database.ts';

/** A channel that receives new-episode announcements. */
export interface Subscription {
  platform: 'discord' | 'slack';
  channelId: string;
  serverId: string;
  createdAt: string;
  createdBy: string | null;
  status: 'active' | 'failed';
  lastError: string | null;
  failedAt: string | null;
}

type Row = {
  platform: Subscription['platform'];
  channel_id: string;
  server_id: string;
  created_at: string;
  created_by: string | null;
  status: Subscription['status'];
  last_error: string | null;
  failed_at: string | null;
};

const toSubscription = (r: Row): Subscription => ({
  platform: r.platform,
  channelId: r.channel_id,
  serverId: r.server_id,
  createdAt: r.created_at,
  createdBy: r.created_by,
  status: r.status,
  lastError: r.last_error,
  failedAt: r.failed_at,
});

/** Subscribed channels, per platform. */
export class SubscriptionRepo {
  constructor(private readonly db: Db) {}

  /** Subscribes a channel; re-subscribing a failed channel makes it active again. */
  add(s: Pick<Subscription, 'platform' | 'channelId' | 'serverId' | 'createdBy'>, now: string): 'created' | 'reactivated' | 'exists' {
    const existing = this.get(s.platform, s.channelId);
    if (existing?.status === 'active') return 'exists';
    if (existing) {
      this.db
        .prepare("UPDATE subscriptions SET status = 'active', last_error = NULL, failed_at = NULL WHERE platform = ? AND channel_id = ?")
        .run(s.platform, s.channelId);
      return 'reactivated';
    }
    this.db
      .prepare('INSERT INTO subscriptions (platform, channel_id, server_id, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
      .run(s.platform, s.channelId, s.serverId, now, s.createdBy);
    return 'created';
  }

  /** Removes a subscription; true when there was one. */
  remove(platform: Subscription['platform'], channelId: string): boolean {
    return this.db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?').run(platform, channelId).changes > 0;
  }

  /** One subscription, if any. */
  get(platform: string, channelId: string): Subscription | undefined {
    const row = this.db.prepare<[string, string], Row>('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?').get(platform, channelId);
    return row ? toSubscription(row) : undefined;
  }

  /** Subscriptions, optionally of one platform and server, oldest first. */
  list(filter: { platform?: string; serverId?: string; status?: Subscription['status'] } = {}): Subscription[] {
    const rows = this.db.prepare<[], Row>('SELECT * FROM subscriptions ORDER BY created_at, channel_id').all();
    return rows
      .map(toSubscription)
      .filter(
        (s) =>
          (!filter.platform || s.platform === filter.platform) &&
          (!filter.serverId || s.serverId === filter.serverId) &&
          (!filter.status || s.status === filter.status),
      );
  }

  /** Marks a channel as failing (deleted, no permission): it gets no more posts until re-subscribed. */
  markFailed(platform: string, channelId: string, error: string, now: string): void {
    this.db
      .prepare("UPDATE subscriptions SET status = 'failed', last_error = ?, failed_at = ? WHERE platform = ? AND channel_id = ?")
      .run(error, now, platform, channelId);
  }
}
