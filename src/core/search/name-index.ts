import MiniSearch, { type Query } from 'minisearch';
import type { Episode } from '../model/catalog-schema.ts';
import { foldTerm, tokenizeWithOffsets } from '../model/text.ts';
import { termIndex } from './minisearch-internals.ts';
import { nearSpellings, typoWeight } from './typos.ts';
import type { SearchOptions } from './search-types.ts';

/** A guest or host and the episodes they are on, newest first. */
export interface PersonEntry {
  name: string;
  role: 'guest' | 'host';
  episodeIds: string[];
}

/** One autocomplete choice: a label to show and the value to submit. */
export interface Suggestion {
  label: string;
  value: string;
  kind: 'episode' | 'guest';
}

interface NameDoc {
  id: number;
  label: string;
}

interface Entry {
  label: string;
  kind: Suggestion['kind'];
  /** Episode id, or the person's key. */
  key: string;
}

/** Every word of a name, single letters kept ("J Paul Reed"). */
const nameWords = (text: string) => tokenizeWithOffsets(text).map((t) => t.term);

/**
 * Names to complete and to look people up by: episode titles and guest
 * names in a small minisearch index of their own, every typed word
 * required, matched by prefix and with typos; ties go to the newer episode,
 * then to guests in order of appearance. Rebuilt when episodes change.
 */
export class NameIndex {
  private mini = this.fresh();
  private entries: Entry[] = [];
  private people = new Map<string, PersonEntry>();
  /** Entries by the first letter of their name's first word, in entry order. */
  private byInitial = new Map<string, number[]>();
  /** Entries by the first two letters of any word of their name, in entry order; made when first asked. */
  private byTwoLetters: Map<string, number[]> | null = null;
  /** Each entry's name words, made when first asked. */
  private wordsOf: Array<string[] | undefined> = [];

  constructor(private readonly options: SearchOptions) {}

  private fresh(): MiniSearch<NameDoc> {
    return new MiniSearch<NameDoc>({
      fields: ['label'],
      tokenize: nameWords,
      processTerm: (t) => t,
      searchOptions: { tokenize: (t) => [t], processTerm: (t) => t },
    });
  }

  /** Rebuilds from episodes listed newest first. */
  build(newestFirst: readonly Episode[]): void {
    this.people = collectPeople(newestFirst);
    this.entries = [
      ...newestFirst.map((e): Entry => ({ label: e.title, kind: 'episode', key: e.id })),
      ...[...this.people.entries()].filter(([, p]) => p.role === 'guest').map(([key, p]): Entry => ({ label: p.name, kind: 'guest', key })),
    ];
    this.mini = this.fresh();
    this.mini.addAll(this.entries.map((e, id) => ({ id, label: e.label })));
    this.byInitial = new Map();
    this.byTwoLetters = null;
    this.wordsOf = [];
    this.entries.forEach((e, id) => {
      const initial = nameWords(e.label)[0]?.[0];
      if (initial === undefined) return;
      const list = this.byInitial.get(initial);
      if (list) list.push(id);
      else this.byInitial.set(initial, [id]);
    });
  }

  /**
   * Completions for what a person has typed so far, best first. A single
   * letter lists the names starting with it, two letters the names with a
   * word starting with them (newest episodes first, then guests): a prefix
   * search would find those among thousands of words. A word of one or two
   * letters after others filters what the others found.
   */
  suggest(typed: string, kinds: ReadonlyArray<Suggestion['kind']>, limit: number): Suggestion[] {
    const words = nameWords(typed.slice(0, 200));
    const wanted = (id: number) => kinds.includes(this.entries[id]!.kind);
    const short = words.length > 0 && words.at(-1)!.length < this.options.prefixMinLength ? words.at(-1)! : null;
    let ids: number[];
    if (words.length === 1 && short !== null) ids = this.listed(short).filter(wanted).slice(0, limit);
    else if (short !== null) {
      const rest = words.slice(0, -1).join(' ');
      ids = this.query(rest, () => false, (e) => kinds.includes(e.kind))
        .map(([id]) => id)
        .filter((id) => id !== undefined && this.words(id).some((w) => w.startsWith(short)))
        .slice(0, limit);
    } else ids = this.query(typed, (w, last) => last || w.length >= this.options.prefixMinLength, (e) => kinds.includes(e.kind)).slice(0, limit).map(([id]) => id);
    return ids.map((id) => {
      const e = this.entries[id]!;
      return { label: e.label, value: e.kind === 'episode' ? e.key : e.label, kind: e.kind };
    });
  }

