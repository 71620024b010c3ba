import { blankFeedState, type FeedState, type FeedStateRepository } from '../ports/feed-state.ts';
import { firstRow, type PgConnection } from './connection.ts';

type Row = {
  feed_url: string;
  etag: string | null;
  last_modified: string | null;
  initialized: boolean;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: number;
  next_poll_at: string | null;
  last_episode_id: string | null;
};

/** Feed polling state in PostgreSQL (table `feed_state`). */
export class PgFeedStateRepository implements FeedStateRepository {
  constructor(private readonly c: PgConnection) {}

  async get(feedUrl: string): Promise<FeedState> {
    const r = await firstRow<Row>(this.c, 'SELECT * FROM feed_state WHERE feed_url = $1', [feedUrl]);
    if (!r) return blankFeedState(feedUrl);
    return {
      feedUrl: r.feed_url,
      etag: r.etag,
      lastModified: r.last_modified,
      initialized: r.initialized,
      lastAttemptAt: r.last_attempt_at,
      lastSuccessAt: r.last_success_at,
      lastError: r.last_error,
      lastErrorAt: r.last_error_at,
      consecutiveFailures: r.consecutive_failures,
      nextPollAt: r.next_poll_at,
      lastEpisodeId: r.last_episode_id,
    };
  }

  async put(s: FeedState): Promise<void> {
    await this.c.query(
      `INSERT INTO feed_state (feed_url, etag, last_modified, initialized, last_attempt_at, last_success_at, last_error,
         last_error_at, consecutive_failures, next_poll_at, last_episode_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (feed_url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
         initialized = excluded.initialized, last_attempt_at = excluded.last_attempt_at,
         last_success_at = excluded.last_success_at, last_error = excluded.last_error, last_error_at = excluded.last_error_at,
         consecutive_failures = excluded.consecutive_failures, next_poll_at = excluded.next_poll_at,
         last_episode_id = excluded.last_episode_id`,
      [s.feedUrl, s.etag, s.lastModified, s.initialized, s.lastAttemptAt, s.lastSuccessAt, s.lastError, s.lastErrorAt, s.consecutiveFailures, s.nextPollAt, s.lastEpisodeId],
    );
  }
}
