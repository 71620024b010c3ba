import type { TranscriptSegment, TranscriptSink } from '../../src/core/model/transcript-segment.ts';

/**
 * Transcripts kept in memory: the stand-in for the FTS5 transcript store
 * (src/core/search/) until src/main.ts hands that one to the queue. Nothing
 * survives a restart, so the queue fetches again what it recorded as
 * stored (see TranscriptQueue.start).
 */
export class MemoryTranscriptSink implements TranscriptSink {
  readonly transcripts = new Map<string, readonly TranscriptSegment[]>();

  replaceTranscript(episodeId: string, segments: readonly TranscriptSegment[]): void {
    this.transcripts.set(episodeId, [...segments]);
  }

  hasTranscript(episodeId: string): boolean {
    return this.transcripts.has(episodeId);
  }
}
