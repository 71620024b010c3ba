/**
 * Which shows a subscribed channel gets. A channel with no rows here gets
 * every show (the default, and what a channel subscribed before shows
 * existed gets); with rows, only those shows.
 */
export interface SubscriptionShowsRepository {
  /** The shows a channel is limited to, in key order; empty means every show. */
  of(platform: string, channelId: string): Promise<string[]>;
  /** Whether a channel gets posts of this show. */
  wants(platform: string, channelId: string, showKey: string): Promise<boolean>;
  /** Limits a channel to these shows (empty: every show), replacing what it had. */
  set(platform: string, channelId: string, showKeys: readonly string[]): Promise<void>;
}
