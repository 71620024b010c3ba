import type { Chapter } from '../model/catalog-schema.ts';
import type { Snippet } from '../model/snippet.ts';
import type { TranscriptStatus } from './transcript-outage.ts';

/** Where a query word was found in an episode. */
export type MatchField = 'title' | 'guests' | 'orgs' | 'chapters' | 'description' | 'transcript';

/** The metadata fields, as the episode index names them. */
export const META_FIELDS = ['title', 'guests', 'orgs', 'chapters', 'description'] as const;
export type MetaField = (typeof META_FIELDS)[number];

/** Options of episode search; every field has a documented default in {@link DEFAULT_SEARCH_OPTIONS}. */
export interface SearchOptions {
  /** Weight of each metadata field (minisearch `boost`). */
  boosts: Record<MetaField, number>;
  /**
   * The blend rule: an episode's score is its minisearch score plus this
   * weight × its transcript score, where the transcript score of a query word
   * is the FTS5 bm25 of its best segment plus `transcriptRestWeight` × the
   * bm25 of its other segments (capped, see `transcriptRestCap`).
   */
  transcriptWeight: number;
  /** Weight of an episode's other matching segments, after its best one. */
  transcriptRestWeight: number;
  /** The other segments add at most this many times the best one (a long transcript saying a word often is not a title match). */
  transcriptRestCap: number;
  /** Words shorter than this are matched exactly, never as a prefix. */
  prefixMinLength: number;
  /** Untimed transcripts (the catalog's excerpts) are cut in segments of about this many words. */
  segmentWords: number;
  /** At most this many results are ranked and returned. */
  maxResults: number;
  /**
   * A transcript word in more than this share of all segments (and in more
   * than `transcriptFrequentMinSegments`, or in more than
   * `transcriptMaxSegments` whatever the share) is frequent: every segment is
   * work (about 2 µs in FTS5 and bm25) at every query, so it is not read in
   * full. It is still looked for, with bounded cost: among the
   * `frequentScope` best episodes the query's other words found, and, when
   * the query has no rarer word (or those found nothing), in its
   * `frequentLatestSegments` last stored segments (kept until transcripts
   * change); those segments score as the word's idf (see TranscriptIndex.searchFrequent).
   */
  transcriptFrequentShare: number;
  /** See `transcriptFrequentShare`; small catalogs read every word in full. */
  transcriptFrequentMinSegments: number;
  /** See `transcriptFrequentShare`: the most segments read in full for one query word (its near spellings and longer words together). */
  transcriptMaxSegments: number;
  /** A frequent transcript word is scored among at most this many of the best episodes the query found otherwise. */
  frequentScope: number;
  /** A query of frequent words only reads each one's this many last stored segments. */
  frequentLatestSegments: number;
  /** Words shorter than this match transcripts exactly (and with typos), never as a prefix. */
  transcriptPrefixMinLength: number;
}

/** Defaults: title and guest matches count most (typos: see typos.ts, one policy for every index). */
export const DEFAULT_SEARCH_OPTIONS: SearchOptions = {
  boosts: { title: 5, guests: 5, orgs: 1.5, chapters: 3, description: 1.2 },
  transcriptWeight: 0.5,
  transcriptRestWeight: 0.2,
  transcriptRestCap: 1,
  prefixMinLength: 3,
  segmentWords: 80,
  maxResults: 50,
  transcriptFrequentShare: 0.02,
  transcriptFrequentMinSegments: 500,
  transcriptMaxSegments: 1_500,
  frequentScope: 50,
  frequentLatestSegments: 1_500,
  transcriptPrefixMinLength: 5,
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
  /** `unavailable`: the transcript store failed (its database away), so these are metadata results only and `unmatched` is empty. */
  transcripts: TranscriptStatus;
}
