import { setImmediate as nextTurn } from 'node:timers/promises';
import type {
  MarkedSegment,
  SegmentScope,
  StoredTranscript,
  TermMatch,
  TranscriptOrigin,
  TranscriptReplacement,
  TranscriptStore,
} from '../../core/model/transcript-store.ts';
import { firstRow, rows, type PgConnection } from './connection.ts';
import { markSegments, replaceTranscripts, termMatches, termSegments } from './transcript-queries.ts';

/**
 * Transcript segments in PostgreSQL (migration 2: a tsvector per segment with
 * a GIN index, vocabulary and totals kept by triggers), the same port as
 * SQLite's FTS5: scores are FTS5's bm25 (transcript-queries.ts), quotes
 * ts_headline's on the rows asked for only.
 */
export class PgTranscriptStore implements TranscriptStore {
  constructor(private readonly c: PgConnection) {}

  async stored(episodeIds: readonly string[]): Promise<Map<string, StoredTranscript>> {
    const out = new Map<string, StoredTranscript>();
    if (episodeIds.length === 0) return out;
    const found = await rows<{ episode_id: string; source: TranscriptOrigin; digest: string | null; segments: number }>(
      this.c,
      'SELECT episode_id, source, digest, segments FROM transcript_sources WHERE episode_id = ANY($1::text[])',
      [episodeIds],
    );
    const byId = new Map(found.map((r) => [r.episode_id, r]));
    for (const id of episodeIds) {
      const r = byId.get(id);
      if (r) out.set(id, { origin: r.source, digest: r.digest, segments: r.segments });
    }
    return out;
  }

  replace(items: readonly TranscriptReplacement[], options: { removedTexts?: boolean } = {}): Promise<{ removedTexts: string[] }> {
    return this.c.atomic(async (c) => {
      const ids = [...new Set(items.map((i) => i.episodeId))];
      const removedTexts =
        options.removedTexts && ids.length > 0
          ? (await rows<{ text: string }>(c, 'SELECT text FROM transcript_segments WHERE episode_id = ANY($1::text[]) ORDER BY id', [ids])).map((r) => r.text)
          : [];
      await replaceTranscripts(
        c.client,
        items.map((i) => ({ episodeId: i.episodeId, source: i.origin, digest: i.digest, segments: i.segments })),
        new Date().toISOString(),
      );
      return { removedTexts };
    });
  }

  async hasFetched(episodeId: string): Promise<boolean> {
    return (await firstRow<{ source: string }>(this.c, 'SELECT source FROM transcript_sources WHERE episode_id = $1', [episodeId]))?.source === 'feed';
  }

  async segmentCount(): Promise<number> {
    return Number((await firstRow<{ n: string }>(this.c, 'SELECT segments AS n FROM transcript_stats'))?.n ?? 0);
  }

  async *vocabulary(sliceSize = 5_000): AsyncIterable<ReadonlyArray<readonly [string, number]>> {
    let after = '';
    for (;;) {
      const slice = await rows<{ term: string; segments: number }>(this.c, 'SELECT term, segments FROM transcript_vocab WHERE term > $1 ORDER BY term LIMIT $2', [
        after,
        sliceSize,
      ]);
      if (slice.length > 0) yield slice.map((r) => [r.term, r.segments] as const);
      if (slice.length < sliceSize) return;
      after = slice[slice.length - 1]!.term;
      await nextTurn();
    }
  }

  async matches(term: string): Promise<TermMatch[]> {
    // A named statement (planned once per connection); in segment order, as FTS5 returns its rows.
    const found = await this.c.run((db) => termMatches(db, term));
    return found.sort((a, b) => a.segmentId - b.segmentId);
  }

  async segmentsWith(term: string, scope: SegmentScope): Promise<Array<{ episodeId: string; segmentId: number }>> {
    if ('episodes' in scope && scope.episodes.length === 0) return [];
    return this.c.run((db) => termSegments(db, term, scope));
  }

  async quotes(segmentIds: readonly number[], terms: readonly string[]): Promise<MarkedSegment[]> {
    if (terms.length === 0 || segmentIds.length === 0) return [];
    return this.c.run((db) => markSegments(db, [...new Set(terms)], [...new Set(segmentIds)]));
  }
}
