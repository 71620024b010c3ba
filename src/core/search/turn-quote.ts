import type { Snippet } from '../model/snippet.ts';
import type { MarkedSegment } from '../model/transcript-store.ts';
import { bestWindow, quote, unmark } from './quote.ts';
import { speakerTurns } from './speaker-turns.ts';

/**
 * The quote of a marked transcript segment, under the right speaker: the
 * segment is cut at speakers' turns ("Jason: …" lines, see speaker-turns.ts)
 * and the turn showing the most matched words (the first on a tie) is
 * quoted, without its label, under that turn's speaker; the segment's time.
 * Null when no word is marked.
 */
export function transcriptQuote(segment: MarkedSegment, fold: (word: string) => string, exact: ReadonlySet<string>): Snippet | null {
  const { text, marks } = unmark(segment.marked, fold, exact);
  let best: { from: number; to: number; speaker: string | null } | null = null;
  let bestValue = 0;
  for (const turn of speakerTurns(text, segment.speaker)) {
    const inside = marks.filter((m) => m.start >= turn.bodyStart && m.end <= turn.end);
    if (inside.length === 0) continue;
    const { value } = bestWindow(inside);
    if (value > bestValue) [best, bestValue] = [{ from: turn.bodyStart, to: turn.end, speaker: turn.speaker }, value];
  }
  if (!best) return null;
  const { from, speaker } = best;
  const body = text.slice(from, best.to).trimEnd();
  const shifted = marks.filter((m) => m.start >= from && m.end <= from + body.length).map((m) => ({ ...m, start: m.start - from, end: m.end - from }));
  const q = quote('transcript', body, shifted);
  return q && { ...q, startSeconds: segment.startSeconds, speaker };
}
