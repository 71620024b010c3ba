import type { Delivery } from '../ports/deliveries.ts';

/** A `deliveries` row as both engines read it. */
export type DeliveryRow = {
  episode_id: string;
  platform: Delivery['platform'];
  channel_id: string;
  state: Delivery['state'];
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  updated_at: string;
};

/** A ledger row as the port's Delivery. */
export const toDelivery = (r: DeliveryRow): Delivery => ({
  episodeId: r.episode_id,
  platform: r.platform,
  channelId: r.channel_id,
  state: r.state,
  attempts: r.attempts,
  lastError: r.last_error,
  messageId: r.message_id,
  updatedAt: r.updated_at,
});
