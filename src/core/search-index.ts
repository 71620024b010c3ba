import type { Chapter, Episode } from './catalog-schema.ts';
import { EpisodePostings, META_FIELDS, type DerivedTerm, type EpisodePostingsData } from './episode-postings.ts';
import { explainHit } from './search-explain.ts';
import { Scratch, scoreWord, topSlots } from './search-scoring.ts';
import type { Snippet } from './snippet.ts';
import { Lru } from './lru.ts';
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
  /**
   * Query-time stop words of the transcripts: a word found in more than this
   * share of all transcript segments (and in more than
   * `transcriptStopMinSegments` of them) says nothing about where a topic is
   * discussed; it is matched in titles, guests, chapters and descriptions only.
   */
  transcriptStopShare: number;
  /** See `transcriptStopShare`; keeps small catalogs free of query-time stop words. */
  transcriptStopMinSegments: number;
  /** Words shorter than this match transcripts exactly (and with typos), never as a prefix. */
  transcriptPrefixMinLength: number;
  /**
   * Near spellings of a query word are looked for in transcripts `always`,
   * or only for a word no transcript has (`unknown-words`): a word that is
   * there is what was meant, and near spellings of common words are many.
   */
  transcriptTypos: 'always' | 'unknown-words';
}

/** A query word and the index words standing for it in metadata and in transcripts. */
export interface QueryWord {
  term: string;
  meta: DerivedTerm[];
  transcript: DerivedTerm[];
}

/** Defaults: title, guest and chapter matches count most; typos allowed from 4 letters (2 edits from 8). */
export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  boosts: { title: 5, guests: 5, orgs: 1.5, chapters: 3, description: 1.2 },
  transcriptWeight: 0.5,
  prefixMinLength: 3,
  fuzzyEdits: (n) => (n < 4 ? 0 : n < 8 ? 1 : 2),
  segmentWords: 80,
  maxResults: 50,
  transcriptStopShare: 0.1,
  transcriptStopMinSegments: 2_000,
  transcriptPrefixMinLength: 5,
  transcriptTypos: 'unknown-words',
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
  /** Query words (as typed, folded) that matched nothing in any episode: "quantum" in "quantum kubernetes". */
  unmatched: string[];
}

/** A query's words and its best slots with their scores. */
interface Ranked {
  words: QueryWord[];
  unmatched: string[];
  slots: number[];
  scores: number[];
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
  /** Recent queries' rankings: `/episode` asks twice (count, then page) and paging asks again. */
  private readonly ranked = new Lru<string, Ranked>(64);
  /** Recent query words' index words: the same words come back in many queries. */
  private readonly words = new Lru<string, QueryWord>(1_024);

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
    this.ranked.clear();
    this.words.clear();
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
    const ranked = this.rank(query);
    const shown = ranked.slots.slice(window.offset, window.offset + window.limit);
    const hits = shown.map((slot, i) =>
      explainHit(this.postings, this.episodes.get(this.postings.slotIds[slot]!)!, slot, ranked.words, ranked.scores[window.offset + i]!, this.options.transcriptWeight),
    );
    return { total: ranked.slots.length, hits, unmatched: ranked.unmatched };
  }

  /** The ranked slots for a query, from the cache when the same query was just asked (a command pages through it). */
  private rank(query: string): Ranked {
    const cached = this.ranked.get(query);
    if (cached) return cached;
    const terms = queryTerms(query);
    const result: Ranked = { words: [], unmatched: [], slots: [], scores: [] };
    if (terms.length > 0) {
      const s = this.scratchFor();
      const queryStamp = ++s.stamp;
      let found = 0;
      for (const term of terms) {
        const word = this.derive(term);
        found = scoreWord(this.postings, this.options, word, s, queryStamp, found);
        result.words.push(word);
        if (word.meta.length === 0 && word.transcript.length === 0) result.unmatched.push(term);
      }
      result.slots = topSlots(s, found, this.recencyOfSlot, this.options.maxResults);
      result.scores = result.slots.map((slot) => s.total[slot]!);
      for (let i = 0; i < found; i++) {
        const slot = s.queryTouched[i]!;
        s.total[slot] = 0;
        s.matched[slot] = 0;
      }
    }
    this.ranked.set(query, result);
    return result;
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
    this.ranked.clear();
    this.words.clear();
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

  /** Segments a word may be in and still be searched in transcripts (see `transcriptStopShare`). */
  private transcriptLimit(): number {
    const o = this.options;
    return Math.max(o.transcriptStopMinSegments, o.transcriptStopShare * this.postings.transcript.documentCount);
  }

  /**
   * The index words for a query word. In metadata, all of them. In
   * transcripts, none too common (`transcriptStopShare`), longer words only
   * for a long enough word (`transcriptPrefixMinLength`), and near spellings
   * only for a word no transcript has: a word that is there is what was meant.
   */
  private derive(term: string): QueryWord {
    const cached = this.words.get(term);
    if (cached) return cached;
    const o = this.options;
    const meta = this.postings.expand(term, term.length >= o.prefixMinLength, o.fuzzyEdits(term.length) || 0);
    const { transcript } = this.postings;
    const limit = this.transcriptLimit();
    const prefixOk = term.length >= o.transcriptPrefixMinLength;
    const known = o.transcriptTypos === 'unknown-words' && meta.some((d) => d.how === 'exact' && transcript.documentFrequency(d.id) > 0);
    const inTranscript = meta.filter(
      (d) => (d.how !== 'prefix' || prefixOk) && (d.how !== 'typo' || !known) && transcript.documentFrequency(d.id) <= limit,
    );
    const word = { term, meta, transcript: inTranscript };
    this.words.set(term, word);
    return word;
  }
}
