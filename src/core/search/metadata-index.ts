import MiniSearch, { type AsPlainObject, type Options, type Query, type SearchResult } from 'minisearch';
import type { Episode } from '../model/catalog-schema.ts';
import { indexTerm, tokenize } from '../model/text.ts';
import { documentIds, fieldIds, termIndex, type TermFields } from './minisearch-internals.ts';
import { commonScope, isCommon, type WordTerms } from './common-words.ts';
import type { MetadataWord } from './query-plan.ts';
import { META_FIELDS, type MetaField, type SearchOptions } from './search-types.ts';
import { nearSpellings, typoWeight } from './typos.ts';

/** Version of the persisted episode index (its minisearch JSON and the fields it is built from); any other is refused. */
export const METADATA_INDEX_VERSION = 1;

/** Fields whose words did-you-mean offers (descriptions are too loose to suggest from). */
const SUGGESTED_FIELDS: readonly MetaField[] = ['title', 'guests', 'orgs', 'chapters'];

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
    for (const docs of termIndex(this.mini).get(term)?.values() ?? []) n = Math.max(n, docs.size);
    return n;
  }

  /** Whether some episode's metadata has this word (as indexed: folded, not a stop word). */
  has(term: string): boolean {
    return termIndex(this.mini).has(term);
  }

  /** A query word as this index searches it: longer words from `prefixMinLength` letters; near spellings only when no episode has the word. */
  planWord(word: string): MetadataWord & { inMetadata: boolean } {
    const inMetadata = this.has(word);
    return { word, prefix: word.length >= this.options.prefixMinLength, inMetadata, near: inMetadata ? new Map() : this.nearSpellings(word) };
  }

  /** Words of the metadata within the typo budget of `word` (see typos.ts), each with its weight in search. */
  nearSpellings(word: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const [term, { typos }] of nearSpellings(termIndex(this.mini), word)) out.set(term, typoWeight(word, typos));
    return out;
  }

  /**
   * The word of titles, guests, organisations and chapter titles nearest to
   * `word` (fewest typos, then in most episodes), 3 letters or more, within
   * a suggestion's typo budget (see typos.ts); null when none is. It reads
   * this index's own words: no second word list.
   */
  nearestSuggestable(word: string): string | null {
    const ids = fieldIds(this.mini);
    const wanted = SUGGESTED_FIELDS.map((f) => ids[f]).filter((id): id is number => id !== undefined);
    const count = (fields: TermFields) => wanted.reduce((n, id) => n + (fields.get(id)?.size ?? 0), 0);
    let best: { term: string; typos: number; n: number } | null = null;
    for (const [term, { value, typos }] of nearSpellings(termIndex(this.mini), word, 'suggest')) {
      const n = count(value);
      if (term.length < 3 || n === 0) continue;
      if (!best || typos < best.typos || (typos === best.typos && (n > best.n || (n === best.n && term < best.term)))) best = { term, typos, n };
    }
    return best?.term ?? null;
  }

  /** Episodes holding any of these words exactly, each word's score multiplied by its weight: what recommendations ask. */
  related(weights: ReadonlyMap<string, number>): Array<{ id: string; score: number; words: string[] }> {
    if (weights.size === 0) return [];
    return this.mini
      .search({ combineWith: 'OR', queries: [...weights.keys()] }, { boost: this.options.boosts, prefix: false, fuzzy: false, boostTerm: (t) => weights.get(t) ?? 1 })
      .map((r) => ({ id: r.id as string, score: r.score / Math.max(1, r.queryTerms.length), words: r.queryTerms }));
  }

  /**
   * Episodes matching any of the planned query words: per word, itself,
   * longer words it starts (when `prefix`) and its near spellings (planned
   * only for a word no episode has), each weighted as the plan says.
   */
  search(words: readonly MetadataWord[], accept?: (id: string) => boolean): Map<string, MetadataMatch> {
    if (words.length === 0 || this.mini.documentCount === 0) return new Map();
    const common = words.filter((w) => isCommon(this.termsOf(w), this.mini.documentCount));
    if (common.length === 0) return this.searchAmong(words, accept);
    // Bounded cost (see common-words.ts): a common word is scored only among the episodes the rarer words found,
    // or, in a query of common words only, among a capped set read from its postings, highest-boost fields first.
    const rare = words.filter((w) => !common.includes(w));
    const found = rare.length > 0 ? this.searchAmong(rare, accept) : new Map<string, MetadataMatch>();
    const scope = found.size > 0 ? new Set(found.keys()) : this.topOf(common, accept);
    for (const [id, m] of this.searchAmong(common, accept, scope)) {
      const prior = found.get(id);
      found.set(id, prior ? mergeMatches(prior, m) : m);
    }
    return found;
  }

  /** Every index word a planned word stands for (itself, longer words it starts, its near spellings), with its postings. */
  private termsOf(w: MetadataWord): WordTerms {
    const index = termIndex(this.mini);
    const own = index.get(w.word);
    return {
      *[Symbol.iterator]() {
        if (w.prefix) yield* index.atPrefix(w.word).values();
        else if (own) yield own;
        for (const v of w.near.keys()) {
          const fields = v.startsWith(w.word) && w.prefix ? undefined : index.get(v);
          if (fields) yield fields;
        }
      },
    };
  }

  /** The ids of the capped set a query of common words only is scored among (see {@link commonScope}). */
  private topOf(words: readonly MetadataWord[], accept?: (id: string) => boolean): Set<string> {
    const ids = fieldIds(this.mini);
    const byBoost = Object.entries(this.options.boosts).sort((a, b) => b[1] - a[1]).map(([f]) => ids[f]).filter((id): id is number => id !== undefined);
    const docs = documentIds(this.mini);
    const scope = new Set<string>();
    const keep = accept ? (short: number) => docs.has(short) && accept(docs.get(short) as string) : (short: number) => docs.has(short);
    for (const short of commonScope(words.map((w) => this.termsOf(w)), byBoost, keep)) {
      const id = docs.get(short);
      if (id !== undefined) scope.add(id as string);
    }
    return scope;
  }

  /** Episodes matching any of these words, only among `scope` when given (others are skipped before scoring). */
  private searchAmong(words: readonly MetadataWord[], accept?: (id: string) => boolean, scope?: ReadonlySet<string>): Map<string, MetadataMatch> {
    const found = new Map<string, MetadataMatch>();
    const origin = new Map<string, string>();
    const weight = new Map<string, number>();
    const queries: Query[] = [];
    for (const { word, prefix, near } of words) {
      origin.set(word, word);
      queries.push({ queries: [word], prefix });
      const variants = [...near.keys()].filter((v) => !origin.has(v));
      for (const v of variants) [origin.set(v, word), weight.set(v, near.get(v)!)];
      if (variants.length > 0) queries.push({ queries: variants, boostTerm: (t) => weight.get(t) ?? 1 });
    }
    const results = this.mini.search(
      { combineWith: 'OR', queries },
      {
        boost: this.options.boosts,
        fuzzy: false,
        // minisearch skips a document boosted 0 before scoring it.
        ...(scope ? { boostDocument: (id: unknown) => (scope.has(id as string) ? 1 : 0) } : {}),
        ...(accept ? { filter: (r: SearchResult) => accept(r.id as string) } : {}),
      },
    );
    for (const r of results) found.set(r.id as string, toMatch(r, origin));
    return found;
  }
}

/** One episode's matches of two searches (rarer words, then common ones among them), as one. */
function mergeMatches(a: MetadataMatch, b: MetadataMatch): MetadataMatch {
  const fields: Record<string, MetaField[]> = { ...a.fields };
  for (const [term, fs] of Object.entries(b.fields)) fields[term] = [...new Set([...(fields[term] ?? []), ...fs])];
  return { score: a.score + b.score, words: [...new Set([...a.words, ...b.words])], fields };
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
