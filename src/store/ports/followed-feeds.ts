/** A feed someone followed from chat (the operator's FEED_URL feeds are not here: they come from the setting). */
export interface FollowedFeed {
  /** The feed's URL as followed (credentials included: never show it as is, see `safeUrl`). */
  feedUrl: string;
  /** Its show's key (src/core/model/show-key.ts). */
  showKey: string;
  /** The show's title when it was followed. */
  title: string | null;
  /** Where and by whom: the platform, server and user of the `/podcast follow`. */
  platform: string;
  serverId: string | null;
  followedBy: string | null;
  /** ISO time. */
  followedAt: string;
}

/** What removing a show for good took away. */
export interface PurgedShow {
  episodes: number;
  transcripts: number;
  /** Subscriptions that were limited to this show alone (removed); others only lose the show from their list. */
  subscriptions: number;
}

/**
 * The feeds followed from chat, shared by every process on the store: the
 * process that polls reads this list on each heartbeat, so a follow or an
 * unfollow made on any process is picked up without a restart.
 */
export interface FollowedFeedRepository {
  /** Every followed feed, oldest first. */
  list(): Promise<FollowedFeed[]>;
  /** The followed feed of this show, if any. */
  get(showKey: string): Promise<FollowedFeed | undefined>;
  /** Adds a feed; false (nothing changed) when its show is already followed. */
  add(feed: FollowedFeed): Promise<boolean>;
  /** Stops following a show; false when it was not followed. Its episodes stay. */
  remove(showKey: string): Promise<boolean>;
  /**
   * Removes everything stored of a show: its episodes, their transcript
   * state and open deliveries, the show, its feed's state, and its place in
   * subscriptions (a subscription limited to it alone goes). Transcript
   * segments are removed through the transcript store.
   */
  purgeShow(showKey: string, feedUrl: string): Promise<PurgedShow>;
}
