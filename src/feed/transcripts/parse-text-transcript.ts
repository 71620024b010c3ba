import type { TranscriptSegment } from '../../core/model/transcript-segment.ts';
import { htmlToText } from '../html/html-to-text.ts';
import type { ParsedTranscript } from './parsed-transcript.ts';
import { fail, ok } from '../../core/model/result.ts';

/** "[00:12:34]", "(12:34)", "00:12:34 -" at the start of a paragraph: when it was said. */
const STAMP = /^[[(]?((?:\d{1,2}:)?\d{1,2}:\d{2})(?:[.,]\d+)?[\])]?\s*[-–—:]?\s*/;
/** "Jason:", "Jason Smith:", "JASON:" at the start of a paragraph (after any time stamp). */
const NAMED = /^(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}):\s+/u;
/** A paragraph longer than this many words is cut into pieces. */
const MAX_WORDS = 120;

function seconds(stamp: string): number {
  return stamp.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

function paragraphSegments(paragraph: string, speaker: string | null, start: number | null): TranscriptSegment[] {
  const words = paragraph.split(/\s+/).filter(Boolean);
  const out: TranscriptSegment[] = [];
  for (let i = 0; i < words.length; i += MAX_WORDS) {
    out.push({ startSeconds: i === 0 ? start : null, endSeconds: null, speaker, text: words.slice(i, i + MAX_WORDS).join(' ') });
  }
  return out;
}

/**
 * Reads an HTML (through the project's html-to-text) or plain-text
 * transcript: one segment per paragraph (long ones cut), the speaker where
 * a paragraph starts with "Name:", and the time where it starts with a
 * stamp like [12:34] (untimed otherwise).
 */
export function parseTextTranscript(source: string, format: 'html' | 'text'): ParsedTranscript {
  const text = format === 'html' ? htmlToText(source) : source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const segments: TranscriptSegment[] = [];
  let speaker: string | null = null;
  for (const raw of text.split(/\n\s*\n|\n(?=\s*[[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}\b)|\n(?=\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,3}:\s)/u)) {
    let paragraph = raw.replace(/\s+/g, ' ').trim();
    if (paragraph === '') continue;
    const stamp = STAMP.exec(paragraph);
    const start = stamp ? seconds(stamp[1]!) : null;
    if (stamp) paragraph = paragraph.slice(stamp[0].length);
    const named = NAMED.exec(paragraph);
    if (named) {
      speaker = named[1]!;
      paragraph = paragraph.slice(named[0].length);
    }
    if (paragraph !== '') segments.push(...paragraphSegments(paragraph, speaker, start));
  }
  if (segments.length === 0) return fail('has no text');
  return ok({ format, segments, notes: [] });
}
