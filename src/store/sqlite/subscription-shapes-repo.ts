import { PLAIN_SHAPE, type SubscriptionShape, type SubscriptionShapeRepository } from '../ports/subscription-shapes.ts';
import type { SqliteConnection } from './connection.ts';

/** Each channel's announcement shape, in SQLite (table `subscription_shapes`; no row: the plain shape). */
export class SqliteSubscriptionShapeRepository implements SubscriptionShapeRepository {
  constructor(private readonly c: SqliteConnection) {}

  get(platform: string, channelId: string): Promise<SubscriptionShape> {
    return this.c.run((db) => {
      const row = db
        .prepare<[string, string], { only_words: string | null; mention: string | null }>('SELECT only_words, mention FROM subscription_shapes WHERE platform = ? AND channel_id = ?')
        .get(platform, channelId);
      return row ? { only: row.only_words, mention: row.mention } : { ...PLAIN_SHAPE };
    });
  }

  set(platform: string, channelId: string, shape: SubscriptionShape): Promise<void> {
    return this.c.run((db) => {
      if (shape.only === null && shape.mention === null) {
        db.prepare('DELETE FROM subscription_shapes WHERE platform = ? AND channel_id = ?').run(platform, channelId);
        return;
      }
      db.prepare(
        `INSERT INTO subscription_shapes (platform, channel_id, only_words, mention) VALUES (?, ?, ?, ?)
         ON CONFLICT (platform, channel_id) DO UPDATE SET only_words = excluded.only_words, mention = excluded.mention`,
      ).run(platform, channelId, shape.only, shape.mention);
    });
  }
}
