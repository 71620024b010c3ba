import MiniSearch, { type Query } from 'minisearch';
import type { Episode } from '../model/catalog-schema.ts';
import { nameWords, personKey, type Entry, type NameDoc, type Person } from './name-entries.ts';
import { termIndex } from './minisearch-internals.ts';
import { firstKept, hasEvery, walkedWords } from './common-names.ts';
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

/** Guests rank after every episode title on a tie. */
const GUEST_RANK = 2 ** 40;

/**
 * Names to complete and to look people up by: episode titles and guest
 * names in a small minisearch index of their own, every typed word
 * required, matched by prefix and with typos; ties go to the newer episode,
 * then to guests in order of appearance (by their newest episode). Updated
 * in place, episode by episode, as episodes come and go.
 */
export class NameIndex {
  private mini = this.fresh();
  /** Entries by id; removed ones leave a hole (minisearch never returns them). */
  private entries: Entry[] = [];
  private episodeEntry = new Map<string, number>();
  private guestEntry = new Map<string, number>();
  private people = new Map<string, Person>();
  /** Person keys of each episode, to undo when it is replaced or removed. */
  private peopleOf = new Map<string, string[]>();
  /** Entries by the first letter of their name's first word. */
  private byInitial = new Map<string, Set<number>>();
  /** {@link byInitial} in rank order, made on first use after a change. */
  private sortedInitial = new Map<string, number[]>();
  /** Entries by the first two letters of any word of their name, in rank order; made when first asked after a change. */
  private byTwoLetters: Map<string, number[]> | null = null;
  /** Each entry's name words, read when a common-word completion first needs them. */
  private wordsOf = new Map<number, string[]>();

