/**
 * The same transcript segments in SQLite FTS5 (the bot's schema, stored
 * through TranscriptIndex as the bot stores them) and in PostgreSQL (the
 * migrated schema, stored through replaceTranscripts), to compare tokens, bm25
 * scores and highlights segment by segment.
 */
import pg from 'pg';
import { DEFAULT_SEARCH_OPTIONS } from '../../../src/core/search/search-types.ts';
import { TranscriptIndex } from '../../../src/core/search/transcript-index.ts';
import { replaceTranscripts } from '../../../src/store/postgres/transcript-queries.ts';
import { inTransaction } from '../../../src/store/postgres/transaction.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';

/** One segment's place: its episode and its index in the episode's transcript. */
export type SegmentKey = `${string}#${number}`;

/** The FTS5 side: a TranscriptIndex on an in-memory database, and its rows by segment. */
export class Fts5Twin {
  private readonly sqlite = SqliteStore.open(':memory:');
  readonly db = this.sqlite.db;
  readonly index = new TranscriptIndex(this.sqlite.transcriptSegments, DEFAULT_SEARCH_OPTIONS);

  store(episodeId: string, texts: readonly string[]): Promise<void> {
    return this.index.replaceTranscript(episodeId, texts.map((text, i) => ({ startSeconds: i * 10, endSeconds: null, speaker: null, text })));
  }

  /** `-bm25` of every row holding `term`, by segment. */
  bm25(term: string): Map<SegmentKey, number> {
    const rows = this.db
      .prepare<[string], { episode_id: string; row: number; score: number }>(
        `SELECT f.episode_id, f.rowid - s.first_row AS row, -bm25(transcript_fts) AS score
         FROM transcript_fts f JOIN transcript_sources s ON s.episode_id = f.episode_id WHERE transcript_fts MATCH ?`,
      )
      .all(`text : "${term}"`);
    return new Map(rows.map((r) => [`${r.episode_id}#${r.row}` as SegmentKey, r.score]));
  }

  /** highlight() of one segment for any of `terms`, or undefined when it holds none. */
  highlight(key: SegmentKey, terms: readonly string[]): string | undefined {
    const [episodeId, row] = splitKey(key);
    const r = this.db
      .prepare<[string, string, number], { marked: string }>(
        `SELECT highlight(transcript_fts, 0, char(1), char(2)) AS marked FROM transcript_fts
         WHERE transcript_fts MATCH ? AND rowid = CAST((SELECT first_row FROM transcript_sources WHERE episode_id = ?) + ? AS INTEGER)`,
      )
      .get(`text : (${terms.map((t) => `"${t}"`).join(' OR ')})`, episodeId, row);
    return r?.marked;
  }

  /** Every term of the index with the number of rows holding it (fts5vocab). */
  vocabulary(): Map<string, number> {
    this.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS twin_vocab USING fts5vocab(transcript_fts, 'row')");
    return new Map(this.db.prepare<[], { term: string; doc: number }>('SELECT term, doc FROM twin_vocab').all().map((r) => [r.term, r.doc]));
  }

  /** The terms FTS5 makes of a text, in order (fts5vocab 'instance' over a scratch table). */
  terms(text: string): string[] {
    this.db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS scratch USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE IF NOT EXISTS scratch_terms USING fts5vocab(scratch, 'instance'); DELETE FROM scratch;`);
    this.db.prepare('INSERT INTO scratch (text) VALUES (?)').run(text);
    return this.db.prepare<[], { term: string }>('SELECT term FROM scratch_terms ORDER BY offset').all().map((r) => r.term);
  }

  close(): void {
    this.db.close();
  }
}

/** The PostgreSQL side: segment ids by segment, to translate results. */
export class PostgresTwin {
  private readonly ids = new Map<number, SegmentKey>();

  constructor(readonly pool: pg.Pool) {}

  async store(episodeId: string, texts: readonly string[]): Promise<void> {
    await inTransaction(this.pool, (tx) =>
      replaceTranscripts(tx, [{ episodeId, source: 'feed', digest: null, segments: texts.map((text, i) => ({ startSeconds: i * 10, speaker: null, text })) }], new Date(0).toISOString()),
    );
    for (const [id, k] of this.ids) if (k.startsWith(`${episodeId}#`)) this.ids.delete(id);
    const { rows } = await this.pool.query<{ id: string; seq: number }>('SELECT id, seq FROM transcript_segments WHERE episode_id = $1', [episodeId]);
    for (const r of rows) this.ids.set(Number(r.id), `${episodeId}#${r.seq}`);
  }

  key(segmentId: number): SegmentKey {
    const key = this.ids.get(segmentId);
    if (!key) throw new Error(`unknown segment id ${segmentId}`);
    return key;
  }

  id(key: SegmentKey): number {
    for (const [id, k] of this.ids) if (k === key) return id;
    throw new Error(`unknown segment ${key}`);
  }
}

function splitKey(key: SegmentKey): [string, number] {
  const at = key.lastIndexOf('#');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}
