import type { Chapter, Episode } from '../model/catalog-schema.ts';
import type { Snippet } from '../model/snippet.ts';
import { foldTerm, tokenize } from '../model/text.ts';
import type { MetadataMatch } from './metadata-index.ts';
import { marksOf, quote } from './quote.ts';
import { transcriptQuote } from './turn-quote.ts';
import { META_FIELDS, type MatchField, type SearchHit } from './search-types.ts';
import type { MarkedSegment } from '../model/transcript-store.ts';

/** What is known of how one episode matched a query, for {@link explainHit}. */
export interface EpisodeEvidence {
  episode: Episode;
  score: number;
  /** Query words that matched, in query order. */
  words: string[];
  meta: MetadataMatch | undefined;
  /** Whether any query word matched the transcript. */
  inTranscript: boolean;
  /** The best transcript segment, marked, when the transcript matched (read only for the hits shown). */
  segment: MarkedSegment | null;
}

/**
 * Why an episode matched, worked out only for the hits shown: the query
 * words it matched, the fields, the chapter holding most matched words and
 * a quote from the description or the best transcript segment, whichever
 * shows more matched words (the description on a tie).
 */
export function explainHit(e: EpisodeEvidence, queryWords: ReadonlySet<string>): SearchHit {
  const fields = new Set<MatchField>();
  const terms = new Set<string>();
  const chapterTerms = new Set<string>();
  for (const [term, inFields] of Object.entries(e.meta?.fields ?? {})) {
    terms.add(term);
    for (const f of inFields) fields.add(f);
    if (inFields.includes('chapters')) chapterTerms.add(term);
  }
  if (e.inTranscript) fields.add('transcript');
  const chapter = chapterTerms.size > 0 ? bestChapter(e.episode.chapters, chapterTerms) : null;
  const fromDescription = fields.has('description') ? quote('description', e.episode.description, marksOf(e.episode.description, terms, queryWords)) : null;
  let fromTranscript: Snippet | null = null;
  const segment = e.inTranscript ? e.segment : null;
  if (segment) fromTranscript = transcriptQuote(segment, (w) => foldTerm(w), queryWords);
  const snippet = fromTranscript && (!fromDescription || fromTranscript.highlights.length > fromDescription.highlights.length) ? fromTranscript : fromDescription;
  return {
    episodeId: e.episode.id,
    score: e.score,
    matchedTerms: e.words,
    fields: ([...META_FIELDS, 'transcript'] as const).filter((f) => fields.has(f)),
    chapter,
    snippet,
  };
}

/** The chapter whose title holds the most of the matched words (the first on a tie). */
function bestChapter(chapters: readonly Chapter[], terms: ReadonlySet<string>): Chapter | null {
  let best: Chapter | null = null;
  let bestCount = 0;
  for (const c of chapters) {
    const count = new Set(tokenize(c.title).filter((t) => terms.has(t))).size;
    if (count > bestCount) [best, bestCount] = [c, count];
  }
  return best;
}
