import type { TermFields } from './minisearch-internals.ts';

/**
 * Common metadata words, at bounded cost. A query word whose postings (the
 * word itself, the longer words it starts and its near spellings, summed over
 * fields) reach more than {@link COMMON_SHARE} of the episodes, and at least
 * {@link COMMON_MIN_EPISODES}, is common ("outro", "episode" in nearly every
 * description). It is never dropped: it is scored only among the episodes the
 * query's rarer words found, so it still orders them; a query made of common
 * words only is scored among at most {@link COMMON_TOP_K} episodes, read from
 * the words' postings in the fields of highest boost first (title, guests,
 * chapters, then organisations and descriptions). Catalogs under
 * {@link COMMON_MIN_EPISODES} episodes score every word in full.
 */
export const COMMON_SHARE = 0.1;
/** See {@link COMMON_SHARE}: a word in fewer postings than this is never common. */
export const COMMON_MIN_EPISODES = 500;
/** See {@link COMMON_SHARE}: the most episodes a query of common words only is scored among. */
export const COMMON_TOP_K = 300;

/** The postings (field id → document short id → occurrences) of every index word a query word stands for. */
export type WordTerms = Iterable<TermFields>;

/** Whether a word is common in a catalog of `documents` episodes (reads its postings until the threshold is passed). */
export function isCommon(terms: WordTerms, documents: number): boolean {
  const threshold = Math.max(COMMON_MIN_EPISODES, COMMON_SHARE * documents);
  let n = 0;
  for (const fields of terms) {
    for (const docs of fields.values()) {
      n += docs.size;
      if (n > threshold) return true;
    }
  }
  return false;
}

/**
 * The short ids of at most {@link COMMON_TOP_K} episodes holding any of these
 * words that `keep` accepts (one show's), taken field by field in `fieldOrder` (highest boost first).
 */
export function commonScope(words: readonly WordTerms[], fieldOrder: readonly number[], keep: (short: number) => boolean = () => true, k = COMMON_TOP_K): Set<number> {
  const chosen = new Set<number>();
  for (const field of fieldOrder) {
    for (const terms of words) {
      for (const fields of terms) {
        for (const short of fields.get(field)?.keys() ?? []) {
          if (chosen.has(short) || !keep(short)) continue;
          chosen.add(short);
          if (chosen.size >= k) return chosen;
        }
      }
    }
  }
  return chosen;
}
