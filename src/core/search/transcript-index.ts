import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import SearchableMap from 'minisearch/SearchableMap';
import { swaps, swapWeight } from './query-words.ts';
import type { SearchOptions } from './search-types.ts';
import { segmentRanges } from './segment-text.ts';
import type { TranscriptSegment, TranscriptSink } from '../model/transcript-segment.ts';
import { ensureSearchTables } from '../../store/sqlite/transcript-schema.ts';

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
/** At most this many near spellings and longer words of a query word are looked up in transcripts. */
const MAX_VARIANTS = 8;
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
  /** Which episode each segment is of: episodes' first rows, ascending, and their ids (read from transcript_sources when needed). */
  private owners: { firsts: Float64Array; ends: Float64Array; ids: string[] } | null = null;
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
      // One row at a time: FTS5 reads a rowid range (rowid >= ? AND rowid < ?) in time growing with the whole table.
      // CAST: better-sqlite3 binds numbers as REAL, and FTS5 drops a `rowid = <real>` constraint beside MATCH.
      deleteRow: db.prepare('DELETE FROM transcript_fts WHERE rowid = CAST(? AS INTEGER)'),
      text: db.prepare<[number], string>('SELECT text FROM transcript_fts WHERE rowid = CAST(? AS INTEGER)').pluck(),
      vocabAll: db.prepare<[], { term: string; doc: number }>('SELECT term, doc FROM transcript_vocab'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM transcript_fts'),
      match: db.prepare<[string], [number, number]>('SELECT rowid, bm25(transcript_fts) FROM transcript_fts WHERE transcript_fts MATCH ?').raw(true),
      quote: db.prepare<[string, number], { marked: string; start: number | null; speaker: string | null }>(
        `SELECT highlight(transcript_fts, 0, '${OPEN}', '${CLOSE}') AS marked, start_seconds AS start, speaker FROM transcript_fts WHERE transcript_fts MATCH ? AND rowid = CAST(? AS INTEGER)`,
      ),
      ranges: db.prepare<[], { episode_id: string; first_row: number; segments: number }>(
        'SELECT episode_id, first_row, segments FROM transcript_sources WHERE segments > 0 ORDER BY first_row',
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
      if (old) {
        const rows = Array.from({ length: old.segments }, (_, i) => old.first_row + i);
        if (this.vocab) this.learn(rows.map((row) => s.text.get(row) ?? ''), -1);
        for (const row of rows) s.deleteRow.run(row);
      }
      let first = 0;
      segments.forEach((seg, i) => {
        const { lastInsertRowid } = s.insert.run(seg.text, episodeId, seg.startSeconds, seg.speaker);
        if (i === 0) first = Number(lastInsertRowid);
      });
      if (segments.length === 0 && source === 'catalog') s.dropSource.run(episodeId);
      else s.setSource.run(episodeId, source, digest, first, segments.length, new Date().toISOString());
    })();
    this.segmentCount = -1;
    this.owners = null;
    if (this.vocab) this.learn(segments.map((seg) => seg.text), 1);
  }

  /**
   * Keeps the loaded vocabulary's segment counts current: adds (`sign` 1) or
   * removes (-1) the words of these segment texts, counted here rather than
   * read back from fts5vocab (whose count reads a word's whole doclist: a
   * common word's costs milliseconds, for each of a transcript's thousands of words).
   */
  private learn(texts: readonly string[], sign: 1 | -1): void {
    const counts = new Map<string, number>();
    for (const text of texts) {
      const words = new Set<string>();
      for (const m of text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').matchAll(/[\p{L}\p{N}]+/gu)) words.add(m[0]);
      for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const vocab = this.vocab!;
    for (const [w, n] of counts) {
      const next = (vocab.get(w) ?? 0) + sign * n;
      if (next > 0) vocab.set(w, next);
      else vocab.delete(w);
    }
  }

  /** The vocabulary of every transcript word with its segment count, read once from fts5vocab. */
  vocabulary(): SearchableMap<number> {
    if (!this.vocab) {
      const map = new SearchableMap<number>();
      // .all(), never .iterate(): a collected iterator aborts Node 24+ under better-sqlite3 12 (see keep-statements.ts).
      for (const { term, doc } of this.statements.vocabAll.all()) map.set(term, doc);
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
   * none when they lack it but `knownWord` (the episode index has it, so it
   * is no typo); else near spellings (typo rules, one swap) and, from
   * `transcriptPrefixMinLength` letters, longer words it starts. Words in
   * too many segments (`transcriptStopShare`) are left out. Null when none.
   */
  derive(word: string, knownWord = false): TranscriptWord | null {
    const o = this.options;
    const vocab = this.vocabulary();
    const limit = Math.min(o.transcriptMaxSegments, Math.max(o.transcriptStopMinSegments, o.transcriptStopShare * this.segments()));
    const usable = (t: string) => {
      const n = vocab.get(t);
      return n !== undefined && n > 0 && n <= limit;
    };
    if (vocab.has(word)) return usable(word) ? { word, terms: [word], weight: 1 } : null;
    if (knownWord) return null;
    // Near spellings first (closest first), then longer words; all of them within the segment budget.
    const found = new Map<string, number>();
    const edits = o.fuzzyEdits(word.length);
    if (edits > 0) {
      for (const t of swaps(word)) if (usable(t)) found.set(t, 1);
      for (const [t, [, distance]] of vocab.fuzzyGet(word, edits)) if (usable(t) && !found.has(t)) found.set(t, distance);
    }
    if (word.length >= o.transcriptPrefixMinLength) for (const t of vocab.atPrefix(word).keys()) if (usable(t) && !found.has(t)) found.set(t, edits + 1);
    const terms: string[] = [];
    let budget = o.transcriptMaxSegments;
    for (const [t] of [...found].sort((a, b) => a[1] - b[1] || vocab.get(b[0])! - vocab.get(a[0])! || (a[0] < b[0] ? -1 : 1))) {
      budget -= vocab.get(t)!;
      if (budget < 0 || terms.length === MAX_VARIANTS) break;
      terms.push(t);
    }
    if (terms.length === 0) return null;
    return { word, terms, weight: swapWeight(word) };
  }

  /**
   * Episodes whose transcript has the word, with its score in each: FTS5's
   * bm25 of the best segment plus `transcriptRestWeight` × that of the
   * others (at most `transcriptRestCap` × the best).
   */
  search(word: TranscriptWord): Map<string, TranscriptMatch> {
    const o = this.options;
    const owners = this.ownerTable();
    const best = new Map<number, [number, number, number]>();
    // One query per transcript word: bm25 over an OR of many words costs far more per row.
    for (const term of word.terms) {
      for (const [row, bm25] of this.statements.match.all(`text : "${term}"`)) {
        const owner = ownerOf(owners, row);
        if (owner < 0) continue;
        const score = -bm25;
        const b = best.get(owner);
        if (!b) best.set(owner, [score, row, 0]);
        else if (score > b[0]) [b[2], b[0], b[1]] = [b[2] + b[0], score, row];
        else b[2] += score;
      }
    }
    const out = new Map<string, TranscriptMatch>();
    for (const [owner, [top, row, rest]] of best) {
      out.set(owners.ids[owner]!, { score: word.weight * (top + Math.min(o.transcriptRestCap * top, o.transcriptRestWeight * rest)), bestRow: row });
    }
    return out;
  }

  private ownerTable(): { firsts: Float64Array; ends: Float64Array; ids: string[] } {
    if (!this.owners) {
      const rows = this.statements.ranges.all();
      this.owners = { firsts: Float64Array.from(rows, (r) => r.first_row), ends: Float64Array.from(rows, (r) => r.first_row + r.segments), ids: rows.map((r) => r.episode_id) };
    }
    return this.owners;
  }

  /** The best of these segments for these words (the one showing most of them), with the matched words marked; null when none matches. */
  quote(words: readonly TranscriptWord[], rows: readonly number[]): MarkedSegment | null {
    if (words.length === 0) return null;
    const match = matchExpression(words);
    let best: MarkedSegment | null = null;
    let bestMarks = 0;
    for (const row of new Set(rows)) {
      const r = this.statements.quote.get(match, row);
      const marks = r ? r.marked.split(OPEN).length - 1 : 0;
      if (r && marks > bestMarks) [best, bestMarks] = [{ marked: r.marked, startSeconds: r.start, speaker: r.speaker }, marks];
    }
    return best;
  }
}

/** The index of the episode whose rows hold `row`, or -1. */
function ownerOf(t: { firsts: Float64Array; ends: Float64Array }, row: number): number {
  let lo = 0;
  let hi = t.firsts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t.firsts[mid]! <= row) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi >= 0 && row < t.ends[hi]! ? hi : -1;
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