  /** `recency` gives an episode's place in the library, newest first (0 for the newest). */
  constructor(private readonly options: SearchOptions, private readonly recency: (episodeId: string) => number) {}

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
    this.mini = this.fresh();
    this.entries = [];
    for (const map of [this.episodeEntry, this.guestEntry, this.people, this.peopleOf, this.byInitial, this.sortedInitial, this.wordsOf]) map.clear();
    this.update(newestFirst, []);
  }

  /**
   * Adds or replaces these episodes (the library's order, see `recency`,
   * already includes them) and removes those of `removed`: work in
   * proportion to the episodes changed, not to the library.
   */
  update(changed: readonly Episode[], removed: readonly string[]): void {
    const touched = new Set<string>();
    for (const id of [...removed, ...changed.map((e) => e.id)]) this.dropEpisode(id, touched);
    for (const ep of changed) this.addEpisode(ep, touched);
    for (const key of touched) this.refreshPerson(key);
    this.sortedInitial.clear();
    this.byTwoLetters = null;
  }

  private addEntry(entry: Entry): number {
    const id = this.entries.length;
    this.entries.push(entry);
    this.mini.add({ id, label: entry.label });
    const initial = nameWords(entry.label)[0]?.[0];
    if (initial !== undefined) {
      const set = this.byInitial.get(initial) ?? new Set<number>();
      set.add(id);
      this.byInitial.set(initial, set);
    }
    return id;
  }

  private dropEntry(id: number): void {
    const entry = this.entries[id];
    if (!entry) return;
    this.mini.discard(id);
    this.wordsOf.delete(id);
    this.byInitial.get(nameWords(entry.label)[0]?.[0] ?? '')?.delete(id);
    delete this.entries[id];
  }

  private dropEpisode(episodeId: string, touched: Set<string>): void {
    const entry = this.episodeEntry.get(episodeId);
    if (entry === undefined) return;
    this.dropEntry(entry);
    this.episodeEntry.delete(episodeId);
    for (const key of this.peopleOf.get(episodeId) ?? []) {
      const p = this.people.get(key)!;
      p.names.delete(episodeId);
      p.guestOf.delete(episodeId);
      if (p.newest?.episodeId === episodeId) p.newest = null;
      touched.add(key);
    }
    this.peopleOf.delete(episodeId);
  }

  private addEpisode(ep: Episode, touched: Set<string>): void {
    this.episodeEntry.set(ep.id, this.addEntry({ label: ep.title, kind: 'episode', key: ep.id }));
    const keys: string[] = [];
    const note = (name: string, guest: boolean) => {
      const key = personKey(name);
      const p = this.people.get(key) ?? { names: new Map(), guestOf: new Set(), newest: null };
      if (!p.names.has(ep.id)) p.names.set(ep.id, name);
      if (guest) p.guestOf.add(ep.id);
      if (!keys.includes(key)) keys.push(key);
      const place = keys.indexOf(key);
      if (p.newest === null || (p.newest.episodeId !== ep.id && this.recency(ep.id) < this.recency(p.newest.episodeId))) p.newest = { episodeId: ep.id, place };
      this.people.set(key, p);
      touched.add(key);
    };
    for (const g of ep.guests) note(g.name, true);
    for (const h of ep.hosts) note(h.name, false);
    this.peopleOf.set(ep.id, keys);
  }

  /** After changes: forgets a person on no episode, finds their newest episode again, and keeps their guest entry (and its name) current. */
  private refreshPerson(key: string): void {
    const p = this.people.get(key)!;
    if (p.names.size === 0) this.people.delete(key);
    else if (p.newest === null) {
      const newest = this.byRecency([...p.names.keys()])[0]!;
      p.newest = { episodeId: newest, place: this.peopleOf.get(newest)!.indexOf(key) };
    }
    const had = this.guestEntry.get(key);
    const label = p.guestOf.size > 0 ? p.names.get(p.newest!.episodeId)! : null;
    if (had !== undefined && this.entries[had]!.label === label) return;
    if (had !== undefined) this.dropEntry(had);
    this.guestEntry.delete(key);
    if (label !== null) this.guestEntry.set(key, this.addEntry({ label, kind: 'guest', key }));
  }

  private byRecency(episodeIds: readonly string[]): string[] {
    return episodeIds.map((id): [string, number] => [id, this.recency(id)]).sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }

  /** Where an entry stands on a tie: episodes newest first, then guests by their newest episode. */
  private rank(id: number): number {
    const e = this.entries[id]!;
    if (e.kind === 'episode') return this.recency(e.key);
    const newest = this.people.get(e.key)!.newest!;
    return GUEST_RANK + this.recency(newest.episodeId) * 1024 + newest.place;
  }

  /** The entries whose name starts with this letter, in rank order. */
  private initialList(letter: string): number[] {
    let list = this.sortedInitial.get(letter);
    if (!list) {
      list = [...(this.byInitial.get(letter) ?? [])].map((id): [number, number] => [id, this.rank(id)]).sort((a, b) => a[1] - b[1]).map(([id]) => id);
      this.sortedInitial.set(letter, list);
    }
    return list;
  }

  /** A guest as {@link findPeople} gives them: the name of their newest episode, their episodes newest first. */
  private personEntry(key: string): PersonEntry | undefined {
    const p = this.people.get(key);
    if (!p?.newest) return undefined;
    return { name: p.names.get(p.newest.episodeId)!, role: p.guestOf.size > 0 ? 'guest' : 'host', episodeIds: this.byRecency([...p.names.keys()]) };
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
    // One or two letters: the ranked list; a very common word: the ranked lists walked (see common-names.ts); else minisearch.
    let ids = words.length === 1 && short !== null ? firstKept(this.listed(short), wanted, limit) : this.walkCommon(words, short !== null, wanted, limit);
    if (ids === null && short !== null) {
      const rest = words.slice(0, -1).join(' ');
      ids = this.query(rest, () => false, (e) => kinds.includes(e.kind))
        .map(([id]) => id)
        .filter((id) => nameWords(this.entries[id]!.label).some((w) => w.startsWith(short)))
        .slice(0, limit);
    } else ids ??= this.query(typed, (w, last) => last || w.length >= this.options.prefixMinLength, (e) => kinds.includes(e.kind)).slice(0, limit).map(([id]) => id);
    return ids.map((id) => {
      const e = this.entries[id]!;
      return { label: e.label, value: e.kind === 'episode' ? e.key : e.label, kind: e.kind };
    });
  }

  /** Completions when a typed word is in very many names (see {@link walkedWords}); null when none is that common. */
  private walkCommon(words: readonly string[], shortLast: boolean, wanted: (id: number) => boolean, limit: number): number[] | null {
    const typed = walkedWords(termIndex(this.mini), words, shortLast, this.options.prefixMinLength);
    if (typed === null) return null;
    const lists = typed.filter((t) => t.word.length >= 2).map((t) => this.listed(t.word.slice(0, 2)));
    const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a));
    return firstKept(shortest, (id) => wanted(id) && hasEvery(this.labelWords(id), typed), limit);
  }

  private labelWords(id: number): string[] {
    let words = this.wordsOf.get(id);
    if (!words) this.wordsOf.set(id, (words = nameWords(this.entries[id]!.label)));
    return words;
  }

  /** Entries for a typed letter (names starting with it) or two (names with a word starting with them), in rank order. */
  private listed(start: string): number[] {
    if (start.length === 1) return this.initialList(start);
    if (!this.byTwoLetters) {
      const map = new Map<string, number[]>();
      this.entries.forEach((entry, id) => {
        for (const two of new Set(nameWords(entry.label).filter((w) => w.length >= 2).map((w) => w.slice(0, 2)))) {
          const list = map.get(two);
          if (list) list.push(id);
          else map.set(two, [id]);
        }
      });
      for (const [two, list] of map) map.set(two, list.map((id): [number, number] => [id, this.rank(id)]).sort((a, b) => a[1] - b[1]).map(([id]) => id));
      this.byTwoLetters = map;
    }
    return this.byTwoLetters.get(start) ?? [];
  }

  /** Every guest's name, in order of their newest episode. */
  guestNames(): string[] {
    return [...this.guestEntry.values()].sort((a, b) => this.rank(a) - this.rank(b)).map((id) => this.entries[id]!.label);
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
      const hits = this.mini.search({ combineWith: 'OR', queries: [...typos.keys()] }, { prefix: false, fuzzy: false, filter: (r) => this.entries[r.id as number]?.kind === 'guest' });
      for (const r of hits) {
        const fewest = Math.min(...r.queryTerms.map((t) => typos.get(t) ?? Number.POSITIVE_INFINITY));
        scores.set(r.id as number, (scores.get(r.id as number) ?? 0) + 1 / (1 + fewest));
      }
    }
    return [...scores].sort((a, b) => b[1] - a[1] || this.rank(a[0]) - this.rank(b[0])).slice(0, limit).map(([id]) => this.entries[id]!.label);
  }

  /** People whose name matches, best first; those scoring near the best are all returned. */
  findPeople(name: string): PersonEntry[] {
    const hits = this.query(name, (w) => w.length >= 2, (e) => e.kind === 'guest');
    const top = hits[0]?.[1] ?? 0;
    return hits
      .filter(([, score]) => score >= top * 0.6)
      .map(([id]) => this.personEntry(this.entries[id]!.key))
      .filter((p): p is PersonEntry => p !== undefined);
  }

  /** Entries matching every word of `text` (and `wanted`), best first, with their scores. */
  private query(text: string, prefix: (word: string, last: boolean) => boolean, wanted: (e: Entry) => boolean): Array<[number, number]> {
    const words = [...new Set(nameWords(text.slice(0, 200)))].slice(0, 8);
    if (words.length === 0 || this.entries.length === 0) return [];
    const vocabulary = termIndex(this.mini);
    const queries: Query[] = words.map((word, i) => {
      // A word followed by another was typed in full (no prefix). A word some name has, or (typed as a prefix) starts, is what was meant: no near spellings.
      const asPrefix = prefix(word, i === words.length - 1);
      const own: Query = { queries: [word], prefix: asPrefix };
      if (vocabulary.has(word) || (asPrefix && !vocabulary.atPrefix(word).keys().next().done)) return own;
      const near = new Map([...nearSpellings(vocabulary, word)].map(([t, { typos }]) => [t, typoWeight(word, typos)]));
      return near.size > 0 ? { combineWith: 'OR', queries: [own, { queries: [...near.keys()], boostTerm: (t) => near.get(t) ?? 1 }] } : own;
    });
    return this.mini
      .search({ combineWith: 'AND', queries }, { filter: (r) => wanted(this.entries[r.id as number]!) })
      .map((r): [number, number] => [r.id as number, r.score])
      .sort((a, b) => b[1] - a[1] || this.rank(a[0]) - this.rank(b[0]));
  }
}
