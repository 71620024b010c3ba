import type { TranscriptSegment } from '../../core/model/transcript-segment.ts';
import type { TranscriptFormat } from './transcript-format.ts';

/** A transcript read into segments, with what was repaired on the way; or what is wrong with it. */
export type ParsedTranscript =
  | { ok: true; format: TranscriptFormat; segments: TranscriptSegment[]; notes: string[] }
  | { ok: false; error: string };
