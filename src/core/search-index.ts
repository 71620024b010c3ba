import type { Chapter, Episode } from './catalog-schema.ts';
import { EpisodePostings, META_FIELDS, type DerivedTerm, type EpisodePostingsData } from './episode-postings.ts';
import { explainHit } from './search-explain.ts';
import type { Snippet } from './snippet.ts';
import { queryTerms } from './text.ts';

/** Where a query word was found in an episode. */
export type MatchField = 'title' | 'guests' | 'orgs' | 'chapters' | 'description' | 'transcript';

/** Options of the search index; every field has a documented default in {@link DEFAULT_SEARCH_OPTIONS}. */
export interface SearchOptions {
  /** Weight of each metadata field. */
  boosts: Record<Exclude<MatchField, 'transcript'>, number>;
  /** Weight of the transcript relative to a metadata field of boost 1. */
  transcriptWeight: number;
  /** Words shorter than this are matched exactly, never as a prefix. */
  prefixMinLength: number;
  /** Edits allowed for a word of a given length (typo tolerance). */
  fuzzyEdits: (termLength: number) => number;
  /** Transcripts are indexed in segments of about this many words. */
  segmentWords: number;
  /** At most this many results are ranked and returned. */
  maxResults: number;
}

/** Defaults: title, guest and chapter matches count most; typos allowed from 4 letters (2 edits from 8). */
export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  boosts: { title: 5, guests: 5, orgs: 1.5, chapters: 3, description: 1.2 },
  transcriptWeight: 0.5,
  prefixMinLength: 3,
  fuzzyEdits: (n) => (n < 4 ? 0 : n < 8 ? 1 : 2),
  segmentWords: 80,
  maxResults: 50,
};

/** One search result: the episode, its score, and why it matched. */
export interface SearchHit {
  episodeId: string;
  score: number;
  /** The query words that found this episode. */
  matchedTerms: string[];
  fields: MatchField[];
  /** The chapter whose title matched best, when a chapter matched. */
  chapter: Chapter | null;
  /** Text around the matched words, from the description or the transcript. */
  snippet: Snippet | null;
}

/** A window of ranked results and how many there are in all (at most `maxResults`). */
export interface SearchPage {
  total: number;
  hits: SearchHit[];
}

/** Per-query work arrays, one entry per slot or per segment, reused across queries. */
class Scratch {
  readonly metaAcc: Float64Array;
  readonly metaTouched: Int32Array;
  readonly segAcc: Float64Array;
  readonly segTouched: Int32Array;
  readonly termScore: Float64Array;
  readonly best: Float64Array;
  readonly rest: Float64Array;
  readonly termStamp: Int32Array;
  readonly termTouched: Int32Array;
  readonly total: Float64Array;
  readonly matched: Int32Array;
  readonly queryStamp: Int32Array;
  readonly queryTouched: Int32Array;
  stamp = 0;

  constructor(readonly slots: number, readonly segments: number) {
    [this.metaAcc, this.termScore, this.best, this.rest, this.total] = [0, 0, 0, 0, 0].map(() => new Float64Array(slots)) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    [this.metaTouched, this.termStamp, this.termTouched, this.matched, this.queryStamp, this.queryTouched] = [0, 0, 0, 0, 0, 0].map(() => new Int32Array(slots)) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
    this.segAcc = new Float64Array(segments);
    this.segTouched = new Int32Array(segments);
  }
}

/**
 * The full-text index over episodes: metadata fields and transcript
 * segments in compact postings (see {@link EpisodePostings}), scored as the
 * MiniSearch indexes it replaces scored them. Built once; updated per episode.
 */
export class SearchIndex {
  readonly options: SearchOptions;
  private postings: EpisodePostings;
  private readonly episodes = new Map<string, Episode>();
  private readonly slotOf = new Map<string, number>();
  private recencyOfSlot = new Int32Array(0);
  private scratch = new Scratch(0, 0);

  constructor(options: Partial<SearchOptions> = {}) {
    this.options = { ...DEFAULT_SEARCH_OPTIONS, ...options };
    this.postings = new EpisodePostings();
  }

  /** Adds or replaces episodes; `recencyOrder` lists every episode id newest first. */
  upsert(episodes: readonly Episode[], recencyOrder: readonly string[]): void {
    for (const ep of episodes) {
      const old = this.slotOf.get(ep.id);
      if (old !== undefined) this.postings.remove(old);
      this.episodes.set(ep.id, ep);
      this.slotOf.set(ep.id, this.postings.add(ep, this.options.segmentWords));
    }
    this.postings.compact();
    this.setRecency(recencyOrder);
  }

  /** Number of indexed episodes. */
  get size(): number {
    return this.episodes.size;
  }

  /**
   * Ranks episodes for a query: episodes matching more of the query's words
   * first (AND before OR), then by score, then newest first.
   */
  search(query: string, window: { offset: number; limit: number } = { offset: 0, limit: 5 }): SearchPage {
    const terms = queryTerms(query);
    if (terms.length === 0) return { total: 0, hits: [] };
    const s = this.scratchFor();
    const queryStamp = ++s.stamp;
    let found = 0;
    const derived = terms.map((term) => {
      const d = this.derive(term);
      found = this.scoreTerm(d, s, queryStamp, found);
      return d;
    });
    const ranked = this.topSlots(s, found);
    const shown = ranked.slice(window.offset, window.offset + window.limit);
    const hits = shown.map((slot) =>
      explainHit(this.postings, this.episodes.get(this.postings.slotIds[slot]!)!, slot, terms, derived, s.total[slot]!, this.options),
    );
    for (let i = 0; i < found; i++) {
      const slot = s.queryTouched[i]!;
      s.total[slot] = 0;
      s.matched[slot] = 0;
    }
    return { total: ranked.length, hits };
  }

