import { createHash } from 'node:crypto';
import SearchableMap from 'minisearch/SearchableMap';
import type { SearchOptions } from './search-types.ts';
import { segmentRanges } from './segment-text.ts';
import { speakerTurns } from './speaker-turns.ts';
import { nearSpellings, typoBudget, typoWeight } from './typos.ts';
import type { TranscriptSegment, TranscriptSink } from '../model/transcript-segment.ts';
import { MARK_OPEN, type MarkedSegment, type TermMatch, type TranscriptReplacement, type TranscriptStore } from '../model/transcript-store.ts';

/** How one query word matched one episode's transcript. */
export interface TranscriptMatch {
  /** The word's transcript score in this episode (before the blend's `transcriptWeight`). */
  score: number;
  /** The episode's best segment for the word (its id in the store). */
  bestSegment: number;
}

/** A query word and the transcript words standing for it. */
export interface TranscriptWord {
  word: string;
  /** Every transcript word standing for it (quotes mark them all). */
  terms: string[];
  /** Those of `terms` said in too many segments to read in full: searched with bounded cost (see {@link TranscriptIndex.searchFrequent}). */
  frequent: string[];
  /** 1 for the word itself, less for near spellings and longer words. */
  weight: number;
}

/** At most this many near spellings and longer words of a query word are looked up in transcripts. */
const MAX_VARIANTS = 8;
/** "Jason: " at the start of an untimed segment. */
const SPEAKER = /^([^\n:]{1,40}):\s+/;

/**
 * Transcript search over a {@link TranscriptStore} (SQLite FTS5 in the bot):
 * segments scored with bm25, quoted with their matched words marked,
 * typo-tolerant through the store's vocabulary, held here in a minisearch
 * SearchableMap. Catalog excerpts are stored as untimed segments; fetched
 * transcripts (the {@link TranscriptSink}) replace them.
 */
export class TranscriptIndex implements TranscriptSink {
  private vocab: SearchableMap<number> | null = null;
  private segmentCount = -1;
  /** Frequent words' last stored segments (`frequentLatestSegments`), kept until the next write. */
  private latestLists = new Map<string, Promise<Array<{ episodeId: string; segmentId: number }>>>();
  /** Writes and the vocabulary's load, one at a time, so the loaded vocabulary misses no write. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: TranscriptStore, private readonly options: SearchOptions) {}

  /** Stores an episode's fetched transcript, replacing any earlier one (or the catalog's excerpt); searchable once resolved. */
  replaceTranscript(episodeId: string, segments: readonly TranscriptSegment[]): Promise<void> {
    return this.exclusive(() => this.write([{ episodeId, origin: 'feed', digest: null, segments }]));
  }

  /** Whether the episode has a fetched transcript (a catalog excerpt does not count). */
  hasTranscript(episodeId: string): Promise<boolean> {
    return this.store.hasFetched(episodeId);
  }

