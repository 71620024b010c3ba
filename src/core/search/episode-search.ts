import type { Episode } from '../model/catalog-schema.ts';
import { queryTerms } from '../model/text.ts';
import { explainHit, type EpisodeEvidence } from './explain.ts';
import type { MetadataIndex, MetadataMatch } from './metadata-index.ts';
import type { SearchHit, SearchOptions, SearchPage } from './search-types.ts';
import type { TranscriptIndex, TranscriptMatch, TranscriptWord } from './transcript-index.ts';

/** At most this many query words are searched (a pasted paragraph is not a query). */
const MAX_QUERY_WORDS = 12;

/** The episodes a search can see: by id, and each one's place newest first. */
export interface EpisodeLookup {
  get(id: string): Episode | undefined;
  recency(id: string): number;
}

interface Candidate {
  id: string;
  words: Set<string>;
  meta: MetadataMatch | undefined;
  transcript: number;
  segments: number[];
  transcriptWords: TranscriptWord[];
}

/** What episode search asks of transcript search (see transcript-index.ts). */
export type TranscriptSearch = Pick<TranscriptIndex, 'derive' | 'search' | 'quote'>;

/**
 * Episode search: minisearch over metadata and the transcript store over transcripts,
 * blended. Ranking: episodes matching more query words first, then score,
 * then newest. Score = minisearch score + `transcriptWeight` × transcript
 * score (see {@link SearchOptions.transcriptWeight}), so a title or guest
 * match (boost 5) outweighs a passing mention in a transcript.
 */
export class EpisodeSearch {
  constructor(
    private readonly options: SearchOptions,
    private readonly metadata: MetadataIndex,
    private readonly transcripts: TranscriptSearch,
    private readonly episodes: EpisodeLookup,
  ) {}

  /** A window of the ranked results for a query, optionally only among episodes `filter` accepts. */
  async search(query: string, offset: number, limit: number, filter?: (ep: Episode) => boolean): Promise<SearchPage> {
    const words = queryTerms(query).slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return { total: 0, hits: [], unmatched: [] };
    const accept = filter ? (id: string) => { const ep = this.episodes.get(id); return ep !== undefined && filter(ep); } : undefined;
    const candidates = await this.collect(words, accept);
    const found = new Set([...candidates.values()].flatMap((c) => [...c.words]));
    for (const w of words) if (this.metadata.has(w)) found.add(w);
    const ranked = this.rank(candidates);
    const queryWords = new Set(words);
    const hits: SearchHit[] = [];
    for (const [c, score] of ranked.slice(offset, offset + limit)) hits.push(explainHit(await this.evidence(c, score, words), queryWords));
    return { total: ranked.length, hits, unmatched: words.filter((w) => !found.has(w)) };
  }

  private async collect(words: readonly string[], accept?: (id: string) => boolean): Promise<Map<string, Candidate>> {
    const candidates = new Map<string, Candidate>();
    const candidate = (id: string): Candidate => {
      let c = candidates.get(id);
      if (!c) candidates.set(id, (c = { id, words: new Set(), meta: undefined, transcript: 0, segments: [], transcriptWords: [] }));
      return c;
    };
    for (const [id, meta] of this.metadata.search(words, accept)) {
      const c = candidate(id);
      c.meta = meta;
      for (const w of meta.words) c.words.add(w);
    }
    for (const word of words) {
      const tw = await this.transcripts.derive(word, this.metadata.has(word));
      if (!tw) continue;
      for (const [id, m] of await this.transcripts.search(tw)) {
        if (accept && !accept(id)) continue;
        addTranscript(candidate(id), tw, m);
      }
    }
    return candidates;
  }

  /** Candidates best first, at most `maxResults`, with their blended scores. */
  private rank(candidates: Map<string, Candidate>): Array<[Candidate, number]> {
    const scored = [...candidates.values()]
      .filter((c) => this.episodes.get(c.id) !== undefined)
      .map((c): [Candidate, number, number] => [c, (c.meta?.score ?? 0) + this.options.transcriptWeight * c.transcript, this.episodes.recency(c.id)]);
    scored.sort((a, b) => b[0].words.size - a[0].words.size || b[1] - a[1] || a[2] - b[2]);
    return scored.slice(0, this.options.maxResults).map(([c, score]) => [c, score]);
  }

  /** What explains a hit shown; its best transcript segment is read here, for the hits shown only. */
  private async evidence(c: Candidate, score: number, words: readonly string[]): Promise<EpisodeEvidence> {
    const inTranscript = c.segments.length > 0;
    return {
      episode: this.episodes.get(c.id)!,
      score,
      words: words.filter((w) => c.words.has(w)),
      meta: c.meta,
      inTranscript,
      segment: inTranscript ? await this.transcripts.quote(c.transcriptWords, c.segments) : null,
    };
  }
}

function addTranscript(c: Candidate, tw: TranscriptWord, m: TranscriptMatch): void {
  c.words.add(tw.word);
  c.transcript += m.score;
  c.segments.push(m.bestSegment);
  c.transcriptWords.push(tw);
}
