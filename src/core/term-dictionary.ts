/**
 * The words of an index, each with a number, found by exact match, by prefix
 * (binary search in sorted order) and with typos (Levenshtein distance, as
 * MiniSearch's `fuzzyGet`, but checking only words of a close length whose
 * letters could be that close: a few hundred, not the whole vocabulary).
 */

/** Receives a matching word's number, and for typo matches its edit distance. */
export type TermSink = (id: number, distance: number) => void;

interface LengthBucket {
  ids: Int32Array;
  masks: Int32Array;
}

/** Bit of a UTF-16 code unit in a word's letter mask: a–z own bits; digits and others share a few. */
function bit(c: number): number {
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  if (c >= 48 && c <= 57) return 1 << 26;
  return 1 << (27 + (c % 5));
}

function maskOf(term: string): number {
  let m = 0;
  for (let i = 0; i < term.length; i++) m |= bit(term.charCodeAt(i));
  return m;
}

/** Whether x has at most `max` bits set (max 0, 1 or 2 without counting). */
function withinBits(x: number, max: number): boolean {
  if (max >= 3) {
    let n = 0;
    for (let y = x; y !== 0; y &= y - 1) if (++n > max) return false;
    return true;
  }
  const one = x & (x - 1);
  return max === 0 ? x === 0 : max === 1 ? one === 0 : (one & (one - 1)) === 0;
}

/** Bit masks of the query word's positions per character (Myers' Peq), ASCII in an array, others in a map. */
const PEQ_ASCII = new Int32Array(128);
const PEQ_OTHER = new Map<number, number>();

function setPattern(p: string): void {
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 128) PEQ_ASCII[c]! |= 1 << i;
    else PEQ_OTHER.set(c, (PEQ_OTHER.get(c) ?? 0) | (1 << i));
  }
}

function clearPattern(p: string): void {
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 128) PEQ_ASCII[c] = 0;
  }
  PEQ_OTHER.clear();
}

/**
 * Levenshtein distance between the pattern set by {@link setPattern}
 * (length m, at most 31) and `text`, by Myers' bit-parallel algorithm in
 * Hyyrö's form for whole strings; max + 1 as soon as it must exceed `max`.
 */
function myers(m: number, text: string, max: number): number {
  const high = 1 << (m - 1);
  let vp = -1;
  let vn = 0;
  let score = m;
  const n = text.length;
  for (let j = 0; j < n; j++) {
    const c = text.charCodeAt(j);
    const eq = c < 128 ? PEQ_ASCII[c]! : (PEQ_OTHER.get(c) ?? 0);
    const xv = eq | vn;
    const xh = (((eq & vp) + vp) ^ vp) | eq;
    let hp = vn | ~(xh | vp);
    const hn = vp & xh;
    if (hp & high) score++;
    else if (hn & high) score--;
    if (score - (n - j - 1) > max) return max + 1;
    hp = (hp << 1) | 1;
    vp = (hn << 1) | ~(xv | hp);
    vn = hp & xv;
  }
  return score;
}

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance of a and b when at most `max`, else max + 1 (stops early). */
export function boundedLevenshtein(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (m + 1 > rowA.length) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[m]!;
}

/** Numbered words with exact, prefix and typo-tolerant lookup. Numbers never change once given. */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private sorted: Int32Array | null = null;
  private buckets: Array<LengthBucket | undefined> | null = null;

  /** Number of words. */
  get size(): number {
    return this.terms.length;
  }

  /** The word's number, if the word is known. */
  id(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** The word's number, numbering it if it is new. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      this.sorted = null;
      this.buckets = null;
    }
    return id;
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

  /** Every word within `maxDistance` edits (Levenshtein) of `term`, itself included at distance 0. */
  withinDistance(term: string, maxDistance: number, sink: TermSink): void {
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
        if (maxDistance === 1) {
          if ((missing & (missing - 1)) !== 0 || (extra & (extra - 1)) !== 0) continue;
        } else if (!withinBits(missing, maxDistance) || !withinBits(extra, maxDistance)) continue;
        const candidate = this.terms[ids[i]!]!;
        const d = bitParallel ? myers(term.length, candidate, maxDistance) : boundedLevenshtein(term, candidate, maxDistance);
        if (d <= maxDistance) sink(ids[i]!, d);
      }
    }
    if (bitParallel) clearPattern(term);
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
