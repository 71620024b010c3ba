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

/** Which subscriptions {@link SubscriptionRepository.list} returns; every field optional. */
export interface SubscriptionFilter {
  platform?: string;
  serverId?: string;
  status?: Subscription['status'];
}

/** Subscribed channels, per platform. */
export interface SubscriptionRepository {
  /** Subscribes a channel; re-subscribing a failed channel makes it active again. */
  add(s: Pick<Subscription, 'platform' | 'channelId' | 'serverId' | 'createdBy'>, now: string): Promise<'created' | 'reactivated' | 'exists'>;
  /** Removes a subscription; true when there was one. */
  remove(platform: Subscription['platform'], channelId: string): Promise<boolean>;
  /** One subscription, if any. */
  get(platform: string, channelId: string): Promise<Subscription | undefined>;
  /** Subscriptions, optionally of one platform, server or status, oldest first. */
  list(filter?: SubscriptionFilter): Promise<Subscription[]>;
  /** Marks a channel as failing (deleted, no permission): it gets no more posts until re-subscribed. */
  markFailed(platform: string, channelId: string, error: string, now: string): Promise<void>;
}
