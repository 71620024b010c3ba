import type { SubscriptionShowsRepository } from '../ports/subscription-shows.ts';
import { rows, type PgConnection } from './connection.ts';

/** Which shows a channel gets, in PostgreSQL (table `subscription_shows`; no rows: every show). */
export class PgSubscriptionShowsRepository implements SubscriptionShowsRepository {
  constructor(private readonly c: PgConnection) {}

  of(platform: string, channelId: string): Promise<string[]> {
    return showsOf(this.c, platform, channelId);
  }

  async wants(platform: string, channelId: string, showKey: string): Promise<boolean> {
    const shows = await showsOf(this.c, platform, channelId);
    return shows.length === 0 || shows.includes(showKey);
  }

  set(platform: string, channelId: string, showKeys: readonly string[]): Promise<void> {
    return this.c.atomic(async (c) => {
      await c.query('DELETE FROM subscription_shows WHERE platform = $1 AND channel_id = $2', [platform, channelId]);
      if (showKeys.length > 0) {
        await c.query(
          'INSERT INTO subscription_shows (platform, channel_id, show_key) SELECT $1, $2, k FROM unnest($3::text[]) AS k ON CONFLICT DO NOTHING',
          [platform, channelId, showKeys],
        );
      }
    });
  }
}

async function showsOf(c: PgConnection, platform: string, channelId: string): Promise<string[]> {
  const found = await rows<{ show_key: string }>(c, 'SELECT show_key FROM subscription_shows WHERE platform = $1 AND channel_id = $2 ORDER BY show_key', [platform, channelId]);
  return found.map((r) => r.show_key);
}
