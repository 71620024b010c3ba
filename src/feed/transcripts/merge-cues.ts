import type { TranscriptSegment } from '../../core/model/transcript-segment.ts';

/** How short cues are joined into segments worth quoting. */
export interface MergeOptions {
  /** A segment is closed once it has this many words (default 40). */
  words: number;
  /** ...or when the next cue starts this many seconds after the last one ended (default 4). */
  gapSeconds: number;
}

/** Defaults: about two sentences per segment. */
export const DEFAULT_MERGE_OPTIONS: MergeOptions = { words: 40, gapSeconds: 4 };

const wordCount = (s: string) => (s.match(/\S+/g) ?? []).length;

/**
 * Joins consecutive timed cues of one speaker into segments of about
 * `words` words (captions and word-level JSON come in pieces too short to
 * quote). A segment starts when the speaker changes, after a pause, or when
 * the current one is long enough; it keeps its first cue's start.
 */
export function mergeCues(cues: readonly TranscriptSegment[], options: MergeOptions = DEFAULT_MERGE_OPTIONS): TranscriptSegment[] {
  const out: TranscriptSegment[] = [];
  let current: TranscriptSegment | null = null;
  let words = 0;
  for (const cue of cues) {
    const text = cue.text.trim();
    if (text === '') continue;
    const pause = current?.endSeconds != null && cue.startSeconds != null && cue.startSeconds - current.endSeconds > options.gapSeconds;
    if (current && (current.speaker !== cue.speaker || pause || words >= options.words)) {
      out.push(current);
      current = null;
    }
    if (!current) {
      current = { startSeconds: cue.startSeconds, endSeconds: cue.endSeconds, speaker: cue.speaker, text };
      words = wordCount(text);
    } else {
      current.text += ` ${text}`;
      current.endSeconds = cue.endSeconds ?? current.endSeconds;
      words += wordCount(text);
    }
  }
  if (current) out.push(current);
  return out;
}
