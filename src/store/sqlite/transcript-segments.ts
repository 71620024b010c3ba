import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TranscriptSegment } from '../../core/model/transcript-segment.ts';
import {
  MARK_CLOSE,
  MARK_OPEN,
  type MarkedSegment,
  type SegmentScope,
  type StoredTranscript,
  type TermMatch,
  type TranscriptOrigin,
  type TranscriptReplacement,
  type TranscriptStore,
} from '../../core/model/transcript-store.ts';
import type { SqliteConnection } from './connection.ts';
import type { Db } from './database.ts';
import type { TranscriptOwners } from './transcript-owners.ts';

type SourceRow = { source: TranscriptOrigin; digest: string | null; first_row: number; segments: number };

type Statements = ReturnType<typeof prepare>;
const PREPARED = new WeakMap<Db, Statements>();

/** The statements of transcript search, prepared once per database (see keep-statements.ts: never collected). */
function statements(db: Db): Statements {
  let s = PREPARED.get(db);
  if (!s) PREPARED.set(db, (s = prepare(db)));
  return s;
}

function prepare(db: Db) {
  return {
    insert: db.prepare('INSERT INTO transcript_fts (text, episode_id, start_seconds, speaker) VALUES (?, ?, ?, ?)'),
    source: db.prepare<[string], SourceRow>('SELECT source, digest, first_row, segments FROM transcript_sources WHERE episode_id = ?'),
    setSource: db.prepare(
      'INSERT OR REPLACE INTO transcript_sources (episode_id, source, digest, first_row, segments, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    dropSource: db.prepare('DELETE FROM transcript_sources WHERE episode_id = ?'),
    // One row at a time: FTS5 reads a rowid range (rowid >= ? AND rowid < ?) in time growing with the whole table.
    // CAST: better-sqlite3 binds numbers as REAL, and FTS5 drops a `rowid = <real>` constraint beside MATCH.
    deleteRow: db.prepare('DELETE FROM transcript_fts WHERE rowid = CAST(? AS INTEGER)'),
    text: db.prepare<[number], string>('SELECT text FROM transcript_fts WHERE rowid = CAST(? AS INTEGER)').pluck(),
    // fts5vocab takes `term > ?` as a seek and delivers terms in order, so each slice reads only its own rows.
    vocabSlice: db.prepare<[string, number], { term: string; doc: number }>('SELECT term, doc FROM transcript_vocab WHERE term > ? ORDER BY term LIMIT ?'),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM transcript_fts'),
    match: db.prepare<[string], [number, number]>('SELECT rowid, bm25(transcript_fts) FROM transcript_fts WHERE transcript_fts MATCH ?').raw(true),
    // No bm25() here: it counts the word's rows over the whole index at each statement. FTS5 seeks the word's
    // rows to the range (CAST: see deleteRow), so an episode's rows cost about its own rows only.
    rowsIn: db
      .prepare<[string, number, number], number>(
        'SELECT rowid FROM transcript_fts WHERE transcript_fts MATCH ? AND rowid >= CAST(? AS INTEGER) AND rowid < CAST(? AS INTEGER)',
      )
      .pluck(),
    rowsLatest: db.prepare<[string, number], number>('SELECT rowid FROM transcript_fts WHERE transcript_fts MATCH ? ORDER BY rowid DESC LIMIT ?').pluck(),
    quote: db.prepare<[string, number], { marked: string; start: number | null; speaker: string | null }>(
      `SELECT highlight(transcript_fts, 0, '${MARK_OPEN}', '${MARK_CLOSE}') AS marked, start_seconds AS start, speaker FROM transcript_fts WHERE transcript_fts MATCH ? AND rowid = CAST(? AS INTEGER)`,
    ),
  };
}

/**
 * Transcript segments in SQLite FTS5 (table `transcript_fts`, tokenizer
 * `unicode61 remove_diacritics 2`; its vocabulary through `fts5vocab`): an
 * episode's segments are consecutive rowids, recorded with where they came
 * from in `transcript_sources`. Scores are FTS5's `bm25()` negated, quotes its
 * `highlight()`.
 */
export class SqliteTranscriptStore implements TranscriptStore {
  constructor(
    private readonly c: SqliteConnection,
    private readonly owners: TranscriptOwners,
  ) {}

  stored(episodeIds: readonly string[]): Promise<Map<string, StoredTranscript>> {
    return this.c.run((db) => {
      const s = statements(db);
      const out = new Map<string, StoredTranscript>();
      for (const id of episodeIds) {
        const row = s.source.get(id);
        if (row) out.set(id, { origin: row.source, digest: row.digest, segments: row.segments });
      }
      return out;
    });
  }

  replace(items: readonly TranscriptReplacement[], options: { removedTexts?: boolean } = {}): Promise<{ removedTexts: string[] }> {
    return this.c.run((db) => {
      const removed: string[] = [];
      try {
        db.transaction(() => {
          for (const item of items) replaceOne(db, item, options.removedTexts ? removed : null);
        })();
      } finally {
        this.owners.forget();
      }
      return { removedTexts: removed };
    });
  }

  hasFetched(episodeId: string): Promise<boolean> {
    return this.c.run((db) => statements(db).source.get(episodeId)?.source === 'feed');
  }

  segmentCount(): Promise<number> {
    return this.c.run((db) => statements(db).count.get()!.n);
  }

  async *vocabulary(sliceSize = 5_000): AsyncIterable<ReadonlyArray<readonly [string, number]>> {
    let after = '';
    for (;;) {
      // .all(), never .iterate(): a collected iterator aborts Node 24+ under better-sqlite3 12 (see keep-statements.ts).
      const rows = await this.c.run((db) => statements(db).vocabSlice.all(after, sliceSize));
      if (rows.length > 0) yield rows.map((r) => [r.term, r.doc] as const);
      if (rows.length < sliceSize) return;
      after = rows[rows.length - 1]!.term;
      await nextTurn();
    }
  }

  matches(term: string): Promise<TermMatch[]> {
    return this.c.run((db) => {
      const out: TermMatch[] = [];
      // One query per word: bm25 over an OR of many words costs far more per row.
      for (const [row, bm25] of statements(db).match.all(`text : ${quoted(term)}`)) {
        const episodeId = this.owners.ownerOf(db, row);
        if (episodeId !== undefined) out.push({ episodeId, segmentId: row, score: -bm25 });
      }
      return out;
    });
  }

  segmentsWith(term: string, scope: SegmentScope): Promise<Array<{ episodeId: string; segmentId: number }>> {
    return this.c.run((db) => {
      const s = statements(db);
      const match = `text : ${quoted(term)}`;
      const out: Array<{ episodeId: string; segmentId: number }> = [];
      if ('latest' in scope) {
        for (const row of s.rowsLatest.all(match, Math.max(0, Math.floor(scope.latest)))) {
          const episodeId = this.owners.ownerOf(db, row);
          if (episodeId !== undefined) out.push({ episodeId, segmentId: row });
        }
        return out;
      }
      for (const episodeId of new Set(scope.episodes)) {
        const rows = this.owners.rowsOf(db, episodeId);
        if (rows) for (const row of s.rowsIn.all(match, rows[0], rows[1])) out.push({ episodeId, segmentId: row });
      }
      return out;
    });
  }

  quotes(segmentIds: readonly number[], terms: readonly string[]): Promise<MarkedSegment[]> {
    if (terms.length === 0 || segmentIds.length === 0) return Promise.resolve([]);
    const match = `text : (${[...new Set(terms)].map(quoted).join(' OR ')})`;
    return this.c.run((db) => {
      const quote = statements(db).quote;
      const out: MarkedSegment[] = [];
      for (const id of new Set(segmentIds)) {
        const r = quote.get(match, id);
        if (r) out.push({ segmentId: id, marked: r.marked, startSeconds: r.start, speaker: r.speaker });
      }
      return out;
    });
  }
}

/** A word as an FTS5 string (words are letters and digits; quoted anyway). */
const quoted = (term: string) => `"${term.replaceAll('"', '""')}"`;

/** Replaces one episode's rows (deleted one by one, see `deleteRow`), keeping the old texts in `removed` when given. */
function replaceOne(db: Db, item: TranscriptReplacement, removed: string[] | null): void {
  const s = statements(db);
  const old = s.source.get(item.episodeId);
  if (old) {
    for (let row = old.first_row; row < old.first_row + old.segments; row++) {
      if (removed) removed.push(s.text.get(row) ?? '');
      s.deleteRow.run(row);
    }
  }
  let first = 0;
  item.segments.forEach((seg: TranscriptSegment, i) => {
    const { lastInsertRowid } = s.insert.run(seg.text, item.episodeId, seg.startSeconds, seg.speaker);
    if (i === 0) first = Number(lastInsertRowid);
  });
  if (item.segments.length === 0 && item.origin === 'catalog') s.dropSource.run(item.episodeId);
  else s.setSource.run(item.episodeId, item.origin, item.digest, first, item.segments.length, new Date().toISOString());
}
