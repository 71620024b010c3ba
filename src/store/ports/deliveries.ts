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

/** Which delivery: one episode in one channel. */
export type DeliveryKey = Pick<Delivery, 'episodeId' | 'platform' | 'channelId'>;

/** How a post ended: delivered, or pending again (to retry) or failed for good, with the error. */
export type DeliveryOutcome = { state: 'delivered'; messageId: string | null } | { state: 'pending' | 'failed'; error: string };

/**
 * The delivery ledger: a row per episode × channel, planned when the episode
 * is found and moved to delivered or failed as posts go out. A row exists at
 * most once, so an episode is never posted twice to a channel.
 */
export interface DeliveryRepository {
  /** Plans deliveries; rows that exist already are left alone. Resolves to how many were new. */
  plan(episodeIds: readonly string[], channels: ReadonlyArray<{ platform: string; channelId: string }>, now: string): Promise<number>;
  /** Deliveries still to make (pending, or interrupted while sending), oldest episodes first. */
  open(): Promise<Delivery[]>;
  /**
   * Records that a post is about to be made, before the platform is called: a
   * crash then leaves the row `sending` with the attempt's time, and recovery
   * looks on the platform for the post before sending it again.
   */
  markSending(d: DeliveryKey, now: string): Promise<void>;
  /** Records the outcome of a post. */
  finish(d: DeliveryKey, outcome: DeliveryOutcome, now: string): Promise<void>;
  /** Every delivery of one episode, by channel. */
  forEpisode(episodeId: string): Promise<Delivery[]>;
  /** Counts by state, for status. */
  counts(): Promise<Record<Delivery['state'], number>>;
}
