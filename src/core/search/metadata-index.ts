import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchResult } from 'minisearch';
import type { Episode } from '../model/catalog-schema.ts';
import { indexTerm, tokenize } from '../model/text.ts';
import { swaps, swapWeight } from './query-words.ts';
import { META_FIELDS, type MetaField, type SearchOptions } from './search-types.ts';

/** Version of the persisted episode index (its minisearch JSON and the fields it is built from); any other is refused. */
export const METADATA_INDEX_VERSION = 1;

/** A query word in more than this share of the episodes' metadata is not searched when the query has other words... */
const COMMON_SHARE = 0.3;
/** ...in a catalog of at least this many episodes. */
const COMMON_MIN_EPISODES = 200;

/** An episode as the metadata index sees it: one text per field. */
export type EpisodeDoc = { id: string } & Record<MetaField, string>;

/** The text of each metadata field of an episode. */
export function episodeDoc(ep: Episode): EpisodeDoc {
  return {
    id: ep.id,
    title: ep.title,
    guests: ep.guests.map((g) => [g.name, g.handle?.replace(/^@/, '')].filter(Boolean).join(' ')).join('\n'),
    orgs: ep.guests.flatMap((g) => [g.org, g.role]).filter(Boolean).join('\n') + (ep.series ? `\n${ep.series}` : ''),
    chapters: ep.chapters.map((c) => c.title).join('\n'),
    description: [ep.description, ...ep.links.map((l) => l.label)].join('\n'),
  };
}

/** The minisearch options of the episode index: our tokenizer (folding) and stop words. */
function miniOptions(): Options<EpisodeDoc> {
  return {
    fields: [...META_FIELDS],
    storeFields: [],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => indexTerm(term),
    // Query words arrive folded and filtered (see queryTerms); the index's rules are not applied twice.
    searchOptions: { tokenize: (text) => [text], processTerm: (term) => term },
    autoVacuum: false,
  };
}

/** One episode's metadata match: its score, the query words it matched, and the index words matched with their fields. */
export interface MetadataMatch {
  score: number;
  /** The query words (as typed, folded) it matched. */
  words: string[];
  /** Index word → fields it matched in (minisearch's `match`). */
  fields: Record<string, MetaField[]>;
}

/**
 * Episode metadata (title, guests, organisations and roles, chapter titles,
 * description and show notes) in a minisearch index, one document per
 * episode, searched with the product's prefix and typo rules.
 */
export class MetadataIndex {
  private mini: MiniSearch<EpisodeDoc>;

  constructor(private readonly options: SearchOptions, saved?: AsPlainObject) {
    this.mini = saved === undefined ? new MiniSearch(miniOptions()) : MiniSearch.loadJS(saved, miniOptions());
  }

  /** Adds or replaces episodes. */
  upsert(episodes: readonly Episode[]): void {
    for (const ep of episodes) {
      if (this.mini.has(ep.id)) this.mini.discard(ep.id);
      this.mini.add(episodeDoc(ep));
    }
    if (this.mini.dirtCount > 1_000) this.mini.vacuum().catch(() => undefined);
  }

  /** Removes episodes. */
  remove(ids: readonly string[]): void {
    for (const id of ids) if (this.mini.has(id)) this.mini.discard(id);
  }

  /** Number of indexed episodes. */
  get size(): number {
    return this.mini.documentCount;
  }

  /** The index as minisearch's plain object (`toJSON`), to persist. */
  toJSON(): AsPlainObject {
    return this.mini.toJSON();
  }

  /**
   * In how many episodes a word stands (in the field holding it most often).
   * minisearch keeps this in its protected index; read here, never written.
   */
  documentFrequency(term: string): number {
    let n = 0;
    for (const docs of this.terms().get(term)?.values() ?? []) n = Math.max(n, docs.size);
    return n;
  }

  /** Whether some episode's metadata has this word (as indexed: folded, not a stop word). */
  has(term: string): boolean {
    return this.terms().has(term);
  }

  /** minisearch's index of words (protected in its types): read here, never written. */
  private terms(): { get(t: string): Map<number, Map<number, number>> | undefined; has(t: string): boolean } {
    return (this.mini as unknown as { _index: ReturnType<MetadataIndex['terms']> })._index;
  }

  /** Episodes holding any of these words exactly, each word's score multiplied by its weight: what recommendations ask. */
  related(weights: ReadonlyMap<string, number>): Array<{ id: string; score: number; words: string[] }> {
    if (weights.size === 0) return [];
    return this.mini
      .search({ combineWith: 'OR', queries: [...weights.keys()] }, { boost: this.options.boosts, prefix: false, fuzzy: false, boostTerm: (t) => weights.get(t) ?? 1 })
      .map((r) => ({ id: r.id as string, score: r.score / Math.max(1, r.queryTerms.length), words: r.queryTerms }));
  }

  /**
   * Episodes matching any of the query words: per word, itself, longer words
   * it starts (from `prefixMinLength` letters) and, for a word no episode
   * has, near spellings (`fuzzyEdits`, or one swap of neighbouring letters).
   */
  search(words: readonly string[], accept?: (id: string) => boolean): Map<string, MetadataMatch> {
    const found = new Map<string, MetadataMatch>();
    if (words.length === 0 || this.mini.documentCount === 0) return found;
    const origin = new Map<string, string>();
    const queries: Query[] = [];
    const n = this.mini.documentCount;
    // Words in most episodes ("introduction") rank nothing and cost a result per episode: with other words, they are left out.
    const common = (w: string) => n >= COMMON_MIN_EPISODES && this.documentFrequency(w) > COMMON_SHARE * n;
    const kept = words.filter((w) => !common(w));
    for (const word of kept.length > 0 ? kept : words) {
      origin.set(word, word);
      // A word the index has is what was meant: near spellings are looked for only for a word it lacks.
      const edits = this.terms().has(word) ? 0 : this.options.fuzzyEdits(word.length);
      queries.push({ queries: [word], prefix: word.length >= this.options.prefixMinLength, fuzzy: edits > 0 ? edits : false });
      if (edits === 0) continue;
      const variants = swaps(word).filter((v) => !origin.has(v));
      for (const v of variants) origin.set(v, word);
      if (variants.length > 0) queries.push({ queries: variants, boostTerm: () => swapWeight(word) });
    }
    const results = this.mini.search(
      { combineWith: 'OR', queries },
      { boost: this.options.boosts, maxFuzzy: 2, ...(accept ? { filter: (r: SearchResult) => accept(r.id as string) } : {}) },
    );
    for (const r of results) found.set(r.id as string, toMatch(r, origin));
    return found;
  }
}

function toMatch(r: SearchResult, origin: Map<string, string>): MetadataMatch {
  const words: string[] = [];
  for (const q of r.queryTerms) {
    const word = origin.get(q) ?? q;
    if (!words.includes(word)) words.push(word);
  }
  // minisearch multiplies the score by the number of query terms matched; ranking counts words itself.
  return { score: r.score / Math.max(1, r.queryTerms.length), words, fields: r.match as Record<string, MetaField[]> };
}
