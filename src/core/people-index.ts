import type { Episode } from './catalog-schema.ts';
import { fastTokenize } from './fast-text.ts';
import { FieldIndex, type FieldIndexData } from './field-index.ts';
import { TermDictionary } from './term-dictionary.ts';
import { foldTerm } from './text.ts';

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

/** The arrays of a {@link NameIndex}, for snapshots. */
export interface NameIndexData {
  terms: readonly string[];
  field: FieldIndexData;
}

interface Doc {
  label: string;
  kind: 'episode' | 'guest';
  /** Episode id, or the person's key. */
  key: string;
}

const typos = (t: string) => (t.length < 4 ? 0 : t.length < 8 ? 1 : 2);

/**
 * Names to complete and to look people up by: episode titles and guest names,
 * matched by prefix and with typos, every typed word required, scored as
 * MiniSearch scored them (BM25+ on the name), ties to the newer episode, then
 * guests in order of appearance. Built once; rebuilt when episodes change.
 */
export class NameIndex {
  private dict = new TermDictionary();
  private field = new FieldIndex();
  private docs: Doc[] = [];
  private people = new Map<string, PersonEntry>();
  private acc = new Float64Array(0);
  private total = new Float64Array(0);
  private matched = new Int32Array(0);
  private touched = new Int32Array(0);

  /** Rebuilds from episodes listed newest first. */
  build(newestFirst: readonly Episode[]): void {
    this.collect(newestFirst);
    this.dict = new TermDictionary();
    this.field = new FieldIndex();
    this.docs.forEach((d, doc) => {
      const counts = new Map<number, number>();
      const tokens = fastTokenize(d.label).filter(Boolean);
      for (const t of tokens) {
        const id = this.dict.intern(t);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      this.field.add(doc, [...counts.keys()], [...counts.values()], new Set(tokens).size);
    });
    this.field.compact(this.dict.size);
    this.dict.prepare();
    this.allocate();
  }

  /** The index's words and postings, for a snapshot. */
  data(): NameIndexData {
    return { terms: this.dict.allTerms(), field: this.field.data() };
  }

  /** Restores from a snapshot made over these same episodes (newest first). */
  restore(data: NameIndexData, newestFirst: readonly Episode[]): void {
    this.collect(newestFirst);
    if (data.field.lengths.length !== this.docs.length) throw new Error('name index snapshot: the episodes differ from the catalog');
    this.dict = new TermDictionary();
    this.dict.load(data.terms);
    this.field = FieldIndex.fromData(data.field);
    this.allocate();
  }

  private collect(newestFirst: readonly Episode[]): void {
    this.people = collectPeople(newestFirst);
    this.docs = [
      ...newestFirst.map((e): Doc => ({ label: e.title, kind: 'episode', key: e.id })),
      ...[...this.people.entries()].filter(([, p]) => p.role === 'guest').map(([key, p]): Doc => ({ label: p.name, kind: 'guest', key })),
    ];
  }

  private allocate(): void {
    const n = this.docs.length;
    [this.acc, this.total] = [new Float64Array(n), new Float64Array(n)];
    [this.matched, this.touched] = [new Int32Array(n), new Int32Array(n)];
  }

  /** Completions for what a person has typed so far, best first. */
  suggest(typed: string, kinds: ReadonlyArray<Suggestion['kind']>, limit: number): Suggestion[] {
    const q = typed.trim();
    if (q.length === 0) return [];
    return this.query(q, () => true, (d) => kinds.includes(d.kind), limit).map(([doc]) => {
      const d = this.docs[doc]!;
      return { label: d.label, value: d.kind === 'episode' ? d.key : d.label, kind: d.kind };
    });
  }

  /** People whose name matches, best first; those scoring near the best are all returned. */
  findPeople(name: string): PersonEntry[] {
    const hits = this.query(name, (t) => t.length >= 2, (d) => d.kind === 'guest', Infinity);
    const top = hits[0]?.[1] ?? 0;
    return hits
      .filter(([, score]) => score >= top * 0.6)
      .map(([doc]) => this.people.get(this.docs[doc]!.key))
      .filter((p): p is PersonEntry => p !== undefined);
  }

  /** Documents matching every word of `text` (and `wanted`), best `limit` first, with their scores. */
  private query(text: string, prefix: (t: string) => boolean, wanted: (d: Doc) => boolean, limit: number): Array<[number, number]> {
    const terms = fastTokenize(text).filter(Boolean);
    if (terms.length === 0 || this.docs.length === 0) return [];
    const { acc, total, matched, touched } = this;
    let candidates: number[] = [];
    terms.forEach((term, i) => {
      let n = 0;
      for (const d of this.dict.expand(term, prefix(term), typos(term))) n = this.field.addScores(d.id, d.weight, acc, touched, n);
      const next: number[] = [];
      for (let k = 0; k < n; k++) {
        const doc = touched[k]!;
        if (matched[doc] === i) {
          total[doc] = (i === 0 ? 0 : total[doc]!) + acc[doc]!;
          matched[doc] = i + 1;
          next.push(doc);
        }
        acc[doc] = 0;
      }
      for (const doc of candidates) if (matched[doc] === i) matched[doc] = 0;
      candidates = next;
    });
    const quality = new Set(terms).size;
    const hits: Array<[number, number]> = [];
    const worse = (a: [number, number], b: [number, number]) => b[1] - a[1] || a[0] - b[0];
    for (const doc of candidates) {
      matched[doc] = 0;
      if (!wanted(this.docs[doc]!)) continue;
      const hit: [number, number] = [doc, total[doc]! * quality];
      if (limit === Infinity) {
        hits.push(hit);
        continue;
      }
      if (hits.length >= limit && worse(hit, hits[hits.length - 1]!) >= 0) continue;
      let at = hits.length;
      while (at > 0 && worse(hit, hits[at - 1]!) < 0) at--;
      hits.splice(at, 0, hit);
      if (hits.length > limit) hits.pop();
    }
    return limit === Infinity ? hits.sort(worse) : hits;
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
