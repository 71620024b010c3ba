import { queryTerms } from '../model/text.ts';
import type { TranscriptWord } from './transcript-index.ts';

/** At most this many query words are searched (a pasted paragraph is not a query). */
export const MAX_QUERY_WORDS = 12;

/** A query word as the metadata index searches it. */
export interface MetadataWord {
  /** The word as typed, folded (see queryTerms). */
  word: string;
  /** Whether longer words it starts match too (from `prefixMinLength` letters). */
  prefix: boolean;
  /** Metadata words within its typo budget → their weight; empty when some episode's metadata has the word itself. */
  near: ReadonlyMap<string, number>;
}

/** One typed word, planned once for every index and for the miss explanation. */
export interface PlannedWord extends MetadataWord {
  /** Whether some episode's metadata has the word exactly. */
  inMetadata: boolean;
  /** The transcript words standing for it (itself, near spellings, longer words), null when transcripts have none. */
  transcript: TranscriptWord | null;
}

/** A query planned once: every typed word with its exact, prefix and typo variants in metadata and transcripts. */
export interface QueryPlan {
  words: PlannedWord[];
}

/** What planning asks of the indexes. */
export interface QueryPlanner {
  metadata(word: string): MetadataWord & { inMetadata: boolean };
  transcript(word: string, inMetadata: boolean): Promise<TranscriptWord | null>;
}

/**
 * Plans a query: its folded words (stop words and filler dropped, at most
 * {@link MAX_QUERY_WORDS}), each resolved once. A word that some episode's
 * metadata has is taken as meant (no near spellings looked for, in metadata
 * or transcripts); else its near spellings within the typo budget are.
 * Metadata search, transcript search and the miss explanation all read this plan.
 */
export async function planQuery(query: string, planner: QueryPlanner): Promise<QueryPlan> {
  const words: PlannedWord[] = [];
  for (const word of queryTerms(query).slice(0, MAX_QUERY_WORDS)) {
    const metadata = planner.metadata(word);
    words.push({ ...metadata, transcript: await planner.transcript(word, metadata.inMetadata) });
  }
  return { words };
}

/**
 * Whether a planned word is somewhere in the catalog: in some episode's
 * metadata (itself, a longer word or a near spelling) or in some transcript
 * (itself, a near spelling or a longer word, frequent or not). Only a word
 * for which this is false is named "not in any episode".
 */
export function isInCatalog(w: PlannedWord, matchedSomewhere: boolean): boolean {
  return matchedSomewhere || w.inMetadata || w.near.size > 0 || (w.transcript !== null && w.transcript.terms.length > 0);
}
