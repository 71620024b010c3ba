/**
 * One searchable field of many documents, in typed arrays: for each word,
 * the documents holding it and how often (postings), and each document's
 * length, scored with BM25+ exactly as MiniSearch 7 scores a field
 * (k 1.2, b 0.7, d 0.5; the length of a field is its number of distinct
 * words, stop words included). Four bytes a posting, where a MiniSearch
 * index spends tens in nested Maps.
 */

/** BM25+ parameters, MiniSearch's defaults. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** Largest document number: postings pack the document in 24 bits and the count in 8. */
export const MAX_DOCS = 1 << 24;

/** The arrays of a field index, for snapshots. */
export interface FieldIndexData {
  lengths: Uint32Array;
  alive: Uint8Array;
  offsets: Uint32Array;
  postings: Uint32Array;
}

/** Counts and lengths below these have their BM25 part in a table. */
const TABLE_TF = 16;
const TABLE_LENGTH = 512;

function grow<T extends Uint32Array | Uint8Array>(a: T, need: number, make: (n: number) => T): T {
  if (need <= a.length) return a;
  const b = make(Math.max(need, a.length * 2, 64));
  b.set(a);
  return b;
}

/**
 * Postings of one field. Documents are numbered by the caller (0, 1, 2...);
 * added documents become searchable at the next {@link compact}.
 */
export class FieldIndex {
  private lengths: Uint32Array = new Uint32Array(0);
  private alive: Uint8Array = new Uint8Array(0);
  private docs = 0;
  private liveDocs = 0;
  private totalLength = 0;
  private offsets: Uint32Array = new Uint32Array(1);
  private postings: Uint32Array = new Uint32Array(0);
  private pending: Uint32Array = new Uint32Array(0);
  private pendingLength = 0;
  private dirty = false;
  private table: Float64Array | null = null;
  private tableAverage = NaN;

  /** Number of live documents. */
  get documentCount(): number {
    return this.liveDocs;
  }

  /** Adds document `doc` (the next number) with its words' numbers, their counts and its length. */
  add(doc: number, termIds: ArrayLike<number>, counts: ArrayLike<number>, length: number): void {
    if (doc >= MAX_DOCS) throw new Error(`FieldIndex: more than ${MAX_DOCS} documents`);
    this.lengths = grow(this.lengths, doc + 1, (n) => new Uint32Array(n));
    this.alive = grow(this.alive, doc + 1, (n) => new Uint8Array(n));
    this.lengths[doc] = length;
    this.alive[doc] = 1;
    this.docs = Math.max(this.docs, doc + 1);
    this.liveDocs += 1;
    this.totalLength += length;
    this.pending = grow(this.pending, this.pendingLength + termIds.length * 2, (n) => new Uint32Array(n));
    for (let i = 0; i < termIds.length; i++) {
      this.pending[this.pendingLength++] = termIds[i]!;
      this.pending[this.pendingLength++] = ((doc << 8) | Math.min(255, counts[i]!)) >>> 0;
    }
    this.dirty = true;
  }

  /** Removes a document; its postings go at the next {@link compact}. */
  remove(doc: number): void {
    if (doc >= this.docs || !this.alive[doc]) return;
    this.alive[doc] = 0;
    this.liveDocs -= 1;
    this.totalLength -= this.lengths[doc]!;
    this.dirty = true;
  }

  /** Whether the document is live. */
  isAlive(doc: number): boolean {
    return this.alive[doc] === 1;
  }

  /** Merges added documents into the postings and drops removed ones; `terms` is the dictionary's size. */
  compact(terms: number): void {
    if (!this.dirty) {
      if (this.offsets.length < terms + 1) {
        const longer = new Uint32Array(terms + 1).fill(this.offsets[this.offsets.length - 1]!);
        longer.set(this.offsets);
        this.offsets = longer;
      }
      return;
    }
    const old = this.offsets;
    const oldTerms = old.length - 1;
    const counts = new Uint32Array(terms + 1);
    for (let t = 0; t < oldTerms; t++) {
      for (let i = old[t]!; i < old[t + 1]!; i++) if (this.alive[this.postings[i]! >>> 8]) counts[t]! += 1;
    }
    for (let i = 0; i < this.pendingLength; i += 2) if (this.alive[this.pending[i + 1]! >>> 8]) counts[this.pending[i]!]! += 1;
    const offsets = new Uint32Array(terms + 1);
    for (let t = 0; t < terms; t++) offsets[t + 1] = offsets[t]! + counts[t]!;
    const postings = new Uint32Array(offsets[terms]!);
    const cursor = offsets.slice(0, terms);
    for (let t = 0; t < oldTerms; t++) {
      for (let i = old[t]!; i < old[t + 1]!; i++) {
        const p = this.postings[i]!;
        if (this.alive[p >>> 8]) postings[cursor[t]!++] = p;
      }
    }
    for (let i = 0; i < this.pendingLength; i += 2) {
      const p = this.pending[i + 1]!;
      if (this.alive[p >>> 8]) postings[cursor[this.pending[i]!]!++] = p;
    }
    this.offsets = offsets;
    this.postings = postings;
    this.pending = new Uint32Array(0);
    this.pendingLength = 0;
    this.dirty = false;
  }