  /** Entries for a typed letter (names starting with it) or two (names with a word starting with them), in entry order. */
  private listed(start: string): number[] {
    if (start.length === 1) return this.byInitial.get(start) ?? [];
    if (!this.byTwoLetters) {
      const map = new Map<string, number[]>();
      this.entries.forEach((_, id) => {
        for (const two of new Set(this.words(id).filter((w) => w.length >= 2).map((w) => w.slice(0, 2)))) {
          const list = map.get(two);
          if (list) list.push(id);
          else map.set(two, [id]);
        }
      });
      this.byTwoLetters = map;
    }
    return this.byTwoLetters.get(start) ?? [];
  }

  private words(id: number): string[] {
    return (this.wordsOf[id] ??= nameWords(this.entries[id]!.label));
  }

  /** People whose name matches, best first; those scoring near the best are all returned. */
  findPeople(name: string): PersonEntry[] {
    const hits = this.query(name, (w) => w.length >= 2, (e) => e.kind === 'guest');
    const top = hits[0]?.[1] ?? 0;
    return hits
      .filter(([, score]) => score >= top * 0.6)
      .map(([id]) => this.people.get(this.entries[id]!.key))
      .filter((p): p is PersonEntry => p !== undefined);
  }

  /** Every guest's name, in order of their newest episode. */
  guestNames(): string[] {
    return [...this.people.values()].filter((p) => p.role === 'guest').map((p) => p.name);
  }

  /**
   * Guests whose names come nearest to `name`, best first: each word of
   * `name` that a guest's name has, or has within a suggestion's typo budget
   * (see typos.ts), adds 1 / (1 + typos).
   */
  nearestGuests(name: string, limit: number): string[] {
    const vocabulary = termIndex(this.mini);
    const scores = new Map<number, number>();
    for (const word of [...new Set(nameWords(name.slice(0, 200)))].slice(0, 8)) {
      const typos = new Map([...nearSpellings(vocabulary, word, 'suggest')].map(([t, n]) => [t, n.typos]));
      if (vocabulary.has(word)) typos.set(word, 0);
      if (typos.size === 0) continue;
      const hits = this.mini.search({ combineWith: 'OR', queries: [...typos.keys()] }, { prefix: false, fuzzy: false, filter: (r) => this.entries[r.id as number]!.kind === 'guest' });
      for (const r of hits) {
        const fewest = Math.min(...r.queryTerms.map((t) => typos.get(t) ?? Number.POSITIVE_INFINITY));
        scores.set(r.id as number, (scores.get(r.id as number) ?? 0) + 1 / (1 + fewest));
      }
    }
    return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit).map(([id]) => this.entries[id]!.label);
  }

  /** Entries matching every word of `text` (and `wanted`), best first, with their scores. */
  private query(text: string, prefix: (word: string, last: boolean) => boolean, wanted: (e: Entry) => boolean): Array<[number, number]> {
    const words = [...new Set(nameWords(text.slice(0, 200)))].slice(0, 8);
    if (words.length === 0 || this.entries.length === 0) return [];
    const vocabulary = termIndex(this.mini);
    const queries: Query[] = words.map((word, i) => {
      // A word some name has is what was meant (no near spellings); a word followed by another was typed in full (no prefix).
      const asPrefix = prefix(word, i === words.length - 1);
      const own: Query = { queries: [word], prefix: asPrefix };
      // A word some name has, or (typed as a prefix) starts, is what was meant: no near spellings.
      if (vocabulary.has(word) || (asPrefix && !vocabulary.atPrefix(word).keys().next().done)) return own;
      const near = new Map([...nearSpellings(vocabulary, word)].map(([t, { typos }]) => [t, typoWeight(word, typos)]));
      return near.size > 0 ? { combineWith: 'OR', queries: [own, { queries: [...near.keys()], boostTerm: (t) => near.get(t) ?? 1 }] } : own;
    });
    return this.mini
      .search({ combineWith: 'AND', queries }, { filter: (r) => wanted(this.entries[r.id as number]!) })
      .map((r): [number, number] => [r.id as number, r.score])
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  }
}

function collectPeople(newestFirst: readonly Episode[]): Map<string, PersonEntry> {
  const people = new Map<string, PersonEntry>();
  const note = (name: string, role: PersonEntry['role'], episodeId: string) => {
    const key = foldTerm(name).replace(/[^\p{L}\p{N}]+/gu, '-');
    const entry = people.get(key) ?? { name, role, episodeIds: [] };
    if (role === 'guest') entry.role = 'guest';
    if (!entry.episodeIds.includes(episodeId)) entry.episodeIds.push(episodeId);
    people.set(key, entry);
  };
  for (const ep of newestFirst) {
    for (const g of ep.guests) note(g.name, 'guest', ep.id);
    for (const h of ep.hosts) note(h.name, 'host', ep.id);
  }
  return people;
}
