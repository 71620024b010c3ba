/**
 * The typo and prefix rules of a query word, shared by episode search,
 * transcript search and autocomplete: one place says what "one typo" is.
 */

/**
 * The words one swap of two neighbouring letters away ("kuberentes" →
 * "kubernetes"): minisearch's fuzzy search counts a swap as two edits, a
 * listener counts it as one typo.
 */
export function swaps(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return [...out];
}

/** Weight of a word found through a swap, as minisearch weighs a word one edit away (its `fuzzy` weight 0.45). */
export function swapWeight(word: string): number {
  return (0.45 * word.length) / (word.length + 1);
}
