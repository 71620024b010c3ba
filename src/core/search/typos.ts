/**
 * The one typo policy of search, did-you-mean and misses. A typo is one
 * wrong, missing or extra letter, or two neighbouring letters swapped
 * ("kuberentes"); case, accents and punctuation are folded away before
 * words are compared (src/core/model/text.ts), so they are never typos.
 */

/** Minimal shape of a word list searched for near spellings (minisearch's SearchableMap has it). */
export interface FuzzyVocabulary<T> {
  get(word: string): T | undefined;
  fuzzyGet(word: string, maxEditDistance: number): Map<string, [T, number]>;
}

/** A word of the vocabulary near a typed one: its value there and how many typos away it is. */
export interface NearSpelling<T> {
  value: T;
  typos: number;
}

/**
 * What near spellings are for: `search` finds episodes with them at once;
 * `suggest` only offers them ("Did you mean …?": a corrected query, a
 * guest's name, a command), so it may reach one typo further from 5 letters.
 */
export type TypoUse = 'search' | 'suggest';

/**
 * How many typos a word of `length` letters may have: in search none below
 * 4 letters, 1 from 4, 2 from 8; in a suggestion one more from 5 letters.
 */
export function typoBudget(length: number, use: TypoUse = 'search'): number {
  const search = length < 4 ? 0 : length < 8 ? 1 : 2;
  return use === 'suggest' && length >= 5 ? search + 1 : search;
}

/** The candidate nearest to `word` within its typo budget (fewest typos, then first given), or null; `word` itself when it is one. */
export function closestWord(word: string, candidates: Iterable<string>, use: TypoUse = 'suggest'): string | null {
  const budget = typoBudget(word.length, use);
  let best: string | null = null;
  let fewest = budget + 1;
  for (const c of candidates) {
    const n = typoCount(word, c, budget);
    if (n < fewest) [best, fewest] = [c, n];
  }
  return best;
}

/**
 * Typos between two words: the fewest wrong, missing, extra letters and
 * swaps of neighbouring letters that turn one into the other (the optimal
 * string alignment distance); `max + 1` as soon as it is sure to exceed `max`.
 */
export function typoCount(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
      least = Math.min(least, d);
    }
    if (least > max) return max + 1;
    [before, previous] = [previous, row];
  }
  return Math.min(previous[b.length]!, max + 1);
}

/**
 * Weight of a word `typos` typos away from the typed `word`, as minisearch
 * weighs a fuzzy match (its `fuzzy` weight 0.45 × length / (length + distance)).
 */
export function typoWeight(word: string, typos: number): number {
  return typos === 0 ? 1 : (0.45 * word.length) / (word.length + typos);
}

/** The words one swap of two neighbouring letters away ("kuberentes" → "kubernetes"). */
function swaps(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return [...out];
}

/**
 * The words of `vocabulary` within the typo budget of `word` for this use
 * ({@link typoBudget}), the word itself excluded.
 * minisearch's fuzzy search counts a swap as two edits: the words a swap
 * away are looked up too, with one typo fewer left (so two swaps count two).
 */
export function nearSpellings<T>(vocabulary: FuzzyVocabulary<T>, word: string, use: TypoUse = 'search'): Map<string, NearSpelling<T>> {
  const typos = typoBudget(word.length, use);
  const out = new Map<string, NearSpelling<T>>();
  if (typos <= 0) return out;
  const add = (term: string, value: T) => {
    if (term === word || out.has(term)) return;
    const n = typoCount(word, term, typos);
    if (n <= typos) out.set(term, { value, typos: n });
  };
  for (const [term, [value]] of vocabulary.fuzzyGet(word, typos)) add(term, value);
  const exact = (term: string) => {
    const value = vocabulary.get(term);
    if (value !== undefined) add(term, value);
  };
  for (const swapped of swaps(word)) {
    if (typos === 1) exact(swapped);
    else {
      // A swap and one more typo, or two swaps.
      for (const [term, [value]] of vocabulary.fuzzyGet(swapped, typos - 1)) add(term, value);
      for (const twice of swaps(swapped)) exact(twice);
    }
  }
  return out;
}
