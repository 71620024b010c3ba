/**
 * The words of an index, each with a number, found by exact match, by prefix
 * (binary search in sorted order) and with typos (Levenshtein distance, as
 * MiniSearch's `fuzzyGet`, but checking only words of a close length whose
 * letters could be that close: a few hundred, not the whole vocabulary).
 */
import { spanEnd, spanIsPlain, spanStart, spanTerm } from './fast-text.ts';
import { boundedLevenshtein, clearPattern, hashSkipping, maskOf, myers, OneEditIndex, setPattern, withinBits } from './edit-distance.ts';
import { TermTable } from './term-table.ts';

export { boundedLevenshtein } from './edit-distance.ts';


/** A word of the index standing for a query word (itself, a longer word it starts, or a near spelling) and its weight. */
export interface DerivedTerm {
  id: number;
  weight: number;
  /** How it was found: the word itself, as a longer word it starts, or with typos. */
  how: 'exact' | 'prefix' | 'typo';
}

/** Receives a matching word's number, and for typo matches its edit distance. */
export type TermSink = (id: number, distance: number) => void;

interface LengthBucket {
  ids: Int32Array;
  masks: Int32Array;
}

/** Numbered words with exact, prefix and typo-tolerant lookup. Numbers never change once given. */
export class TermDictionary {
  private readonly table = new TermTable();
  private readonly terms = this.table.terms;
  private sorted: Int32Array | null = null;
  private buckets: Array<LengthBucket | undefined> | null = null;
  /** Each word and each word with one character deleted → the words they come from (typo lookup at one edit). */
  private oneEdit: OneEditIndex | null = null;
  /** The highest word number seen by {@link noted}. */
  private known = -1;

  /** Number of words. */
  get size(): number {
    return this.terms.length;
  }

  /** The word's number, if the word is known. */
  id(term: string): number | undefined {
    return this.table.id(term);
  }

  /** The word's number, numbering it if it is new. */
  intern(term: string): number {
    return this.noted(this.table.intern(term));
  }

  /** The number of word k of the last scan of `text` (fast-text.ts), folded, numbering it if new. */
  internSpan(text: string, k: number): number {
    if (!spanIsPlain(k)) return this.intern(spanTerm(text, k));
    return this.noted(this.table.internAscii(text, spanStart(k), spanEnd(k)));
  }

  /** Invalidates the lookup structures when `id` is a new word. */
  private noted(id: number): number {
    if (id === this.terms.length - 1 && id !== this.known) {
      this.known = id;
      this.sorted = null;
      this.buckets = null;
      this.oneEdit?.add(this.terms[id]!, id);
    }
    return id;
  }

  /** Fills an empty dictionary with words numbered in order (from a snapshot); lookups are built at first use. */
  load(words: readonly string[]): void {
    this.table.load(words);
    this.known = words.length - 1;
  }

  /** Builds the lookup structures now rather than at the first query. */
  prepare(): void {
    this.sortedIds();
    this.lengthBuckets();
    this.oneEditIndex();
  }

  /** The word with this number. */
  term(id: number): string {
    return this.terms[id]!;
  }

  /** Every word, in number order (for snapshots). */
  allTerms(): readonly string[] {
    return this.terms;
  }

