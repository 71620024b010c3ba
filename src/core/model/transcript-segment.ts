/**
 * One timed piece of an episode's transcript, as fetched transcripts are
 * stored and indexed (see transcript-store.ts): the contract between transcript
 * fetching (src/feed/) and transcript search (src/core/search/).
 */
export interface TranscriptSegment {
  /** Seconds from the start of the episode, or null for an untimed transcript (HTML, plain text). */
  startSeconds: number | null;
  endSeconds: number | null;
  /** Who speaks, where the transcript names them. */
  speaker: string | null;
  /** Plain text, no markup. */
  text: string;
}

/** Where fetched transcripts go: stored and made searchable at once, replacing any earlier one of the episode. */
export interface TranscriptSink {
  replaceTranscript(episodeId: string, segments: readonly TranscriptSegment[]): Promise<void>;
  /** Whether the episode already has a stored transcript (a restart re-fetches none). */
  hasTranscript(episodeId: string): Promise<boolean>;
}
