import type { TranscriptIndex, TranscriptMatch, TranscriptWord } from './transcript-index.ts';
import type { MarkedSegment } from '../model/transcript-store.ts';

/** Whether one search could read transcripts: `unavailable` when the transcript store failed (its database away). */
export type TranscriptStatus = 'searched' | 'unavailable';

/** What episode search asks of transcript search (see transcript-index.ts). */
export type TranscriptSearch = Pick<TranscriptIndex, 'derive' | 'search' | 'searchFrequent' | 'quote'>;

/**
 * One search's transcript look-ups, at the boundary of the transcript store:
 * any error from it (the database away, a closed store) makes this search's
 * transcripts `unavailable`; that look-up and every later one of the search
 * find nothing, at once, instead of failing the whole answer or waiting for
 * the store again. What the search found in memory (metadata) still counts.
 */
export class GuardedTranscripts implements TranscriptSearch {
  status: TranscriptStatus = 'searched';

  constructor(private readonly index: TranscriptSearch) {}

  derive(word: string, knownWord?: boolean): Promise<TranscriptWord | null> {
    return this.guard(() => this.index.derive(word, knownWord), null);
  }

  search(word: TranscriptWord): Promise<Map<string, TranscriptMatch>> {
    return this.guard(() => this.index.search(word), new Map());
  }

  searchFrequent(word: TranscriptWord, among: readonly string[], latest: boolean): Promise<Map<string, TranscriptMatch>> {
    return this.guard(() => this.index.searchFrequent(word, among, latest), new Map());
  }

  quote(words: readonly TranscriptWord[], segmentIds: readonly number[]): Promise<MarkedSegment | null> {
    return this.guard(() => this.index.quote(words, segmentIds), null);
  }

  private async guard<T>(work: () => Promise<T>, nothing: T): Promise<T> {
    if (this.status === 'unavailable') return nothing;
    try {
      return await work();
    } catch {
      this.status = 'unavailable';
      return nothing;
    }
  }
}
