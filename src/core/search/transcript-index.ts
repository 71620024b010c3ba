import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import SearchableMap from 'minisearch/SearchableMap';
import { swaps, swapWeight } from './query-words.ts';
import type { SearchOptions } from './search-types.ts';
import { segmentRanges } from './segment-text.ts';
import type { TranscriptSegment, TranscriptSink } from './transcript-segment.ts';
import { ensureSearchTables } from './transcript-schema.ts';

/** How one query word matched one episode's transcript. */
export interface TranscriptMatch {
  /** The word's transcript score in this episode (before the blend's `transcriptWeight`). */
  score: number;
  /** The episode's best segment for the word (its FTS5 rowid). */
  bestRow: number;
}

/** A query word and the transcript words standing for it, with the MATCH expression that finds them. */
export interface TranscriptWord {
  word: string;
  terms: string[];
  /** 1 for the word itself, less for near spellings and longer words. */
  weight: number;
}

/** A quote from a transcript segment, with markers \u0001…\u0002 around the matched words. */
export interface MarkedSegment {
  marked: string;
  startSeconds: number | null;
  speaker: string | null;
}

const OPEN = '\u0001';
const CLOSE = '\u0002';
/** "Jason: " at the start of an untimed segment. */
const SPEAKER = /^([^\n:]{1,40}):\s+/;

/**
 * Transcripts as timed segments in SQLite FTS5 (the bot's database, or any
 * better-sqlite3 database passed in): searched with bm25, quoted with
 * highlight(), typo-tolerant through the FTS5 vocabulary (fts5vocab) held in
 * a minisearch SearchableMap. Catalog excerpts are stored as untimed segments;
 * fetched transcripts (the {@link TranscriptSink}) replace them.
 */
export class TranscriptIndex implements TranscriptSink {
  private vocab: SearchableMap<number> | null = null;
  private segmentCount = -1;
  private readonly statements;

