import type SearchableMap from 'minisearch/SearchableMap';
import type { TermFields } from './minisearch-internals.ts';

/**
 * Autocomplete of very common title words ("the", "The Sh"), at bounded
 * cost: a typed word (with the longer words it starts, when typed as a
 * prefix) in more than {@link COMMON_NAME_ENTRIES} names would have minisearch
 * score every one of them. Such a query walks instead the shortest of its
 * words' rank-ordered two-letter lists (newest episodes first, then guests;
 * a last word of one letter only filters),
 * keeping the names that have every typed word, until it has enough.
 */
export const COMMON_NAME_ENTRIES = 200;

/** A typed word: `prefix` when longer words it starts match too. */
export interface TypedWord {
  word: string;
  prefix: boolean;
}

/** Whether a typed word is in more than {@link COMMON_NAME_ENTRIES} names (reads postings until that is passed). */
export function isCommonName(index: SearchableMap<TermFields>, { word, prefix }: TypedWord): boolean {
  let n = 0;
  const all = prefix ? index.atPrefix(word).values() : [index.get(word)].filter((f): f is TermFields => f !== undefined);
  for (const fields of all) {
    for (const docs of fields.values()) {
      n += docs.size;
      if (n > COMMON_NAME_ENTRIES) return true;
    }
  }
  return false;
}

/**
 * The typed words as suggest's query reads them (the last as a prefix, the
 * others from `prefixMinLength` letters unless a short last word follows),
 * when one of them is in very many names and each is in some name (no typo
 * to look for) so the ranked lists can be walked; null otherwise.
 */
export function walkedWords(index: SearchableMap<TermFields>, words: readonly string[], shortLast: boolean, prefixMinLength: number): TypedWord[] | null {
  const typed: TypedWord[] = [...new Set(words)].slice(0, 8).map((word, i, all) => ({
    word,
    prefix: i === all.length - 1 || (!shortLast && word.length >= prefixMinLength),
  }));
  if (!typed.some((t) => t.word.length >= prefixMinLength && isCommonName(index, t))) return null;
  const inSomeName = (t: TypedWord) => index.has(t.word) || (t.prefix && !index.atPrefix(t.word).keys().next().done);
  return typed.every(inSomeName) ? typed : null;
}

/** Whether a name's words hold every typed word (a prefix word: some name word starts with it). */
export function hasEvery(nameWords: readonly string[], typed: readonly TypedWord[]): boolean {
  return typed.every(({ word, prefix }) => nameWords.some((w) => (prefix ? w.startsWith(word) : w === word)));
}

/** The first `limit` ids of `list` (rank order) that `keep` accepts. */
export function firstKept(list: readonly number[], keep: (id: number) => boolean, limit: number): number[] {
  const out: number[] = [];
  for (const id of list) {
    if (out.length >= limit) break;
    if (keep(id)) out.push(id);
  }
  return out;
}
