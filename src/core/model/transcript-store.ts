import type { TranscriptSegment } from './transcript-segment.ts';

/** Where an episode's stored transcript came from: the catalog's excerpt, or a transcript fetched from its feed. */
export type TranscriptOrigin = 'catalog' | 'feed';

/** What is stored of one episode's transcript. */
export interface StoredTranscript {
  origin: TranscriptOrigin;
  /** A digest of the catalog excerpt the segments were cut from (null for a fetched transcript). */
  digest: string | null;
  segments: number;
}

/** One episode's transcript to store, replacing what it had. */
export interface TranscriptReplacement {
  episodeId: string;
  origin: TranscriptOrigin;
  digest: string | null;
  segments: readonly TranscriptSegment[];
}

/** A segment where a term is said, and how well it matches. */
export interface TermMatch {
  episodeId: string;
  /** The segment's id in the store (stable until the episode's transcript is replaced). */
  segmentId: number;
  /** BM25 of the term in the segment, higher is better (FTS5's `bm25()` negated). */
  score: number;
}

/** Which of a word's segments {@link TranscriptStore.segmentsWith} reads: those of these episodes, or the last stored. */
export type SegmentScope = { episodes: readonly string[] } | { latest: number };

/** Opens a matched word in {@link MarkedSegment.marked}. */
export const MARK_OPEN = '\u0001';
/** Closes a matched word in {@link MarkedSegment.marked}. */
export const MARK_CLOSE = '\u0002';

/** A stored segment's text with the matched words between {@link MARK_OPEN} and {@link MARK_CLOSE}. */
export interface MarkedSegment {
  segmentId: number;
  marked: string;
  startSeconds: number | null;
  speaker: string | null;
}

/**
 * Transcript segments, stored and searched by word (the port transcript
 * search in src/core/search/ works over; SQLite FTS5 implements it in
 * src/store/sqlite/). Words are folded as FTS5's `unicode61 remove_diacritics 2`
 * does: case and accents never matter, letters and digits make words, no stemming.
 */
export interface TranscriptStore {
  /** What is stored of these episodes' transcripts (episodes with none are absent from the map). */
  stored(episodeIds: readonly string[]): Promise<Map<string, StoredTranscript>>;
  /**
   * Stores these episodes' transcripts, each replacing the episode's earlier
   * segments, all at once (all or none). An empty `catalog` replacement
   * removes the episode's transcript; an empty `feed` one is kept as a
   * fetched transcript of no segments. With `removedTexts`, resolves to the
   * texts of the segments replaced (to keep a vocabulary current).
   */
  replace(items: readonly TranscriptReplacement[], options?: { removedTexts?: boolean }): Promise<{ removedTexts: string[] }>;
  /** Whether the episode has a fetched transcript stored (a catalog excerpt does not count). */
  hasFetched(episodeId: string): Promise<boolean>;
  /** How many segments are stored, of every episode. */
  segmentCount(): Promise<number>;
  /**
   * Every stored word with the number of segments that have it, in slices of
   * about `sliceSize` words (default 5,000), so a large vocabulary is read
   * without holding the event loop or the database for long.
   */
  vocabulary(sliceSize?: number): AsyncIterable<ReadonlyArray<readonly [term: string, segments: number]>>;
  /** Every segment that has this word (a folded word, letters and digits only), with its score. */
  matches(term: string): Promise<TermMatch[]>;
  /**
   * Segments that have this word, unscored, read with bounded work (for a
   * word said almost everywhere): those of `scope.episodes` (the store seeks
   * each episode's segments), or the `scope.latest` last stored.
   */
  segmentsWith(term: string, scope: SegmentScope): Promise<Array<{ episodeId: string; segmentId: number }>>;
  /** Those of these segments that have any of these words, with the words marked; in no particular order. */
  quotes(segmentIds: readonly number[], terms: readonly string[]): Promise<MarkedSegment[]>;
}
