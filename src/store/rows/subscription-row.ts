import type { Subscription } from '../ports/subscriptions.ts';

/** A `subscriptions` row as both engines read it. */
export type SubscriptionRow = {
  platform: Subscription['platform'];
  channel_id: string;
  server_id: string;
  created_at: string;
  created_by: string | null;
  status: Subscription['status'];
  last_error: string | null;
  failed_at: string | null;
};

/** A row as the port's Subscription. */
export const toSubscription = (r: SubscriptionRow): Subscription => ({
  platform: r.platform,
  channelId: r.channel_id,
  serverId: r.server_id,
  createdAt: r.created_at,
  createdBy: r.created_by,
  status: r.status,
  lastError: r.last_error,
  failedAt: r.failed_at,
});