  /** Every word starting with `prefix` (the prefix itself included when it is a word). */
  withPrefix(prefix: string, sink: TermSink): void {
    const sorted = this.sortedIds();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length; i++) {
      const id = sorted[i]!;
      if (!this.terms[id]!.startsWith(prefix)) break;
      sink(id, this.terms[id]!.length - prefix.length);
    }
  }

  /**
   * The words standing for a query word, weighted as MiniSearch weights
   * them: the word itself 1; longer words it starts (when `prefix`)
   * 0.375·n/(n + 0.3·extra letters); words within `edits` typos
   * 0.45·n/(n + distance), a word found both ways counting as a prefix.
   */
  expand(term: string, prefix: boolean, edits: number): DerivedTerm[] {
    const derived: DerivedTerm[] = [];
    const exact = this.id(term);
    if (exact !== undefined) derived.push({ id: exact, weight: 1, how: 'exact' });
    const byPrefix = new Set<number>();
    if (prefix) {
      this.withPrefix(term, (id, extra) => {
        if (extra === 0) return;
        byPrefix.add(id);
        const n = term.length + extra;
        derived.push({ id, weight: (0.375 * n) / (n + 0.3 * extra), how: 'prefix' });
      });
    }
    if (edits > 0) {
      this.withinDistance(term, edits, (id, distance) => {
        if (distance === 0 || byPrefix.has(id)) return;
        const n = this.term(id).length;
        derived.push({ id, weight: (0.45 * n) / (n + distance), how: 'typo' });
      });
    }
    return derived;
  }

  /** Every word within `maxDistance` edits (Levenshtein) of `term`, itself included at distance 0. */
  withinDistance(term: string, maxDistance: number, sink: TermSink): void {
    if (maxDistance === 1) return this.withinOneEdit(term, sink);
    const buckets = this.lengthBuckets();
    const mask = maskOf(term);
    const from = Math.max(0, term.length - maxDistance);
    const to = Math.min(buckets.length - 1, term.length + maxDistance);
    const bitParallel = term.length > 0 && term.length <= 31;
    if (bitParallel) setPattern(term);
    for (let len = from; len <= to; len++) {
      const bucket = buckets[len];
      if (!bucket) continue;
      const { ids, masks } = bucket;
      for (let i = 0; i < ids.length; i++) {
        const m = masks[i]!;
        const missing = mask & ~m;
        const extra = m & ~mask;
        if (maxDistance === 2) {
          const m1 = missing & (missing - 1);
          const e1 = extra & (extra - 1);
          if ((m1 & (m1 - 1)) !== 0 || (e1 & (e1 - 1)) !== 0) continue;
        } else if (!withinBits(missing, maxDistance) || !withinBits(extra, maxDistance)) continue;
        const candidate = this.terms[ids[i]!]!;
        const d = bitParallel ? myers(term.length, candidate, maxDistance) : boundedLevenshtein(term, candidate, maxDistance);
        if (d <= maxDistance) sink(ids[i]!, d);
      }
    }
    if (bitParallel) clearPattern(term);
  }

  /** {@link withinDistance} at one edit: words sharing the word or one of its one-deletion forms, checked. */
  private withinOneEdit(term: string, sink: TermSink): void {
    const index = this.oneEditIndex();
    const seen = new Set<number>();
    const check = (id: number) => {
      if (seen.has(id)) return;
      seen.add(id);
      const d = boundedLevenshtein(term, this.terms[id]!, 1);
      if (d <= 1) sink(id, d);
    };
    index.find(hashSkipping(term, -1), check);
    for (let i = 0; i < term.length; i++) {
      if (i > 0 && term.charCodeAt(i) === term.charCodeAt(i - 1)) continue;
      index.find(hashSkipping(term, i), check);
    }
  }

  private oneEditIndex(): OneEditIndex {
    if (!this.oneEdit) {
      const index = new OneEditIndex();
      this.terms.forEach((t, id) => index.add(t, id));
      this.oneEdit = index;
    }
    return this.oneEdit;
  }

  private sortedIds(): Int32Array {
    if (!this.sorted) {
      const order = Int32Array.from(this.terms.keys());
      const terms = this.terms;
      order.sort((a, b) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
      this.sorted = order;
    }
    return this.sorted;
  }

  private lengthBuckets(): Array<LengthBucket | undefined> {
    if (!this.buckets) {
      const byLength: number[][] = [];
      this.terms.forEach((t, id) => (byLength[t.length] ??= []).push(id));
      this.buckets = Array.from(byLength, (ids) =>
        ids ? { ids: Int32Array.from(ids), masks: Int32Array.from(ids, (id) => maskOf(this.terms[id]!)) } : undefined,
      );
    }
    return this.buckets;
  }
}
