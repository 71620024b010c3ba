import type { Chapter, Episode } from './catalog-schema.ts';
import { transcriptSlice } from './compact-text.ts';
import { META_FIELDS, type EpisodePostings } from './episode-postings.ts';
import type { MatchField, QueryWord, SearchHit } from './search-index.ts';
import { planSnippet, renderSnippet } from './fast-snippet.ts';
import { fastTokenize, scanTokens, spanAsciiLength, spanEnd, spanHasDigit, spanStart, spanTerm } from './fast-text.ts';

interface TermMatch {
  indexTerms: Set<string>;
  fields: Set<MatchField>;
  bestSegment: number;
  bestSegmentScore: number;
}

let scratch = new Float64Array(256);

/** How one query word matched one episode: which index words, in which fields, and its best transcript segment. */
function matchTerm(postings: EpisodePostings, slot: number, word: QueryWord, transcriptWeight: number): TermMatch {
  const m: TermMatch = { indexTerms: new Set(), fields: new Set(), bestSegment: -1, bestSegmentScore: 0 };
  for (const { id } of word.meta) {
    for (const f of META_FIELDS) {
      if (!postings.fields[f].has(id, slot)) continue;
      m.indexTerms.add(postings.dict.term(id));
      m.fields.add(f);
    }
  }
  const { first, count } = postings.segmentsOf(slot);
  if (count === 0) return m;
  if (scratch.length < count) scratch = new Float64Array(count * 2);
  const scores = scratch;
  scores.fill(0, 0, count);
  for (const { id, weight } of word.transcript) {
    if (postings.transcript.scoreRange(id, weight, first, first + count, scores) === 0) continue;
    m.indexTerms.add(postings.dict.term(id));
    m.fields.add('transcript');
  }
  for (let i = 0; i < count; i++) {
    const weighted = scores[i]! * transcriptWeight;
    if (weighted > m.bestSegmentScore) {
      m.bestSegment = first + i;
      m.bestSegmentScore = weighted;
    }
  }
  return m;
}

/**
 * Why an episode matched, worked out only for the hits shown: the query
 * words it matched, the fields, the best chapter and a snippet from the
 * description or the best transcript segment.
 */
export function explainHit(
  postings: EpisodePostings,
  ep: Episode,
  slot: number,
  words: readonly QueryWord[],
  score: number,
  transcriptWeight: number,
): SearchHit {
  const matches = new Map<string, TermMatch>();
  for (const word of words) {
    const m = matchTerm(postings, slot, word, transcriptWeight);
    if (m.fields.size > 0) matches.set(word.term, m);
  }
  const scores = [...matches.values()];
  const indexTerms = new Set(scores.flatMap((s) => [...s.indexTerms]));
  const fields = new Set(scores.flatMap((s) => [...s.fields]));
  const chapter = fields.has('chapters') ? bestChapter(ep.chapters, indexTerms) : null;
  const best = scores.filter((s) => s.bestSegment >= 0).sort((a, b) => b.bestSegmentScore - a.bestSegmentScore)[0];
  let segmentText: string | null = null;
  if (best) {
    const { start, end } = postings.segmentRange(best.bestSegment);
    segmentText = transcriptSlice(ep, start, end);
  }
  const exact = new Set(matches.keys());
  // The snippet showing the most matched words, the description winning a tie; only the winner's text is made.
  const fromDescription = fields.has('description') ? planSnippet(ep.description, indexTerms, exact) : null;
  const fromTranscript = segmentText !== null ? planSnippet(segmentText, indexTerms, exact) : null;
  const snippet =
    fromTranscript && (!fromDescription || fromTranscript.highlights.length > fromDescription.highlights.length)
      ? renderSnippet('transcript', segmentText!, fromTranscript)
      : fromDescription
        ? renderSnippet('description', ep.description, fromDescription)
        : null;
  return {
    episodeId: ep.id,
    score,
    matchedTerms: [...matches.keys()],
    fields: ([...META_FIELDS, 'transcript'] as const).filter((f) => fields.has(f)),
    chapter,
    snippet,
  };
}

function bestChapter(chapters: readonly Chapter[], terms: ReadonlySet<string>): Chapter | null {
  let best: Chapter | null = null;
  let bestCount = 0;
  let lengths = 0;
  for (const t of terms) lengths |= t.length < 31 ? 1 << t.length : 1 << 31;
  for (const c of chapters) {
    const count = distinctMatches(c.title, terms, lengths);
    if (count > bestCount) [best, bestCount] = [c, count];
  }
  return best;
}

/** How many of `terms` `tokenize(text)` has, folding only words of a length some term has. */
function distinctMatches(text: string, terms: ReadonlySet<string>, lengths: number): number {
  const n = scanTokens(text);
  if (n < 0) return new Set(fastTokenize(text).filter((t) => terms.has(t))).size;
  const found: string[] = [];
  for (let k = 0; k < n; k++) {
    if (spanEnd(k) - spanStart(k) < 2 && !spanHasDigit(k)) continue;
    const ascii = spanAsciiLength(k);
    if (ascii >= 0 && ((ascii < 31 ? lengths >>> ascii : lengths >>> 31) & 1) === 0) continue;
    const term = spanTerm(text, k);
    if (terms.has(term) && !found.includes(term)) found.push(term);
  }
  return found.length;
}