  /** Documents holding word `id`. */
  documentFrequency(id: number): number {
    return id + 1 < this.offsets.length ? this.offsets[id + 1]! - this.offsets[id]! : 0;
  }

  /**
   * Adds `weight` × BM25 of word `id` to `acc[doc]` for each document holding
   * it, appending documents first touched (acc was 0) to `touched` from
   * `count` on. Returns the new count.
   */
  addScores(id: number, weight: number, acc: Float64Array, touched: Int32Array, count: number): number {
    const df = this.documentFrequency(id);
    if (df === 0) return count;
    const wi = weight * this.idf(df);
    const table = this.tfTable();
    const { postings, lengths } = this;
    const end = this.offsets[id + 1]!;
    let n = count;
    for (let i = this.offsets[id]!; i < end; i++) {
      const p = postings[i]!;
      const doc = p >>> 8;
      const tf = p & 255;
      const length = lengths[doc]!;
      const score = wi * (tf < TABLE_TF && length < TABLE_LENGTH ? table[tf * TABLE_LENGTH + length]! : this.tfPart(tf, length));
      if (acc[doc] === 0) touched[n++] = doc;
      acc[doc]! += score;
    }
    return n;
  }

  /** The first posting of word `id` for a document from `from` on (or the end of its postings). */
  private firstFrom(id: number, from: number): number {
    let lo = this.offsets[id]!;
    let hi = this.offsets[id + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.postings[mid]! >>> 8 < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Adds `weight` × BM25 of word `id` to `acc[doc - from]` for each document
   * of [from, to) holding it; returns how many there were.
   */
  scoreRange(id: number, weight: number, from: number, to: number, acc: Float64Array): number {
    const df = this.documentFrequency(id);
    if (df === 0) return 0;
    const end = this.offsets[id + 1]!;
    let found = 0;
    for (let i = this.firstFrom(id, from); i < end; i++) {
      const doc = this.postings[i]! >>> 8;
      if (doc >= to) break;
      acc[doc - from]! += weight * this.bm25(this.postings[i]! & 255, df, doc);
      found++;
    }
    return found;
  }

  /** Whether document `doc` holds word `id`. */
  has(id: number, doc: number): boolean {
    if (this.documentFrequency(id) === 0) return false;
    const at = this.firstFrom(id, doc);
    return at < this.offsets[id + 1]! && this.postings[at]! >>> 8 === doc;
  }

  private idf(df: number): number {
    return Math.log(1 + (this.liveDocs - df + 0.5) / (df + 0.5));
  }

  private bm25(tf: number, df: number, doc: number): number {
    return this.idf(df) * this.tfPart(tf, this.lengths[doc]!);
  }

  /** The part of BM25+ that depends on the count and the document's length (MiniSearch's formula). */
  private tfPart(tf: number, length: number): number {
    const { k, b, d } = BM25;
    return d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / (this.totalLength / this.liveDocs)));
  }

  /** {@link tfPart} for small counts and lengths, computed once per average length. */
  private tfTable(): Float64Array {
    const avg = this.totalLength / this.liveDocs;
    if (this.table === null || this.tableAverage !== avg) {
      this.table = new Float64Array(TABLE_TF * TABLE_LENGTH);
      for (let tf = 1; tf < TABLE_TF; tf++) for (let len = 0; len < TABLE_LENGTH; len++) this.table[tf * TABLE_LENGTH + len] = this.tfPart(tf, len);
      this.tableAverage = avg;
    }
    return this.table;
  }

  /** The arrays, compacted, for a snapshot. */
  data(): FieldIndexData {
    return { lengths: this.lengths.subarray(0, this.docs), alive: this.alive.subarray(0, this.docs), offsets: this.offsets, postings: this.postings };
  }

  /** A field index from a snapshot's arrays. */
  static fromData(data: FieldIndexData): FieldIndex {
    const f = new FieldIndex();
    f.lengths = data.lengths;
    f.alive = data.alive;
    f.docs = data.lengths.length;
    f.offsets = data.offsets;
    f.postings = data.postings;
    for (let doc = 0; doc < f.docs; doc++) {
      if (!f.alive[doc]) continue;
      f.liveDocs += 1;
      f.totalLength += f.lengths[doc]!;
    }
    return f;
  }
}
