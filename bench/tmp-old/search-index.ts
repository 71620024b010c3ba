import MiniSearch, { type SearchResult } from 'minisearch';
import type { Chapter, Episode } from '../../src/core/catalog-schema.ts';
import { makeSnippet, type Snippet } from '../../src/core/snippet.ts';
import { indexTerm, queryTerms, tokenize } from '../../src/core/text.ts';
import { splitTranscript, type Segment } from './transcript-segments.ts';

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

interface TermScore {
  score: number;
  indexTerms: Set<string>;
  fields: Set<MatchField>;
  bestSegment: Segment | null;
  bestSegmentScore: number;
}

type EpisodeDoc = { id: string; title: string; guests: string; orgs: string; chapters: string; description: string };
type SegmentDoc = { id: string; text: string };

const META_FIELDS = ['title', 'guests', 'orgs', 'chapters', 'description'] as const;

/**
 * The full-text index over episodes: metadata in one MiniSearch index and
 * transcripts, as segments, in another. Built once; updated per episode.
 */
export class SearchIndex {
  readonly options: SearchOptions;
  private readonly meta: MiniSearch<EpisodeDoc>;
  private readonly transcripts: MiniSearch<SegmentDoc>;
  private readonly episodes = new Map<string, Episode>();
  private readonly segments = new Map<string, Segment>();
  private recency = new Map<string, number>();

  constructor(options: Partial<SearchOptions> = {}) {
    this.options = { ...DEFAULT_SEARCH_OPTIONS, ...options };
    const common = { tokenize, processTerm: indexTerm };
    this.meta = new MiniSearch<EpisodeDoc>({ fields: [...META_FIELDS], storeFields: [], ...common });
    this.transcripts = new MiniSearch<SegmentDoc>({ fields: ['text'], storeFields: [], ...common });
  }

  /** Adds or replaces episodes; `recencyOrder` lists every episode id newest first. */
  upsert(episodes: readonly Episode[], recencyOrder: readonly string[]): void {
    for (const ep of episodes) {
      if (this.episodes.has(ep.id)) this.remove(ep.id);
      this.episodes.set(ep.id, ep);
      this.meta.add(toDoc(ep));
      const segs = splitTranscript(ep, this.options.segmentWords);
      for (const seg of segs) this.segments.set(seg.id, seg);
      this.transcripts.addAll(segs.map((s) => ({ id: s.id, text: s.text })));
    }
    this.recency = new Map(recencyOrder.map((id, i) => [id, i]));
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
    const perEpisode = new Map<string, Map<string, TermScore>>();
    for (const term of terms) {
      for (const [id, ts] of this.scoreTerm(term)) {
        let m = perEpisode.get(id);
        if (!m) perEpisode.set(id, (m = new Map()));
        m.set(term, ts);
      }
    }
    const ranked = [...perEpisode.entries()]
      .map(([id, byTerm]) => ({ id, byTerm, score: sum([...byTerm.values()].map((t) => t.score)) }))
      .sort((a, b) => b.byTerm.size - a.byTerm.size || b.score - a.score || this.rank(a.id) - this.rank(b.id))
      .slice(0, this.options.maxResults);
    const shown = ranked.slice(window.offset, window.offset + window.limit);
    return { total: ranked.length, hits: shown.map(({ id, byTerm, score }) => this.explain(id, byTerm, score)) };
  }

  private rank(id: string): number {
    return this.recency.get(id) ?? Number.MAX_SAFE_INTEGER;
  }

  private remove(id: string): void {
    this.meta.discard(id);
    for (const [segId, seg] of this.segments) {
      if (seg.episodeId !== id) continue;
      this.transcripts.discard(segId);
      this.segments.delete(segId);
    }
  }

  private searchOptions(term: string) {
    const o = this.options;
    return {
      prefix: term.length >= o.prefixMinLength,
      fuzzy: o.fuzzyEdits(term.length) || false,
      maxFuzzy: 2,
    };
  }

  private scoreTerm(term: string): Map<string, TermScore> {
    const out = new Map<string, TermScore>();
    const meta = this.meta.search(term, { ...this.searchOptions(term), boost: this.options.boosts });
    for (const r of meta) out.set(String(r.id), metaScore(r));
    const segs = this.transcripts.search(term, this.searchOptions(term));
    for (const r of segs) this.addSegmentScore(out, r);
    return out;
  }

  private addSegmentScore(out: Map<string, TermScore>, r: SearchResult): void {
    const seg = this.segments.get(String(r.id));
    if (!seg) return;
    let ts = out.get(seg.episodeId);
    if (!ts) out.set(seg.episodeId, (ts = emptyScore()));
    const weighted = r.score * this.options.transcriptWeight;
    // The best segment counts fully; further ones add a little (the topic recurs).
    ts.score += ts.bestSegment ? weighted * 0.2 : weighted;
    ts.fields.add('transcript');
    for (const t of r.terms) ts.indexTerms.add(t);
    if (weighted > ts.bestSegmentScore) {
      ts.bestSegment = seg;
      ts.bestSegmentScore = weighted;
    }
  }

  private explain(id: string, byTerm: Map<string, TermScore>, score: number): SearchHit {
    const ep = this.episodes.get(id)!;
    const scores = [...byTerm.values()];
    const indexTerms = new Set(scores.flatMap((s) => [...s.indexTerms]));
    const fields = new Set(scores.flatMap((s) => [...s.fields]));
    const chapter = fields.has('chapters') ? bestChapter(ep.chapters, indexTerms) : null;
    const segment = scores
      .filter((s) => s.bestSegment)
      .sort((a, b) => b.bestSegmentScore - a.bestSegmentScore)[0]?.bestSegment;
    const exact = new Set(byTerm.keys());
    const snippet = bestSnippet([
      fields.has('description') ? makeSnippet('description', ep.description, indexTerms, exact) : null,
      segment ? makeSnippet('transcript', segment.text, indexTerms, exact) : null,
    ]);
    return {
      episodeId: id,
      score,
      matchedTerms: [...byTerm.keys()],
      fields: ([...META_FIELDS, 'transcript'] as const).filter((f) => fields.has(f)),
      chapter,
      snippet,
    };
  }
}

function toDoc(ep: Episode): EpisodeDoc {
  return {
    id: ep.id,
    title: ep.title,
    guests: ep.guests.map((g) => [g.name, g.handle?.replace(/^@/, '')].filter(Boolean).join(' ')).join('\n'),
    orgs: ep.guests.flatMap((g) => [g.org, g.role]).filter(Boolean).join('\n') + (ep.series ? `\n${ep.series}` : ''),
    chapters: ep.chapters.map((c) => c.title).join('\n'),
    description: ep.description,
  };
}

function emptyScore(): TermScore {
  return { score: 0, indexTerms: new Set(), fields: new Set(), bestSegment: null, bestSegmentScore: 0 };
}

function metaScore(r: SearchResult): TermScore {
  const ts = emptyScore();
  ts.score = r.score;
  for (const [indexTerm, fields] of Object.entries(r.match)) {
    ts.indexTerms.add(indexTerm);
    for (const f of fields) ts.fields.add(f as MatchField);
  }
  return ts;
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

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