  /** The arrays of the index, for a snapshot. */
  data(): EpisodePostingsData {
    return this.postings.data();
  }

  /** Restores the index from a snapshot's arrays and the same episodes it was built from. */
  restore(data: EpisodePostingsData, episodes: readonly Episode[], recencyOrder: readonly string[]): void {
    this.postings = new EpisodePostings(data);
    this.episodes.clear();
    this.slotOf.clear();
    const byId = new Map(episodes.map((e) => [e.id, e]));
    this.postings.slotIds.forEach((id, slot) => {
      if (this.postings.fields.title.isAlive(slot)) this.slotOf.set(id, slot);
    });
    for (const id of this.slotOf.keys()) {
      const ep = byId.get(id);
      if (!ep) throw new Error(`index snapshot: episode "${id}" is not in the catalog`);
      this.episodes.set(id, ep);
    }
    if (this.episodes.size !== byId.size) throw new Error('index snapshot: the catalog has episodes the snapshot lacks');
    this.setRecency(recencyOrder);
  }

  private setRecency(recencyOrder: readonly string[]): void {
    const rank = new Map(recencyOrder.map((id, i) => [id, i]));
    this.recencyOfSlot = new Int32Array(this.postings.slotCount);
    this.postings.slotIds.forEach((id, slot) => (this.recencyOfSlot[slot] = rank.get(id) ?? 0x7fffffff));
  }

  private scratchFor(): Scratch {
    const p = this.postings;
    if (this.scratch.slots < p.slotCount || this.scratch.segments < p.segmentCount) this.scratch = new Scratch(p.slotCount, p.segmentCount);
    return this.scratch;
  }

  private derive(term: string): DerivedTerm[] {
    const o = this.options;
    return this.postings.expand(term, term.length >= o.prefixMinLength, o.fuzzyEdits(term.length) || 0);
  }

  /** Adds one query word's scores: metadata, then the best transcript segment fully and others at 0.2. */
  private scoreTerm(derived: DerivedTerm[], s: Scratch, queryStamp: number, found: number): number {
    const { fields, transcript } = this.postings;
    const { boosts, transcriptWeight } = this.options;
    const stamp = ++s.stamp;
    let metaCount = 0;
    let segCount = 0;
    let termCount = 0;
    for (const { id, weight } of derived) {
      for (const f of META_FIELDS) metaCount = fields[f].addScores(id, weight * boosts[f], s.metaAcc, s.metaTouched, metaCount);
    }
    for (const { id, weight } of derived) segCount = transcript.addScores(id, weight, s.segAcc, s.segTouched, segCount);
    for (let i = 0; i < metaCount; i++) {
      const slot = s.metaTouched[i]!;
      s.termStamp[slot] = stamp;
      s.termTouched[termCount++] = slot;
      s.termScore[slot] = s.metaAcc[slot]!;
      s.best[slot] = -1;
      s.rest[slot] = 0;
      s.metaAcc[slot] = 0;
    }
    for (let i = 0; i < segCount; i++) {
      const seg = s.segTouched[i]!;
      const v = s.segAcc[seg]! * transcriptWeight;
      s.segAcc[seg] = 0;
      const slot = this.postings.slotOfSegment(seg);
      if (s.termStamp[slot] !== stamp) {
        s.termStamp[slot] = stamp;
        s.termTouched[termCount++] = slot;
        s.termScore[slot] = 0;
        s.best[slot] = -1;
        s.rest[slot] = 0;
      }
      if (v > s.best[slot]!) {
        if (s.best[slot]! >= 0) s.rest[slot]! += s.best[slot]!;
        s.best[slot] = v;
      } else s.rest[slot]! += v;
    }
    let n = found;
    for (let i = 0; i < termCount; i++) {
      const slot = s.termTouched[i]!;
      const transcriptScore = s.best[slot]! >= 0 ? s.best[slot]! + s.rest[slot]! * 0.2 : 0;
      if (s.queryStamp[slot] !== queryStamp) {
        s.queryStamp[slot] = queryStamp;
        s.queryTouched[n++] = slot;
      }
      s.total[slot]! += s.termScore[slot]! + transcriptScore;
      s.matched[slot]! += 1;
    }
    return n;
  }

  /** The best `maxResults` slots: more query words matched, then higher score, then newer. */
  private topSlots(s: Scratch, found: number): number[] {
    const better = (a: number, b: number) =>
      s.matched[b]! - s.matched[a]! || s.total[b]! - s.total[a]! || this.recencyOfSlot[a]! - this.recencyOfSlot[b]!;
    const max = this.options.maxResults;
    const top: number[] = [];
    for (let i = 0; i < found; i++) {
      const slot = s.queryTouched[i]!;
      if (top.length === max && better(slot, top[max - 1]!) >= 0) continue;
      let j = top.length < max ? top.length : max - 1;
      while (j > 0 && better(slot, top[j - 1]!) < 0) {
        if (j < max) top[j] = top[j - 1]!;
        j--;
      }
      top[j] = slot;
    }
    return top;
  }
}
