import type { Db } from './database.ts';

/** What is known about polling one feed: validators for conditional GET, and its health. */
export interface FeedState {
  feedUrl: string;
  etag: string | null;
  lastModified: string | null;
  initialized: boolean;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  lastEpisodeId: string | null;
}

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

/** Feed polling state, one row per feed URL. */
export class FeedStateRepo {
  constructor(private readonly db: Db) {}

  /** The state of a feed; a never-polled feed gets a blank state. */
  get(feedUrl: string): FeedState {
    const r = this.db.prepare<[string], Row>('SELECT * FROM feed_state WHERE feed_url = ?').get(feedUrl);
    if (!r) {
      return {
        feedUrl, etag: null, lastModified: null, initialized: false, lastAttemptAt: null, lastSuccessAt: null,
        lastError: null, lastErrorAt: null, consecutiveFailures: 0, nextPollAt: null, lastEpisodeId: null,
      };
    }
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
  }

  /** Writes the whole state of a feed. */
  put(s: FeedState): void {
    this.db
      .prepare(
        `INSERT INTO feed_state (feed_url, etag, last_modified, initialized, last_attempt_at, last_success_at, last_error,
           last_error_at, consecutive_failures, next_poll_at, last_episode_id)
         VALUES (@feedUrl, @etag, @lastModified, @initialized, @lastAttemptAt, @lastSuccessAt, @lastError,
           @lastErrorAt, @consecutiveFailures, @nextPollAt, @lastEpisodeId)
         ON CONFLICT (feed_url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
           initialized = excluded.initialized, last_attempt_at = excluded.last_attempt_at,
           last_success_at = excluded.last_success_at, last_error = excluded.last_error, last_error_at = excluded.last_error_at,
           consecutive_failures = excluded.consecutive_failures, next_poll_at = excluded.next_poll_at,
           last_episode_id = excluded.last_episode_id`,
      )
      .run({ ...s, initialized: s.initialized ? 1 : 0 });
  }
}
