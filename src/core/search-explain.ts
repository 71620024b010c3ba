import type { Chapter, Episode } from './catalog-schema.ts';
import { META_FIELDS, type DerivedTerm, type EpisodePostings } from './episode-postings.ts';
import type { MatchField, SearchHit, SearchOptions } from './search-index.ts';
import { fastSnippet as makeSnippet } from './fast-snippet.ts';
import type { Snippet } from './snippet.ts';
import { tokenize } from './text.ts';

interface TermMatch {
  indexTerms: Set<string>;
  fields: Set<MatchField>;
  bestSegment: number;
  bestSegmentScore: number;
}

/** How one query word matched one episode: which index words, in which fields, and its best transcript segment. */
function matchTerm(postings: EpisodePostings, slot: number, derived: DerivedTerm[], transcriptWeight: number): TermMatch {
  const m: TermMatch = { indexTerms: new Set(), fields: new Set(), bestSegment: -1, bestSegmentScore: 0 };
  for (const { id } of derived) {
    for (const f of META_FIELDS) {
      if (!postings.fields[f].has(id, slot)) continue;
      m.indexTerms.add(postings.dict.term(id));
      m.fields.add(f);
    }
  }
  const { first, count } = postings.segmentsOf(slot);
  if (count === 0) return m;
  const scores = new Float64Array(count);
  for (const { id, weight } of derived) {
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
  terms: readonly string[],
  derived: readonly DerivedTerm[][],
  score: number,
  options: SearchOptions,
): SearchHit {
  const matches = new Map<string, TermMatch>();
  terms.forEach((term, i) => {
    const m = matchTerm(postings, slot, derived[i]!, options.transcriptWeight);
    if (m.fields.size > 0) matches.set(term, m);
  });
  const scores = [...matches.values()];
  const indexTerms = new Set(scores.flatMap((s) => [...s.indexTerms]));
  const fields = new Set(scores.flatMap((s) => [...s.fields]));
  const chapter = fields.has('chapters') ? bestChapter(ep.chapters, indexTerms) : null;
  const best = scores.filter((s) => s.bestSegment >= 0).sort((a, b) => b.bestSegmentScore - a.bestSegmentScore)[0];
  let segmentText: string | null = null;
  if (best && ep.transcriptExcerpt) {
    const { start, end } = postings.segmentRange(best.bestSegment);
    segmentText = ep.transcriptExcerpt.slice(start, end);
  }
  const exact = new Set(matches.keys());
  const snippet = bestSnippet([
    fields.has('description') ? makeSnippet('description', ep.description, indexTerms, exact) : null,
    segmentText !== null ? makeSnippet('transcript', segmentText, indexTerms, exact) : null,
  ]);
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
  for (const c of chapters) {
    const count = new Set(tokenize(c.title).filter((t) => terms.has(t))).size;
    if (count > bestCount) [best, bestCount] = [c, count];
  }
  return best;
}

/** The snippet showing the most matched words; the description wins a tie. */
function bestSnippet(candidates: Array<Snippet | null>): Snippet | null {
  let best: Snippet | null = null;
  for (const c of candidates) if (c && (!best || c.highlights.length > best.highlights.length)) best = c;
  return best;
}
