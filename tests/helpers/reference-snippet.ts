import type { Snippet } from '../../src/core/model/snippet.ts';
import { tokenizeWithOffsets, type Token } from '../../src/core/model/text.ts';

/**
 * The first, plain implementation of snippets, kept as the reference the fast one must agree with.
 * Cuts a window of about `maxChars` characters from `text` where the most
 * different matched words stand together (`terms`: folded index terms; a word
 * in `exact` counts double). Null when none occurs.
 */
export function makeSnippet(
  source: Snippet['source'],
  text: string,
  terms: ReadonlySet<string>,
  exact: ReadonlySet<string> = new Set(),
  maxChars = 180,
): Snippet | null {
  const tokens = tokenizeWithOffsets(text);
  const matches = tokens.map((t, i) => ({ t, i })).filter(({ t }) => terms.has(t.term));
  if (matches.length === 0) return null;
  const lead = Math.floor(maxChars * 0.3);
  let best = { first: matches[0]!.i, value: -1 };
  for (const m of matches) {
    const inWindow = matches.filter(({ t }) => t.start >= m.t.start && t.end - m.t.start <= maxChars - lead);
    const value = [...new Set(inWindow.map(({ t }) => t.term))].reduce((a, t) => a + (exact.has(t) ? 2 : 1), 0);
    if (value > best.value) best = { first: m.i, value };
  }
  return cut(source, text, tokens, best.first, terms, lead, maxChars);
}

function cut(
  source: Snippet['source'],
  text: string,
  tokens: Token[],
  first: number,
  terms: ReadonlySet<string>,
  lead: number,
  maxChars: number,
): Snippet {
  let i = first;
  while (i > 0 && tokens[first]!.start - tokens[i - 1]!.start <= lead) i--;
  const start = i === 0 && tokens[first]!.start <= lead ? 0 : tokens[i]!.start;
  let j = first;
  while (j + 1 < tokens.length && tokens[j + 1]!.end - start <= maxChars) j++;
  const end = j + 1 >= tokens.length ? text.length : tokens[j]!.end;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const highlights: Array<[number, number]> = tokens
    .slice(i, j + 1)
    .filter((t) => terms.has(t.term))
    .map((t) => [t.start - start + prefix.length, t.end - start + prefix.length]);
  return { source, text: prefix + text.slice(start, end).replace(/\s/g, ' ') + suffix, highlights };
}