  /**
   * Stores catalog episodes' transcript excerpts as untimed segments, all at
   * once, except where the same text is there already or the episode has a
   * fetched transcript; a null or blank excerpt removes a stored one.
   */
  syncExcerpts(items: ReadonlyArray<readonly [string, string | null]>): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    const latest = new Map(items);
    return this.exclusive(async () => {
      const stored = await this.store.stored([...latest.keys()]);
      const changes: TranscriptReplacement[] = [];
      for (const [episodeId, excerpt] of latest) {
        const had = stored.get(episodeId);
        if (had?.origin === 'feed') continue;
        if (excerpt === null || excerpt.trim() === '') {
          if (had) changes.push({ episodeId, origin: 'catalog', digest: null, segments: [] });
          continue;
        }
        const digest = createHash('sha1').update(excerpt).digest('hex');
        if (had?.digest !== digest) changes.push({ episodeId, origin: 'catalog', digest, segments: untimedSegments(excerpt, this.options.segmentWords) });
      }
      await this.write(changes);
    });
  }

  private async write(changes: readonly TranscriptReplacement[]): Promise<void> {
    if (changes.length === 0) return;
    const vocab = this.vocab;
    try {
      const { removedTexts } = await this.store.replace(changes, { removedTexts: vocab !== null });
      if (vocab) {
        learn(vocab, removedTexts, -1);
        learn(vocab, changes.flatMap((c) => c.segments.map((s) => s.text)), 1);
      }
    } finally {
      this.segmentCount = -1;
      this.latestLists.clear();
    }
  }

  /** Runs `work` after every write and load before it, never beside one. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The vocabulary of every transcript word with its segment count, read once from the store, in slices. */
  private vocabulary(): Promise<SearchableMap<number>> {
    if (this.vocab) return Promise.resolve(this.vocab);
    return this.exclusive(async () => {
      if (this.vocab) return this.vocab;
      const map = new SearchableMap<number>();
      for await (const slice of this.store.vocabulary()) for (const [term, n] of slice) map.set(term, n);
      this.vocab = map;
      return map;
    });
  }

  /**
   * Reads the vocabulary and the segment count again (another process
   * changed the stored transcripts); searches use the old vocabulary until
   * the new one is read. Nothing to do before the first load.
   */
  reload(): Promise<void> {
    return this.exclusive(async () => {
      this.segmentCount = -1;
      if (!this.vocab) return;
      const map = new SearchableMap<number>();
      for await (const slice of this.store.vocabulary()) for (const [term, n] of slice) map.set(term, n);
      this.vocab = map;
    });
  }

  private async segments(): Promise<number> {
    if (this.segmentCount < 0) this.segmentCount = await this.store.segmentCount();
    return this.segmentCount;
  }

  /** Loads what the first search would otherwise load on its own time: the vocabulary and the segment count. */
  async warmUp(): Promise<void> {
    await this.vocabulary();
    await this.segments();
  }

  /**
   * The transcript words for a query word: itself when transcripts have it;
   * none when they lack it but `knownWord` (the episode index has it, so it
   * is no typo); else near spellings (the typo policy of typos.ts) and, from
   * `transcriptPrefixMinLength` letters, longer words it starts, closest
   * first, at most 8. Those in more segments than the budget allows
   * (`transcriptFrequentShare`) are `frequent`: still looked for, with
   * bounded cost. Null when transcripts have none.
   */
  async derive(word: string, knownWord = false): Promise<TranscriptWord | null> {
    const o = this.options;
    const vocab = await this.vocabulary();
    const limit = Math.min(o.transcriptMaxSegments, Math.max(o.transcriptFrequentMinSegments, o.transcriptFrequentShare * (await this.segments())));
    const own = vocab.get(word);
    if (own !== undefined && own > 0) return { word, terms: [word], frequent: own > limit ? [word] : [], weight: 1 };
    if (knownWord) return null;
    // Near spellings first (closest first), then longer words.
    const found = new Map<string, number>();
    for (const [t, { value, typos }] of nearSpellings(vocab, word)) if (value > 0) found.set(t, typos);
    if (word.length >= o.transcriptPrefixMinLength) {
      for (const [t, n] of vocab.atPrefix(word)) if (n > 0 && !found.has(t)) found.set(t, typoBudget(word.length) + 1);
    }
    const terms: string[] = [];
    const frequent: string[] = [];
    let budget = o.transcriptMaxSegments;
    for (const [t] of [...found].sort((a, b) => a[1] - b[1] || vocab.get(b[0])! - vocab.get(a[0])! || (a[0] < b[0] ? -1 : 1))) {
      if (terms.length === MAX_VARIANTS) break;
      const n = vocab.get(t)!;
      terms.push(t);
      // Read in full while the word's budget lasts; past it, with bounded cost like any frequent word.
      if (n > limit || n > budget) frequent.push(t);
      else budget -= n;
    }
    if (terms.length === 0) return null;
    return { word, terms, frequent, weight: typoWeight(word, 1) };
  }

  /**
   * Episodes whose transcript has the word (its words that are not
   * frequent), with its score in each: the bm25 of the best segment plus
   * `transcriptRestWeight` × that of the others (at most `transcriptRestCap` × the best).
   */
  async search(word: TranscriptWord): Promise<Map<string, TranscriptMatch>> {
    const rows: TermMatch[][] = [];
    // One query per transcript word: bm25 over an OR of many words costs far more per row.
    for (const term of word.terms) if (!word.frequent.includes(term)) rows.push(await this.store.matches(term));
    return this.score(word, rows);
  }

  /**
   * The word's frequent transcript words, with bounded cost: their segments
   * among the episodes `among` (at most `frequentScope` of them, the best the
   * query found otherwise) and, with `latest`, their `frequentLatestSegments`
   * last stored segments (read once, kept until transcripts change). Each
   * segment scores as FTS5's bm25 of a word said once in a segment of average
   * length (its idf): reading the word's real bm25 would cost a pass over all
   * its segments. Episodes saying it in more segments still score more.
   */
  async searchFrequent(word: TranscriptWord, among: readonly string[], latest: boolean): Promise<Map<string, TranscriptMatch>> {
    const rows: TermMatch[][] = [];
    const scope = among.slice(0, this.options.frequentScope);
    const segments = await this.segments();
    const vocab = await this.vocabulary();
    for (const term of word.frequent) {
      const score = idf(segments, vocab.get(term) ?? 0);
      const found = scope.length > 0 ? await this.store.segmentsWith(term, { episodes: scope }) : [];
      const seen = new Set(found.map((m) => m.segmentId));
      if (latest) for (const m of await this.latestList(term)) if (!seen.has(m.segmentId)) found.push(m);
      rows.push(found.map((m) => ({ ...m, score })));
    }
    return this.score(word, rows);
  }

  private latestList(term: string): Promise<Array<{ episodeId: string; segmentId: number }>> {
    let list = this.latestLists.get(term);
    if (!list) {
      list = this.exclusive(() => this.store.segmentsWith(term, { latest: this.options.frequentLatestSegments }));
      this.latestLists.set(term, list);
      list.catch(() => this.latestLists.delete(term));
    }
    return list;
  }

  private score(word: TranscriptWord, rows: readonly TermMatch[][]): Map<string, TranscriptMatch> {
    const o = this.options;
    const best = new Map<string, [number, number, number]>();
    for (const list of rows) {
      for (const { episodeId, segmentId, score } of list) {
        const b = best.get(episodeId);
        if (!b) best.set(episodeId, [score, segmentId, 0]);
        else if (score > b[0]) [b[2], b[0], b[1]] = [b[2] + b[0], score, segmentId];
        else b[2] += score;
      }
    }
    const out = new Map<string, TranscriptMatch>();
    for (const [episodeId, [top, segment, rest]] of best) {
      out.set(episodeId, { score: word.weight * (top + Math.min(o.transcriptRestCap * top, o.transcriptRestWeight * rest)), bestSegment: segment });
    }
    return out;
  }

  /** The best of these segments for these words (the one showing most of them, the first on a tie), with the matched words marked; null when none matches. */
  async quote(words: readonly TranscriptWord[], segmentIds: readonly number[]): Promise<MarkedSegment | null> {
    if (words.length === 0) return null;
    const ids = [...new Set(segmentIds)];
    const marked = new Map((await this.store.quotes(ids, [...new Set(words.flatMap((w) => w.terms))])).map((m) => [m.segmentId, m]));
    let best: MarkedSegment | null = null;
    let bestMarks = 0;
    for (const id of ids) {
      const m = marked.get(id);
      const marks = m ? m.marked.split(MARK_OPEN).length - 1 : 0;
      if (m && marks > bestMarks) [best, bestMarks] = [m, marks];
    }
    return best;
  }
}

