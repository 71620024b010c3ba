/** How a channel's announcements are shaped, beyond which shows it gets. */
export interface SubscriptionShape {
  /** Only episodes whose title, guests or description match these words (search's matching); null: every episode. */
  only: string | null;
  /** Who each announcement pings: a Discord role `<@&id>` or a Slack user group `<!subteam^ID>`; null: nobody. */
  mention: string | null;
}

/** No filter, no mention: what a channel gets unless told otherwise. */
export const PLAIN_SHAPE: Readonly<SubscriptionShape> = Object.freeze({ only: null, mention: null });

/** The shape of each subscribed channel (a channel without one gets {@link PLAIN_SHAPE}). */
export interface SubscriptionShapeRepository {
  get(platform: string, channelId: string): Promise<SubscriptionShape>;
  /** Sets a channel's shape; the plain shape removes it. */
  set(platform: string, channelId: string, shape: SubscriptionShape): Promise<void>;
}
