import { PLAIN_SHAPE, type SubscriptionShape, type SubscriptionShapeRepository } from '../ports/subscription-shapes.ts';
import { firstRow, type PgConnection } from './connection.ts';

/** Each channel's announcement shape, in PostgreSQL (table `subscription_shapes`; no row: the plain shape). */
export class PgSubscriptionShapeRepository implements SubscriptionShapeRepository {
  constructor(private readonly c: PgConnection) {}

  async get(platform: string, channelId: string): Promise<SubscriptionShape> {
    const row = await firstRow<{ only_words: string | null; mention: string | null }>(
      this.c,
      'SELECT only_words, mention FROM subscription_shapes WHERE platform = $1 AND channel_id = $2',
      [platform, channelId],
    );
    return row ? { only: row.only_words, mention: row.mention } : { ...PLAIN_SHAPE };
  }

  async set(platform: string, channelId: string, shape: SubscriptionShape): Promise<void> {
    if (shape.only === null && shape.mention === null) {
      await this.c.query('DELETE FROM subscription_shapes WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
      return;
    }
    await this.c.query(
      `INSERT INTO subscription_shapes (platform, channel_id, only_words, mention) VALUES ($1, $2, $3, $4)
       ON CONFLICT (platform, channel_id) DO UPDATE SET only_words = excluded.only_words, mention = excluded.mention`,
      [platform, channelId, shape.only, shape.mention],
    );
  }
}