/** FTS5's bm25 idf of a word in `df` of `n` segments (1e-6 when not positive, as FTS5 does). */
function idf(n: number, df: number): number {
  const x = Math.log((n - df + 0.5) / (df + 0.5));
  return x > 0 ? x : 1e-6;
}

/**
 * Keeps a loaded vocabulary's segment counts current: adds (`sign` 1) or
 * removes (-1) the words of these segment texts, counted here rather than
 * read back from the store (in FTS5, fts5vocab's count reads a word's whole
 * doclist: a common word's costs milliseconds, for each of a transcript's
 * thousands of words). Words are folded as the store's tokenizer does.
 */
function learn(vocab: SearchableMap<number>, texts: readonly string[], sign: 1 | -1): void {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const words = new Set<string>();
    for (const m of text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').matchAll(/[\p{L}\p{N}]+/gu)) words.add(m[0]);
    for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  for (const [w, n] of counts) {
    const next = (vocab.get(w) ?? 0) + sign * n;
    if (next > 0) vocab.set(w, next);
    else vocab.delete(w);
  }
}

/** A plain transcript as untimed segments of about `words` words, said by a leading "Name: ", else by whoever spoke last before. */
export function untimedSegments(text: string, words: number): TranscriptSegment[] {
  const [ranges, out] = [segmentRanges(text, words), [] as TranscriptSegment[]];
  for (let i = 0, last: string | null = null; i < ranges.length; i += 2) {
    const piece = text.slice(ranges[i], ranges[i + 1]);
    const speaker: string | null = SPEAKER.exec(piece)?.[1]!.trim() ?? last;
    out.push({ startSeconds: null, endSeconds: null, speaker, text: piece });
    last = speakerTurns(piece, speaker).at(-1)?.speaker ?? speaker;
  }
  return out;
}
