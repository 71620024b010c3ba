import type { TranscriptSource } from '../../core/model/transcript-source.ts';
import type { Db } from './database.ts';

/**
 * Where fetching one episode's transcript stands. `pending`: not fetched yet,
 * or failed and waiting for `nextAttemptAt`; `done`: stored (a restart
 * re-fetches nothing); `failed`: given up after too many attempts (tried
 * again only when the feed lists other transcript files).
 */
export interface TranscriptState {
  episodeId: string;
  showKey: string | null;
  publishedAt: string | null;
  sources: TranscriptSource[];
  state: 'pending' | 'done' | 'failed';
  /** The file fetched, once done. */
  url: string | null;
  format: string | null;
  segments: number;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

/** Counts of one show's (or every show's) transcripts, for status and progress. */
export interface TranscriptCounts {
  /** Episodes whose feed item lists a transcript. */
  listed: number;
  done: number;
  /** Not tried yet. */
  waiting: number;
  /** Failed at least once, to be tried again. */
  retrying: number;
  /** Given up. */
  failed: number;
}

type Row = {
  episode_id: string;
  show_key: string | null;
  published_at: string | null;
  sources_json: string;
  state: TranscriptState['state'];
  url: string | null;
  format: string | null;
  segments: number;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
};

const toState = (r: Row): TranscriptState => ({
  episodeId: r.episode_id,
  showKey: r.show_key,
  publishedAt: r.published_at,
  sources: JSON.parse(r.sources_json) as TranscriptSource[],
  state: r.state,
  url: r.url,
  format: r.format,
  segments: r.segments,
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
});

/** Transcript fetch state, one row per episode with `podcast:transcript` tags. */
export class TranscriptStateRepo {
  constructor(private readonly db: Db) {}

  /**
   * Records an episode's transcript files. New episodes start `pending`; an
   * episode whose files changed is tried again unless its transcript is
   * already stored.
   */
  track(e: { episodeId: string; showKey: string | null; publishedAt: string | null; sources: readonly TranscriptSource[] }, now: string): void {
    const json = JSON.stringify(e.sources);
    const row = this.db.prepare<[string], Row>('SELECT * FROM transcripts WHERE episode_id = ?').get(e.episodeId);
    if (!row) {
      this.db
        .prepare(`INSERT INTO transcripts (episode_id, show_key, published_at, sources_json, state, updated_at) VALUES (?, ?, ?, ?, 'pending', ?)`)
        .run(e.episodeId, e.showKey, e.publishedAt, json, now);
      return;
    }
    if (row.sources_json === json && row.published_at === e.publishedAt) return;
    const retry = row.sources_json !== json && row.state === 'failed';
    this.db
      .prepare(
        `UPDATE transcripts SET sources_json = ?, published_at = ?, show_key = ?, updated_at = ?,
           state = CASE WHEN ? THEN 'pending' ELSE state END, attempts = CASE WHEN ? THEN 0 ELSE attempts END,
           next_attempt_at = CASE WHEN ? THEN NULL ELSE next_attempt_at END
         WHERE episode_id = ?`,
      )
      .run(json, e.publishedAt, e.showKey, now, retry ? 1 : 0, retry ? 1 : 0, retry ? 1 : 0, e.episodeId);
  }

  /** One episode's state. */
  get(episodeId: string): TranscriptState | undefined {
    const row = this.db.prepare<[string], Row>('SELECT * FROM transcripts WHERE episode_id = ?').get(episodeId);
    return row ? toState(row) : undefined;
  }

  /** Up to `limit` transcripts to fetch now, newest episodes first; `shows` limits them to followed shows. */
  due(now: string, limit: number, shows?: readonly string[]): TranscriptState[] {
    const rows = this.db
      .prepare<[string], Row>(
        `SELECT * FROM transcripts WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
         ORDER BY published_at IS NULL, published_at DESC, episode_id`,
      )
      .all(now);
    const wanted = shows ? new Set(shows) : null;
    return rows.filter((r) => !wanted || (r.show_key !== null && wanted.has(r.show_key))).slice(0, limit).map(toState);
  }

  /** The earliest time a waiting transcript may be tried, if any is waiting. */
  nextDue(): string | null {
    const row = this.db.prepare("SELECT MIN(COALESCE(next_attempt_at, '')) AS t FROM transcripts WHERE state = 'pending'").get() as { t: string | null };
    return row.t;
  }

  /** Records a stored transcript. */
  markDone(episodeId: string, done: { url: string; format: string; segments: number }, now: string): void {
    this.db
      .prepare(
        `UPDATE transcripts SET state = 'done', url = ?, format = ?, segments = ?, attempts = attempts + 1, last_error = NULL,
           next_attempt_at = NULL, updated_at = ? WHERE episode_id = ?`,
      )
      .run(done.url, done.format, done.segments, now, episodeId);
  }

  /** Records a failed attempt: tried again at `nextAttemptAt`, or given up when that is null. */
  markFailed(episodeId: string, error: string, nextAttemptAt: string | null, now: string): void {
    this.db
      .prepare(
        `UPDATE transcripts SET state = ?, last_error = ?, attempts = attempts + 1, next_attempt_at = ?, updated_at = ? WHERE episode_id = ?`,
      )
      .run(nextAttemptAt === null ? 'failed' : 'pending', error, nextAttemptAt, now, episodeId);
  }

  /** Counts, of one show when given. */
  counts(showKey?: string): TranscriptCounts {
    const where = showKey === undefined ? '' : 'WHERE show_key = ?';
    const rows = this.db
      .prepare(`SELECT state, attempts > 0 AS tried, COUNT(*) AS n FROM transcripts ${where} GROUP BY state, tried`)
      .all(...(showKey === undefined ? [] : [showKey])) as Array<{ state: TranscriptState['state']; tried: number; n: number }>;
    const out: TranscriptCounts = { listed: 0, done: 0, waiting: 0, retrying: 0, failed: 0 };
    for (const r of rows) {
      out.listed += r.n;
      if (r.state === 'done') out.done += r.n;
      else if (r.state === 'failed') out.failed += r.n;
      else if (r.tried) out.retrying += r.n;
      else out.waiting += r.n;
    }
    return out;
  }

  /** The latest failures (retrying or given up), of one show when given, newest episodes first. */
  failures(showKey: string | undefined, limit: number): TranscriptState[] {
    const where = showKey === undefined ? '' : 'AND show_key = ?';
    return this.db
      .prepare<unknown[], Row>(`SELECT * FROM transcripts WHERE last_error IS NOT NULL AND state <> 'done' ${where} ORDER BY published_at DESC LIMIT ?`)
      .all(...(showKey === undefined ? [] : [showKey]), limit)
      .map(toState);
  }
}
