import type { TranscriptSource } from '../../core/model/transcript-source.ts';
import type { TrackedTranscript, TranscriptCounts, TranscriptState, TranscriptStateRepository } from '../ports/transcript-state.ts';
import type { SqliteConnection } from './connection.ts';

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

/** Transcript fetch state in SQLite (table `transcripts`). */
export class SqliteTranscriptStateRepository implements TranscriptStateRepository {
  constructor(private readonly c: SqliteConnection) {}

  track(e: TrackedTranscript, now: string): Promise<void> {
    return this.c.run((db) => {
      const json = JSON.stringify(e.sources);
      const row = db.prepare<[string], Row>('SELECT * FROM transcripts WHERE episode_id = ?').get(e.episodeId);
      if (!row) {
        db.prepare(`INSERT INTO transcripts (episode_id, show_key, published_at, sources_json, state, updated_at) VALUES (?, ?, ?, ?, 'pending', ?)`)
          .run(e.episodeId, e.showKey, e.publishedAt, json, now);
        return;
      }
      if (row.sources_json === json && row.published_at === e.publishedAt) return;
      const retry = row.sources_json !== json && row.state === 'failed';
      db.prepare(
        `UPDATE transcripts SET sources_json = ?, published_at = ?, show_key = ?, updated_at = ?,
           state = CASE WHEN ? THEN 'pending' ELSE state END, attempts = CASE WHEN ? THEN 0 ELSE attempts END,
           next_attempt_at = CASE WHEN ? THEN NULL ELSE next_attempt_at END
         WHERE episode_id = ?`,
      ).run(json, e.publishedAt, e.showKey, now, retry ? 1 : 0, retry ? 1 : 0, retry ? 1 : 0, e.episodeId);
    });
  }

  get(episodeId: string): Promise<TranscriptState | undefined> {
    return this.c.run((db) => {
      const row = db.prepare<[string], Row>('SELECT * FROM transcripts WHERE episode_id = ?').get(episodeId);
      return row ? toState(row) : undefined;
    });
  }

  due(now: string, limit: number, shows?: readonly string[]): Promise<TranscriptState[]> {
    return this.c.run((db) => {
      const rows = db
        .prepare<[string], Row>(
          `SELECT * FROM transcripts WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
           ORDER BY published_at IS NULL, published_at DESC, episode_id`,
        )
        .all(now);
      const wanted = shows ? new Set(shows) : null;
      return rows.filter((r) => !wanted || (r.show_key !== null && wanted.has(r.show_key))).slice(0, limit).map(toState);
    });
  }

  nextDue(): Promise<string | null> {
    return this.c.run((db) => (db.prepare("SELECT MIN(COALESCE(next_attempt_at, '')) AS t FROM transcripts WHERE state = 'pending'").get() as { t: string | null }).t);
  }

  markDone(episodeId: string, done: { url: string; format: string; segments: number }, now: string): Promise<void> {
    return this.c.run((db) => {
      db.prepare(
        `UPDATE transcripts SET state = 'done', url = ?, format = ?, segments = ?, attempts = attempts + 1, last_error = NULL,
           next_attempt_at = NULL, updated_at = ? WHERE episode_id = ?`,
      ).run(done.url, done.format, done.segments, now, episodeId);
    });
  }

  markFailed(episodeId: string, error: string, nextAttemptAt: string | null, now: string): Promise<void> {
    return this.c.run((db) => {
      db.prepare(`UPDATE transcripts SET state = ?, last_error = ?, attempts = attempts + 1, next_attempt_at = ?, updated_at = ? WHERE episode_id = ?`)
        .run(nextAttemptAt === null ? 'failed' : 'pending', error, nextAttemptAt, now, episodeId);
    });
  }

  counts(showKey?: string): Promise<TranscriptCounts> {
    return this.c.run((db) => {
      const where = showKey === undefined ? '' : 'WHERE show_key = ?';
      const rows = db
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
    });
  }

  failures(showKey: string | undefined, limit: number): Promise<TranscriptState[]> {
    return this.c.run((db) => {
      const where = showKey === undefined ? '' : 'AND show_key = ?';
      return db
        .prepare<unknown[], Row>(`SELECT * FROM transcripts WHERE last_error IS NOT NULL AND state <> 'done' ${where} ORDER BY published_at DESC LIMIT ?`)
        .all(...(showKey === undefined ? [] : [showKey]), limit)
        .map(toState);
    });
  }

  doneEpisodeIds(): Promise<string[]> {
    return this.c.run((db) => db.prepare<[], { episode_id: string }>("SELECT episode_id FROM transcripts WHERE state = 'done'").all().map((r) => r.episode_id));
  }

  reopen(episodeIds: readonly string[]): Promise<void> {
    return this.c.run((db) => {
      const reset = db.prepare("UPDATE transcripts SET state = 'pending', attempts = 0, next_attempt_at = NULL WHERE episode_id = ?");
      db.transaction(() => episodeIds.forEach((id) => reset.run(id)))();
    });
  }
}