  constructor(private readonly db: Database.Database, private readonly options: SearchOptions) {
    ensureSearchTables(db);
    this.statements = {
      insert: db.prepare('INSERT INTO transcript_fts (text, episode_id, start_seconds, speaker) VALUES (?, ?, ?, ?)'),
      source: db.prepare<[string], { source: string; digest: string | null; first_row: number; segments: number }>(
        'SELECT source, digest, first_row, segments FROM transcript_sources WHERE episode_id = ?',
      ),
      setSource: db.prepare(
        'INSERT OR REPLACE INTO transcript_sources (episode_id, source, digest, first_row, segments, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      dropSource: db.prepare('DELETE FROM transcript_sources WHERE episode_id = ?'),
      deleteRows: db.prepare('DELETE FROM transcript_fts WHERE rowid >= ? AND rowid < ?'),
      vocabAll: db.prepare<[], { term: string; doc: number }>('SELECT term, doc FROM transcript_vocab'),
      vocabOne: db.prepare<[string], { doc: number }>('SELECT doc FROM transcript_vocab WHERE term = ?'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM transcript_fts'),
      match: db.prepare<[string], { e: string; row: number; best: number; total: number }>(
        `WITH hits AS MATERIALIZED (SELECT episode_id AS e, rowid AS row, bm25(transcript_fts) AS score FROM transcript_fts WHERE transcript_fts MATCH ?)
         SELECT e, row, min(score) AS best, sum(score) AS total FROM hits GROUP BY e`,
      ),
      quote: db.prepare<[string, string], { marked: string; start: number | null; speaker: string | null }>(
        `SELECT highlight(transcript_fts, 0, '${OPEN}', '${CLOSE}') AS marked, start_seconds AS start, speaker FROM transcript_fts
         WHERE transcript_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?)) ORDER BY rank LIMIT 1`,
      ),
    };
  }

  /** Stores an episode's fetched transcript, replacing any earlier one (or the catalog's excerpt); searchable at once. */
  replaceTranscript(episodeId: string, segments: readonly TranscriptSegment[]): void {
    this.write(episodeId, 'feed', null, segments);
  }

  /** Whether the episode has a fetched transcript (a catalog excerpt does not count). */
  hasTranscript(episodeId: string): boolean {
    return this.statements.source.get(episodeId)?.source === 'feed';
  }

  /**
   * Stores a catalog episode's transcript excerpt as untimed segments, unless
   * the same text is there already or the episode has a fetched transcript.
   */
  syncExcerpt(episodeId: string, excerpt: string | null): void {
    const stored = this.statements.source.get(episodeId);
    if (stored?.source === 'feed') return;
    if (excerpt === null || excerpt.trim() === '') {
      if (stored) this.write(episodeId, 'catalog', null, []);
      return;
    }
    const digest = createHash('sha1').update(excerpt).digest('hex');
    if (stored?.digest === digest) return;
    this.write(episodeId, 'catalog', digest, untimedSegments(excerpt, this.options.segmentWords));
  }

  /** Many {@link syncExcerpt}s in one transaction. */
  syncExcerpts(items: ReadonlyArray<readonly [string, string | null]>): void {
    this.db.transaction(() => {
      for (const [id, excerpt] of items) this.syncExcerpt(id, excerpt);
    })();
  }

  private write(episodeId: string, source: 'catalog' | 'feed', digest: string | null, segments: readonly TranscriptSegment[]): void {
    const s = this.statements;
    this.db.transaction(() => {
      const old = s.source.get(episodeId);
      if (old) s.deleteRows.run(old.first_row, old.first_row + old.segments);
      let first = 0;
      segments.forEach((seg, i) => {
        const { lastInsertRowid } = s.insert.run(seg.text, episodeId, seg.startSeconds, seg.speaker);
        if (i === 0) first = Number(lastInsertRowid);
      });
      if (segments.length === 0 && source === 'catalog') s.dropSource.run(episodeId);
      else s.setSource.run(episodeId, source, digest, first, segments.length, new Date().toISOString());
    })();
    this.segmentCount = -1;
    if (this.vocab) this.learn(segments);
  }

  /** Adds the words of new segments to the vocabulary with their segment counts. */
  private learn(segments: readonly TranscriptSegment[]): void {
    const words = new Set<string>();
    for (const seg of segments) for (const m of seg.text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').matchAll(/[\p{L}\p{N}]+/gu)) words.add(m[0]);
    for (const w of words) this.vocab!.set(w, this.statements.vocabOne.get(w)?.doc ?? 0);
  }

  /** The vocabulary of every transcript word with its segment count, read once from fts5vocab. */
  vocabulary(): SearchableMap<number> {
    if (!this.vocab) {
      const map = new SearchableMap<number>();
      for (const { term, doc } of this.statements.vocabAll.iterate()) map.set(term, doc);
      this.vocab = map;
    }
    return this.vocab;
  }

  private segments(): number {
    if (this.segmentCount < 0) this.segmentCount = this.statements.count.get()!.n;
    return this.segmentCount;
  }

  /**
   * The transcript words for a query word: itself when transcripts have it;
   * else near spellings (typo rules, one swap) and, from
   * `transcriptPrefixMinLength` letters, longer words it starts. Words in
   * too many segments (`transcriptStopShare`) are left out. Null when none.
   */
  derive(word: string): TranscriptWord | null {
    const o = this.options;
    const vocab = this.vocabulary();
    const limit = Math.max(o.transcriptStopMinSegments, o.transcriptStopShare * this.segments());
    const usable = (t: string) => {
      const n = vocab.get(t);
      return n !== undefined && n > 0 && n <= limit;
    };
    if (vocab.has(word)) return usable(word) ? { word, terms: [word], weight: 1 } : null;
    const terms = new Set<string>();
    const edits = o.fuzzyEdits(word.length);
    if (edits > 0) {
      for (const t of vocab.fuzzyGet(word, edits).keys()) if (usable(t)) terms.add(t);
      for (const t of swaps(word)) if (usable(t)) terms.add(t);
    }
    if (word.length >= o.transcriptPrefixMinLength) for (const t of vocab.atPrefix(word).keys()) if (usable(t)) terms.add(t);
    if (terms.size === 0) return null;
    return { word, terms: [...terms].sort().slice(0, 64), weight: swapWeight(word) };
  }

  /** Episodes whose transcript has the word, with its score in each (bm25 of the best segment, then the others, see {@link SearchOptions}). */
  search(word: TranscriptWord): Map<string, TranscriptMatch> {
    const o = this.options;
    const out = new Map<string, TranscriptMatch>();
    for (const r of this.statements.match.iterate(matchExpression([word]))) {
      const best = -r.best;
      const rest = Math.min(o.transcriptRestCap * best, o.transcriptRestWeight * (r.best - r.total));
      out.set(r.e, { score: word.weight * (best + rest), bestRow: r.row });
    }
    return out;
  }

  /** The best of these segments for these words, with the matched words marked; null when none matches. */
  quote(words: readonly TranscriptWord[], rows: readonly number[]): MarkedSegment | null {
    if (words.length === 0 || rows.length === 0) return null;
    const r = this.statements.quote.get(matchExpression(words), JSON.stringify(rows));
    return r ? { marked: r.marked, startSeconds: r.start, speaker: r.speaker } : null;
  }
}

/** An FTS5 MATCH expression for any of the words' terms (terms are letters and digits only, quoted anyway). */
function matchExpression(words: readonly TranscriptWord[]): string {
  const terms = [...new Set(words.flatMap((w) => w.terms))];
  return `text : (${terms.map((t) => `"${t}"`).join(' OR ')})`;
}

/** A plain transcript as untimed segments of about `words` words, a leading "Name: " taken as the speaker. */
export function untimedSegments(text: string, words: number): TranscriptSegment[] {
  const ranges = segmentRanges(text, words);
  const out: TranscriptSegment[] = [];
  for (let i = 0; i < ranges.length; i += 2) {
    const piece = text.slice(ranges[i], ranges[i + 1]);
    const m = SPEAKER.exec(piece);
    out.push({ startSeconds: null, endSeconds: null, speaker: m ? m[1]!.trim() : null, text: piece });
  }
  return out;
}
