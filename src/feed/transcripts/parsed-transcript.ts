import type { Result } from '../../core/model/result.ts';
import type { TranscriptSegment } from '../../core/model/transcript-segment.ts';
import type { TranscriptFormat } from './transcript-format.ts';

/** A transcript read into segments, with what was repaired on the way. */
export interface TranscriptRead {
  format: TranscriptFormat;
  segments: TranscriptSegment[];
  notes: string[];
}

/** A transcript read, or (an expected failure) what is wrong with it: a phrase that follows `Transcript "url" `. */
export type ParsedTranscript = Result<TranscriptRead>;
