/**
 * the reference `makeSnippet` (tests/helpers/reference-snippet.ts) on the fast tokenizer: the same window, text
 * and highlights (tests compare the two), in a fraction of the time, since
 * every search cuts snippets for each hit it shows. Words whose length no
 * matched word has are never folded.
 */
import { scanSpans, spanAsciiLength, spanEnd, spanFoldsTo, spanStart, spanTerm } from './fast-text.ts';
import type { Snippet } from './snippet.ts';

let matchAt = new Int32Array(64);
let termIndex = new Int32Array(64);
let seenAt = new Int32Array(16);

/** Where a snippet is cut and what it highlights, before its text is made. */
export interface SnippetPlan {
  start: number;
  end: number;
  /** Offsets into the snippet's text, as in {@link Snippet.highlights}. */
  highlights: Array<[number, number]>;
}

/** Same contract as the reference `makeSnippet` (tests/helpers/reference-snippet.ts). */
export function fastSnippet(
  source: Snippet['source'],
  text: string,
  terms: ReadonlySet<string>,
  exact: ReadonlySet<string> = new Set(),
  maxChars = 180,
): Snippet | null {
  const plan = planSnippet(text, terms, exact, maxChars);
  return plan ? renderSnippet(source, text, plan) : null;
}

/** The text of a planned snippet: ellipses where it was cut, white space as plain spaces. */
export function renderSnippet(source: Snippet['source'], text: string, plan: SnippetPlan): Snippet {
  const prefix = plan.start > 0 ? '…' : '';
  const suffix = plan.end < text.length ? '…' : '';
  return { source, text: prefix + text.slice(plan.start, plan.end).replace(/\s/g, ' ') + suffix, highlights: plan.highlights };
}

/** Plans the snippet {@link fastSnippet} makes, without making its text (null when no word matches). */
export function planSnippet(text: string, terms: ReadonlySet<string>, exact: ReadonlySet<string> = new Set(), maxChars = 180): SnippetPlan | null {
  const count = scanSpans(text);
  const byLength: Array<string[] | undefined> = [];
  for (const t of terms) (byLength[t.length] ??= []).push(t);
  if (matchAt.length < count) matchAt = new Int32Array(count * 2);
  const matchTerm: string[] = [];
  let matches = 0;
  for (let k = 0; k < count; k++) {
    const ascii = spanAsciiLength(k);
    let term: string | undefined;
    if (ascii >= 0) {
      const candidates = byLength[ascii];
      if (!candidates) continue;
      for (let c = 0; c < candidates.length && term === undefined; c++) if (spanFoldsTo(text, k, candidates[c]!)) term = candidates[c];
    } else {
      const folded = spanTerm(text, k);
      if (terms.has(folded)) term = folded;
    }
    if (term === undefined) continue;
    matchAt[matches++] = k;
    matchTerm.push(term);
  }
  if (matches === 0) return null;
  const lead = Math.floor(maxChars * 0.3);
  const distinct: string[] = [];
  if (termIndex.length < matches) termIndex = new Int32Array(matches * 2);
  for (let b = 0; b < matches; b++) {
    let at = distinct.indexOf(matchTerm[b]!);
    if (at < 0) at = distinct.push(matchTerm[b]!) - 1;
    termIndex[b] = at;
  }
  const worth = distinct.map((t) => (exact.has(t) ? 2 : 1));
  if (seenAt.length < distinct.length) seenAt = new Int32Array(distinct.length * 2);
  seenAt.fill(-1, 0, distinct.length);
  let bestFirst = matchAt[0]!;
  let bestValue = -1;
  for (let a = 0; a < matches; a++) {
    const mStart = spanStart(matchAt[a]!);
    let value = 0;
    for (let b = 0; b < matches; b++) {
      const k = matchAt[b]!;
      const t = termIndex[b]!;
      if (spanStart(k) < mStart || spanEnd(k) - mStart > maxChars - lead || seenAt[t] === a) continue;
      seenAt[t] = a;
      value += worth[t]!;
    }
    if (value > bestValue) [bestFirst, bestValue] = [matchAt[a]!, value];
  }
  let i = bestFirst;
  while (i > 0 && spanStart(bestFirst) - spanStart(i - 1) <= lead) i--;
  const start = i === 0 && spanStart(bestFirst) <= lead ? 0 : spanStart(i);
  let j = bestFirst;
  while (j + 1 < count && spanEnd(j + 1) - start <= maxChars) j++;
  const end = j + 1 >= count ? text.length : spanEnd(j);
  const lead0 = start > 0 ? 1 : 0;
  const highlights: Array<[number, number]> = [];
  for (let a = 0; a < matches; a++) {
    const k = matchAt[a]!;
    if (k >= i && k <= j) highlights.push([spanStart(k) - start + lead0, spanEnd(k) - start + lead0]);
  }
  return { start, end, highlights };
}
