import type { Delivery, DeliveryKey, DeliveryOutcome, DeliveryRepository } from '../ports/deliveries.ts';
import { toDelivery, type DeliveryRow as Row } from '../rows/delivery-row.ts';
import { changed, rows, type PgConnection } from './connection.ts';

const COLUMNS = 'd.episode_id, d.platform, d.channel_id, d.state, d.attempts, d.last_error, d.message_id, d.updated_at';

/** The delivery ledger in PostgreSQL (table `deliveries`); same behaviour as the SQLite one. */
export class PgDeliveryRepository implements DeliveryRepository {
  constructor(private readonly c: PgConnection) {}

  async plan(episodeIds: readonly string[], channels: ReadonlyArray<{ platform: string; channelId: string }>, now: string): Promise<number> {
    const pairs = episodeIds.flatMap((id) => channels.map((ch) => [id, ch.platform, ch.channelId] as const));
    if (pairs.length === 0) return 0;
    return changed(
      this.c,
      `INSERT INTO deliveries (episode_id, platform, channel_id, state, created_at, updated_at)
       SELECT DISTINCT p.e, p.p, p.c, 'pending', $4, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS p (e, p, c)
       ON CONFLICT DO NOTHING`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1]), pairs.map((p) => p[2]), now],
    );
  }

  async open(): Promise<Delivery[]> {
    const found = await rows<Row>(
      this.c,
      `SELECT ${COLUMNS} FROM deliveries d LEFT JOIN feed_episodes e ON e.id = d.episode_id
       WHERE d.state IN ('pending', 'sending') ORDER BY e.published_at NULLS FIRST, d.created_at, d.episode_id, d.channel_id`,
    );
    return found.map(toDelivery);
  }

  async markSending(d: DeliveryKey, now: string): Promise<void> {
    await this.c.query(
      "UPDATE deliveries SET state = 'sending', attempts = attempts + 1, updated_at = $1 WHERE episode_id = $2 AND platform = $3 AND channel_id = $4",
      [now, d.episodeId, d.platform, d.channelId],
    );
  }

  async finish(d: DeliveryKey, outcome: DeliveryOutcome, now: string): Promise<void> {
    await this.c.query(
      'UPDATE deliveries SET state = $1, message_id = $2, last_error = $3, updated_at = $4 WHERE episode_id = $5 AND platform = $6 AND channel_id = $7',
      [
        outcome.state,
        outcome.state === 'delivered' ? outcome.messageId : null,
        outcome.state === 'delivered' ? null : outcome.error,
        now,
        d.episodeId,
        d.platform,
        d.channelId,
      ],
    );
  }

  async forEpisode(episodeId: string): Promise<Delivery[]> {
    return (await rows<Row>(this.c, `SELECT ${COLUMNS} FROM deliveries d WHERE d.episode_id = $1 ORDER BY d.channel_id`, [episodeId])).map(toDelivery);
  }

  async counts(): Promise<Record<Delivery['state'], number>> {
    const out = { pending: 0, sending: 0, delivered: 0, failed: 0 };
    for (const r of await rows<{ state: Delivery['state']; n: number }>(this.c, 'SELECT state, count(*)::integer AS n FROM deliveries GROUP BY state')) out[r.state] = r.n;
    return out;
  }
}
