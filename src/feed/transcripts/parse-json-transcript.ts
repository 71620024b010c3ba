import { z } from 'zod';
import type { TranscriptSegment } from '../../core/model/transcript-segment.ts';
import { cueText } from './cue-text.ts';
import { mergeCues } from './merge-cues.ts';
import type { ParsedTranscript } from './parsed-transcript.ts';
import { fail, ok } from '../../core/model/result.ts';

/** Most segments read from one file (word-level files of a long episode stay far below). */
const MAX_SEGMENTS = 200_000;

const segmentSchema = z.object({
  startTime: z.coerce.number().finite().nonnegative(),
  endTime: z.coerce.number().finite().nonnegative().optional(),
  body: z.string(),
  speaker: z.string().optional(),
});

/** The Podcasting 2.0 JSON transcript: `{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime", "body"}]}`. */
const fileSchema = z.object({
  version: z.string().optional(),
  segments: z.array(z.unknown()).max(MAX_SEGMENTS),
});

/**
 * Reads a Podcasting 2.0 JSON transcript (validated with zod, segment by
 * segment: a malformed one is skipped and counted) into timed segments with
 * speakers, word-level pieces joined (see merge-cues.ts).
 */
export function parseJsonTranscript(text: string): ParsedTranscript {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail(`is not valid JSON (${(err as Error).message.slice(0, 80)})`);
  }
  const file = fileSchema.safeParse(json);
  if (!file.success) return fail(`is not a Podcasting 2.0 JSON transcript (${file.error.issues[0]?.path.join('.') || 'file'}: ${file.error.issues[0]?.message ?? 'invalid'})`);
  const cues: TranscriptSegment[] = [];
  let bad = 0;
  let speaker: string | null = null;
  for (const raw of file.data.segments) {
    const s = segmentSchema.safeParse(raw);
    if (!s.success) {
      bad++;
      continue;
    }
    speaker = s.data.speaker ? cueText(s.data.speaker) || speaker : speaker;
    cues.push({ startSeconds: s.data.startTime, endSeconds: Math.max(s.data.startTime, s.data.endTime ?? s.data.startTime), speaker, text: cueText(s.data.body) });
  }
  if (cues.length === 0) return fail(bad > 0 ? `has no readable segments (${bad} malformed)` : 'has no segments');
  if (bad > cues.length) return fail(`is mostly malformed (${bad} of ${bad + cues.length} segments cannot be read)`);
  const notes = bad > 0 ? [`${bad} malformed segment(s) skipped`] : [];
  const unordered = cues.filter((c, i) => i > 0 && c.startSeconds! < cues[i - 1]!.startSeconds!).length;
  if (unordered > 0) {
    notes.push(`${unordered} segment(s) out of order, sorted by start time`);
    cues.sort((a, b) => a.startSeconds! - b.startSeconds!);
  }
  return ok({ format: 'json', segments: mergeCues(cues), notes });
}
