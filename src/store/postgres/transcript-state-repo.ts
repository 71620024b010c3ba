import type { TranscriptSource } from '../../core/model/transcript-source.ts';
import type { TrackedTranscript, TranscriptCounts, TranscriptState, TranscriptStateRepository } from '../ports/transcript-state.ts';
import { firstRow, rows, type PgConnection } from './connection.ts';

type Row = {
  episode_id: string;
  show_key: string | null;
  published_at: string | null;
  sources: TranscriptSource[];
  state: TranscriptState['state'];
  url: string | null;
  format: string | null;
  segments: number;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
};

const COLUMNS = 'episode_id, show_key, published_at, sources, state, url, format, segments, attempts, last_error, next_attempt_at';

const toState = (r: Row): TranscriptState => ({
  episodeId: r.episode_id,
  showKey: r.show_key,
  publishedAt: r.published_at,
  sources: r.sources,
  state: r.state,
  url: r.url,
  format: r.format,
  segments: r.segments,
  attempts: r.attempts,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
});

/** Transcript fetch state in PostgreSQL (table `transcripts`, the files as jsonb); same behaviour as the SQLite one. */
export class PgTranscriptStateRepository implements TranscriptStateRepository {
  constructor(private readonly c: PgConnection) {}

  track(e: TrackedTranscript, now: string): Promise<void> {
    return this.c.atomic(async (c) => {
      const json = JSON.stringify(e.sources);
      const row = await firstRow<{ same_sources: boolean; published_at: string | null; state: TranscriptState['state'] }>(
        c,
        'SELECT sources = $2::jsonb AS same_sources, published_at, state FROM transcripts WHERE episode_id = $1',
        [e.episodeId, json],
      );
      if (!row) {
        await c.query(`INSERT INTO transcripts (episode_id, show_key, published_at, sources, state, updated_at) VALUES ($1, $2, $3, $4::jsonb, 'pending', $5)`, [
          e.episodeId,
          e.showKey,
          e.publishedAt,
          json,
          now,
        ]);
        return;
      }
      if (row.same_sources && row.published_at === e.publishedAt) return;
      const retry = !row.same_sources && row.state === 'failed';
      await c.query(
        `UPDATE transcripts SET sources = $1::jsonb, published_at = $2, show_key = $3, updated_at = $4,
           state = CASE WHEN $5 THEN 'pending' ELSE state END, attempts = CASE WHEN $5 THEN 0 ELSE attempts END,
           next_attempt_at = CASE WHEN $5 THEN NULL ELSE next_attempt_at END
         WHERE episode_id = $6`,
        [json, e.publishedAt, e.showKey, now, retry, e.episodeId],
      );
    });
  }

  async get(episodeId: string): Promise<TranscriptState | undefined> {
    const row = await firstRow<Row>(this.c, `SELECT ${COLUMNS} FROM transcripts WHERE episode_id = $1`, [episodeId]);
    return row ? toState(row) : undefined;
  }

  async due(now: string, limit: number, shows?: readonly string[]): Promise<TranscriptState[]> {
    const found = await rows<Row>(
      this.c,
      `SELECT ${COLUMNS} FROM transcripts WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
         AND ($2::text[] IS NULL OR show_key = ANY($2::text[]))
       ORDER BY published_at IS NULL, published_at DESC, episode_id LIMIT $3`,
      [now, shows ?? null, Math.max(0, limit)],
    );
    return found.map(toState);
  }

  async nextDue(): Promise<string | null> {
    const row = await firstRow<{ t: string | null }>(this.c, "SELECT min(coalesce(next_attempt_at, '')) AS t FROM transcripts WHERE state = 'pending'");
    return row?.t ?? null;
  }

  async markDone(episodeId: string, done: { url: string; format: string; segments: number }, now: string): Promise<void> {
    await this.c.query(
      `UPDATE transcripts SET state = 'done', url = $1, format = $2, segments = $3, attempts = attempts + 1, last_error = NULL,
         next_attempt_at = NULL, updated_at = $4 WHERE episode_id = $5`,
      [done.url, done.format, done.segments, now, episodeId],
    );
  }

  async markFailed(episodeId: string, error: string, nextAttemptAt: string | null, now: string): Promise<void> {
    await this.c.query('UPDATE transcripts SET state = $1, last_error = $2, attempts = attempts + 1, next_attempt_at = $3, updated_at = $4 WHERE episode_id = $5', [
      nextAttemptAt === null ? 'failed' : 'pending',
      error,
      nextAttemptAt,
      now,
      episodeId,
    ]);
  }

  async counts(showKey?: string): Promise<TranscriptCounts> {
    const found = await rows<{ state: TranscriptState['state']; tried: boolean; n: number }>(
      this.c,
      'SELECT state, attempts > 0 AS tried, count(*)::integer AS n FROM transcripts WHERE ($1::text IS NULL OR show_key = $1) GROUP BY state, tried',
      [showKey ?? null],
    );
    const out: TranscriptCounts = { listed: 0, done: 0, waiting: 0, retrying: 0, failed: 0 };
    for (const r of found) {
      out.listed += r.n;
      if (r.state === 'done') out.done += r.n;
      else if (r.state === 'failed') out.failed += r.n;
      else if (r.tried) out.retrying += r.n;
      else out.waiting += r.n;
    }
    return out;
  }

  async failures(showKey: string | undefined, limit: number): Promise<TranscriptState[]> {
    const found = await rows<Row>(
      this.c,
      `SELECT ${COLUMNS} FROM transcripts WHERE last_error IS NOT NULL AND state <> 'done' AND ($1::text IS NULL OR show_key = $1)
       ORDER BY published_at DESC NULLS LAST LIMIT $2`,
      // A negative limit is no limit, as SQLite's LIMIT -1.
      [showKey ?? null, limit < 0 ? null : limit],
    );
    return found.map(toState);
  }

  async doneEpisodeIds(): Promise<string[]> {
    return (await rows<{ episode_id: string }>(this.c, "SELECT episode_id FROM transcripts WHERE state = 'done'")).map((r) => r.episode_id);
  }

  async reopen(episodeIds: readonly string[]): Promise<void> {
    if (episodeIds.length === 0) return;
    await this.c.query("UPDATE transcripts SET state = 'pending', attempts = 0, next_attempt_at = NULL WHERE episode_id = ANY($1::text[])", [episodeIds]);
  }
}
