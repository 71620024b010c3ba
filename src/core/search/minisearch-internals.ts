import type MiniSearch from 'minisearch';
import type SearchableMap from 'minisearch/SearchableMap';

/** What minisearch keeps of a word: field id → document short id → occurrences. */
export type TermFields = Map<number, Map<number, number>>;

/** The protected parts of a minisearch index that search reads (never writes). */
interface Internals {
  _index: SearchableMap<TermFields>;
  _fieldIds: Record<string, number>;
  _documentIds: Map<number, unknown>;
}

/**
 * minisearch's word index (its protected `_index`, a SearchableMap of word →
 * field id → document → occurrences): the only place that reads it, so a
 * minisearch upgrade that moves it breaks one file and its test
 * (tests/unit/core/search/minisearch-internals.test.ts), loudly.
 */
export function termIndex<T>(mini: MiniSearch<T>): SearchableMap<TermFields> {
  return (mini as unknown as Internals)._index;
}

/** minisearch's id of each field (its protected `_fieldIds`), read with {@link termIndex}. */
export function fieldIds<T>(mini: MiniSearch<T>): Readonly<Record<string, number>> {
  return (mini as unknown as Internals)._fieldIds;
}

/** minisearch's document ids by short id (its protected `_documentIds`): what {@link termIndex}'s postings name. */
export function documentIds<T>(mini: MiniSearch<T>): ReadonlyMap<number, unknown> {
  return (mini as unknown as Internals)._documentIds;
}
