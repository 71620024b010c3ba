import type { TranscriptSegment, TranscriptSink } from '../../src/core/model/transcript-segment.ts';

/**
 * Transcripts kept in memory: a stand-in for the library's transcript store,
 * to see what the queue stored. Nothing survives a restart, so the queue
 * fetches again what it recorded as stored (see TranscriptQueue.start).
 */
export class MemoryTranscriptSink implements TranscriptSink {
  readonly transcripts = new Map<string, readonly TranscriptSegment[]>();

  async replaceTranscript(episodeId: string, segments: readonly TranscriptSegment[]): Promise<void> {
    this.transcripts.set(episodeId, [...segments]);
  }

  async hasTranscript(episodeId: string): Promise<boolean> {
    return this.transcripts.has(episodeId);
  }
}
