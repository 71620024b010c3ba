import { blankFeedState, type FeedState, type FeedStateRepository } from '../ports/feed-state.ts';
import type { SqliteConnection } from './connection.ts';

type Row = {
  feed_url: string;
  etag: string | null;
  last_modified: string | null;
  initialized: number;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: number;
  next_poll_at: string | null;
  last_episode_id: string | null;
};

/** Feed polling state in SQLite (table `feed_state`). */
export class SqliteFeedStateRepository implements FeedStateRepository {
  constructor(private readonly c: SqliteConnection) {}

  get(feedUrl: string): Promise<FeedState> {
    return this.c.run((db) => {
      const r = db.prepare<[string], Row>('SELECT * FROM feed_state WHERE feed_url = ?').get(feedUrl);
      if (!r) return blankFeedState(feedUrl);
      return {
        feedUrl: r.feed_url,
        etag: r.etag,
        lastModified: r.last_modified,
        initialized: r.initialized === 1,
        lastAttemptAt: r.last_attempt_at,
        lastSuccessAt: r.last_success_at,
        lastError: r.last_error,
        lastErrorAt: r.last_error_at,
        consecutiveFailures: r.consecutive_failures,
        nextPollAt: r.next_poll_at,
        lastEpisodeId: r.last_episode_id,
      };
    });
  }

  put(s: FeedState): Promise<void> {
    return this.c.run((db) => {
      db.prepare(
        `INSERT INTO feed_state (feed_url, etag, last_modified, initialized, last_attempt_at, last_success_at, last_error,
           last_error_at, consecutive_failures, next_poll_at, last_episode_id)
         VALUES (@feedUrl, @etag, @lastModified, @initialized, @lastAttemptAt, @lastSuccessAt, @lastError,
           @lastErrorAt, @consecutiveFailures, @nextPollAt, @lastEpisodeId)
         ON CONFLICT (feed_url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
           initialized = excluded.initialized, last_attempt_at = excluded.last_attempt_at,
           last_success_at = excluded.last_success_at, last_error = excluded.last_error, last_error_at = excluded.last_error_at,
           consecutive_failures = excluded.consecutive_failures, next_poll_at = excluded.next_poll_at,
           last_episode_id = excluded.last_episode_id`,
      ).run({ ...s, initialized: s.initialized ? 1 : 0 });
    });
  }
}
