import type { Snippet } from '../model/snippet.ts';
import { tokenizeWithOffsets } from '../model/text.ts';

/** A matched word in a text: where it stands, its folded form, and whether it is a query word as typed. */
export interface Mark {
  start: number;
  end: number;
  term: string;
  exact: boolean;
}

/**
 * A window of about `maxChars` characters of `text` where the most different
 * matched words stand together (a word typed exactly counts double), cut at
 * word boundaries, with an ellipsis where cut and the matched words'
 * offsets. Null when nothing is marked.
 */
export function quote(source: Snippet['source'], text: string, marks: readonly Mark[], maxChars = 180): Snippet | null {
  if (marks.length === 0) return null;
  const lead = Math.floor(maxChars * 0.3);
  const best = bestWindow(marks, maxChars).mark;
  const tokens = tokenizeWithOffsets(text);
  let first = tokens.findIndex((t) => t.end > best.start);
  if (first < 0) first = tokens.length - 1;
  let i = first;
  while (i > 0 && tokens[first]!.start - tokens[i - 1]!.start <= lead) i--;
  const start = i === 0 && tokens[first]!.start <= lead ? 0 : Math.min(tokens[i]!.start, best.start);
  let j = first;
  while (j + 1 < tokens.length && tokens[j + 1]!.end - start <= maxChars) j++;
  const end = j + 1 >= tokens.length ? text.length : Math.max(tokens[j]!.end, Math.min(best.end, start + maxChars));
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const highlights = marks
    .filter((m) => m.start >= start && m.end <= end)
    .map((m): [number, number] => [m.start - start + prefix.length, m.end - start + prefix.length]);
  return { source, text: prefix + text.slice(start, end).replace(/\s/g, ' ') + suffix, highlights };
}

/** The mark starting the window of `maxChars` showing the most different matched words (exact ones count double), and that count. */
export function bestWindow(marks: readonly Mark[], maxChars = 180): { mark: Mark; value: number } {
  const reach = maxChars - Math.floor(maxChars * 0.3);
  let best = marks[0]!;
  let bestValue = -1;
  for (const m of marks) {
    const seen = new Map<string, number>();
    for (const o of marks) if (o.start >= m.start && o.end - m.start <= reach) seen.set(o.term, Math.max(seen.get(o.term) ?? 0, o.exact ? 2 : 1));
    const value = [...seen.values()].reduce((a, b) => a + b, 0);
    if (value > bestValue) [best, bestValue] = [m, value];
  }
  return { mark: best, value: bestValue };
}

/** Marks of the words of `text` that are in `terms` (folded index words); `exact` says which are query words as typed. */
export function marksOf(text: string, terms: ReadonlySet<string>, exact: ReadonlySet<string>): Mark[] {
  return tokenizeWithOffsets(text)
    .filter((t) => terms.has(t.term))
    .map((t) => ({ start: t.start, end: t.end, term: t.term, exact: exact.has(t.term) }));
}

/** Text with \u0001…\u0002 markers (FTS5 highlight()) as plain text and marks. */
export function unmark(marked: string, fold: (word: string) => string, exact: ReadonlySet<string>): { text: string; marks: Mark[] } {
  const marks: Mark[] = [];
  let text = '';
  for (const part of marked.split('\u0001')) {
    const close = part.indexOf('\u0002');
    if (close < 0) {
      text += part;
      continue;
    }
    const word = part.slice(0, close);
    const term = fold(word);
    marks.push({ start: text.length, end: text.length + word.length, term, exact: exact.has(term) });
    text += word + part.slice(close + 1);
  }
  return { text, marks };
}
