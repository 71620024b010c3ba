import type { Episode } from '../model/catalog-schema.ts';
import { explainHit, type EpisodeEvidence } from './explain.ts';
import type { MetadataIndex, MetadataMatch } from './metadata-index.ts';
import { isInCatalog, planQuery, type QueryPlan } from './query-plan.ts';
import type { SearchHit, SearchOptions, SearchPage } from './search-types.ts';
import type { TranscriptMatch, TranscriptWord } from './transcript-index.ts';
import { GuardedTranscripts, type TranscriptSearch, type TranscriptStatus } from './transcript-outage.ts';

export type { TranscriptSearch } from './transcript-outage.ts';

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

/**
 * Episode search: minisearch over metadata and the transcript store over transcripts,
 * blended, over a query planned once ({@link planQuery}). Every typed word is
 * looked for: a transcript word said in too many segments to read in full
 * (see {@link SearchOptions.transcriptFrequentShare}) is scored among the
 * `frequentScope` best episodes the other words found, or, when every word
 * of the query is that frequent (or the others found nothing), through its
 * `frequentLatestSegments` last stored segments. Ranking: episodes matching more query words first, then score,
 * then newest. Score = minisearch score + `transcriptWeight` × transcript
 * score (see {@link SearchOptions.transcriptWeight}), so a title or guest
 * match (boost 5) outweighs a passing mention in a transcript.
 * When the transcript store fails (its database away), the search answers
 * from metadata alone and says so (`transcripts: 'unavailable'`), naming no
 * word "unmatched": it could not look the words up in transcripts.
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
    const transcripts = new GuardedTranscripts(this.transcripts);
    const plan = await this.planWith(query, transcripts);
    if (plan.words.length === 0) return { total: 0, hits: [], unmatched: [], transcripts: transcripts.status };
    const accept = filter ? (id: string) => { const ep = this.episodes.get(id); return ep !== undefined && filter(ep); } : undefined;
    const candidates = await this.collect(plan, transcripts, accept);
    const matched = new Set([...candidates.values()].flatMap((c) => [...c.words]));
    const ranked = this.rank(candidates);
    const words = plan.words.map((w) => w.word);
    const queryWords = new Set(words);
    const hits: SearchHit[] = [];
    for (const [c, score] of ranked.slice(offset, offset + limit)) hits.push(explainHit(await this.evidence(c, score, words, transcripts), queryWords));
    // Transcripts unread: no word can be said to be in no episode.
    const unmatched = transcripts.status === 'unavailable' ? [] : plan.words.filter((w) => !isInCatalog(w, matched.has(w.word))).map((w) => w.word);
    return { total: ranked.length, hits, unmatched, transcripts: transcripts.status };
  }

  /** The query planned once: each word with its metadata and transcript variants, and whether transcripts could be read. */
  async plan(query: string): Promise<QueryPlan & { transcripts: TranscriptStatus }> {
    const transcripts = new GuardedTranscripts(this.transcripts);
    const plan = await this.planWith(query, transcripts);
    return { ...plan, transcripts: transcripts.status };
  }

  private planWith(query: string, transcripts: TranscriptSearch): Promise<QueryPlan> {
    return planQuery(query, {
      metadata: (word) => this.metadata.planWord(word),
      transcript: (word, inMetadata) => transcripts.derive(word, inMetadata),
    });
  }

  private async collect(plan: QueryPlan, transcripts: TranscriptSearch, accept?: (id: string) => boolean): Promise<Map<string, Candidate>> {
    const candidates = new Map<string, Candidate>();
    const candidate = (id: string): Candidate => {
      let c = candidates.get(id);
      if (!c) candidates.set(id, (c = { id, words: new Set(), meta: undefined, transcript: 0, segments: [], transcriptWords: [] }));
      return c;
    };
    for (const [id, meta] of this.metadata.search(plan.words, accept)) {
      const c = candidate(id);
      c.meta = meta;
      for (const w of meta.words) c.words.add(w);
    }
    const add = (tw: TranscriptWord, found: Map<string, TranscriptMatch>) => {
      for (const [id, m] of found) if (!accept || accept(id)) addTranscript(candidate(id), tw, m);
    };
    const transcriptWords = plan.words.map((w) => w.transcript).filter((tw): tw is TranscriptWord => tw !== null);
    for (const tw of transcriptWords) if (tw.frequent.length < tw.terms.length) add(tw, await transcripts.search(tw));
    const frequent = transcriptWords.filter((tw) => tw.frequent.length > 0);
    if (frequent.length === 0) return candidates;
    // Bounded cost: among the best episodes found so far; a query of frequent words only (or whose other words found nothing) also reads each one's last stored segments.
    const among = this.rank(candidates, this.options.frequentScope).map(([c]) => c.id);
    const onlyFrequent = among.length === 0 || plan.words.every((w) => w.transcript !== null && w.transcript.frequent.length === w.transcript.terms.length);
    for (const tw of frequent) add(tw, await transcripts.searchFrequent(tw, among, onlyFrequent));
    return candidates;
  }

  /** Candidates best first, at most `maxResults`, with their blended scores. */
  private rank(candidates: Map<string, Candidate>, max = this.options.maxResults): Array<[Candidate, number]> {
    const scored = [...candidates.values()]
      .filter((c) => this.episodes.get(c.id) !== undefined)
      .map((c): [Candidate, number, number] => [c, (c.meta?.score ?? 0) + this.options.transcriptWeight * c.transcript, this.episodes.recency(c.id)]);
    scored.sort((a, b) => b[0].words.size - a[0].words.size || b[1] - a[1] || a[2] - b[2]);
    return scored.slice(0, max).map(([c, score]) => [c, score]);
  }

  /** What explains a hit shown; its best transcript segment is read here, for the hits shown only. */
  private async evidence(c: Candidate, score: number, words: readonly string[], transcripts: TranscriptSearch): Promise<EpisodeEvidence> {
    const inTranscript = c.segments.length > 0;
    return {
      episode: this.episodes.get(c.id)!,
      score,
      words: words.filter((w) => c.words.has(w)),
      meta: c.meta,
      inTranscript,
      segment: inTranscript ? await transcripts.quote(c.transcriptWords, c.segments) : null,
    };
  }
}

function addTranscript(c: Candidate, tw: TranscriptWord, m: TranscriptMatch): void {
  c.words.add(tw.word);
  c.transcript += m.score;
  c.segments.push(m.bestSegment);
  c.transcriptWords.push(tw);
}
