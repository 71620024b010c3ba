import type { Episode } from './catalog-schema.ts';
import { fastTokenizeWithOffsets, scanSpans, spanEnd, spanIsPlain, spanStart, spanTerm } from './fast-text.ts';
import { detached, TermTable } from './term-table.ts';
import { indexTerm } from './text.ts';

/** An episode's words as numbers with their weighted counts, or its TF-IDF vector: ascending word numbers. */
export interface SparseVector {
  ids: Int32Array;
  values: Float64Array;
}

/** A text of an episode and how much its words count. */
export interface WeightedText {
  text: string;
  weight: number;
}

/** The arrays of {@link TermVectors}, for snapshots. */
export interface TermVectorsData {
  terms: readonly string[];
  df: Int32Array;
  /** Surface forms that differ from the word itself, as [word number, form] pairs. */
  surfaces: ReadonlyArray<[number, string]>;
}

/**
 * Words of the recommender as numbers, how many episodes have each
 * (document frequency), and how each is usually written. Counting an
 * episode is one pass of the fast tokenizer over its texts.
 */
export class TermVectors {
  private readonly table = new TermTable();
  readonly terms = this.table.terms;
  private df = new Int32Array(1024);
  /** Times each word was written exactly as its folded form ("failover"). */
  private plain = new Int32Array(1024);
  /** Other ways each word was written ("FinOps", "Kubernetes") and how often. */
  private forms = new Map<number, Map<string, number>>();
  /** Per word: 0 not yet judged, 1 counted, 2 never counted (stop word, one letter, or `skip`). */
  private verdict = new Uint8Array(1024);
  private scratch = new Float64Array(1024);
  private nameStamp = new Int32Array(1024);
  private stamp = 0;
  private touched: number[] = [];

  /** `skip`: words never counted (besides stop words and one-letter words). */
  constructor(private readonly skip: (term: string) => boolean = () => false) {}

  /** The number of a word, numbering it if new. */
  intern(term: string): number {
    return this.grown(this.table.intern(term));
  }

  /** The number of a word, if known. */
  idOf(term: string): number | undefined {
    return this.table.id(term);
  }

  /** Episodes having word `id`. */
  documentFrequency(id: number): number {
    return this.df[id] ?? 0;
  }

  /**
   * Counts an episode's words (weighted by the text they are in), skipping
   * stop words, one-letter words, `skip`ped words and the words of `names`,
   * and adds (sign 1) or takes back (sign -1) the episode's part of the
   * document frequencies and surface forms.
   */
  count(texts: readonly WeightedText[], names: readonly string[], sign: 1 | -1): SparseVector {
    const stamp = ++this.stamp;
    for (const name of names) for (const t of fastTokenizeWithOffsets(name)) this.nameStamp[this.intern(t.term)] = stamp;
    const { touched } = this;
    for (const { text, weight } of texts) {
      const n = scanSpans(text);
      for (let k = 0; k < n; k++) {
        const plain = spanIsPlain(k);
        const id = plain ? this.grown(this.table.internAscii(text, spanStart(k), spanEnd(k))) : this.intern(spanTerm(text, k));
        const capital = plain && this.table.lastHadCapital;
        if (this.verdictOf(id) !== 1 || this.nameStamp[id] === stamp) continue;
        if (this.scratch[id] === 0) touched.push(id);
        this.scratch[id]! += weight;
        if (plain && !capital) this.plain[id]! += sign;
        else this.noteForm(id, text.slice(spanStart(k), spanEnd(k)), sign);
      }
    }
    const scratch = this.scratch;
    touched.sort((a, b) => a - b);
    const ids = Int32Array.from(touched);
    const values = new Float64Array(ids.length);
    ids.forEach((id, i) => {
      values[i] = scratch[id]!;
      scratch[id] = 0;
      this.df[id]! += sign;
    });
    touched.length = 0;
    return { ids, values };
  }

  /** How a word is usually written: its commonest form, the later in code order on a tie. */
  surface(id: number): string {
    const term = this.terms[id]!;
    let best = term;
    let bestCount = this.plain[id] ?? 0;
    for (const [form, n] of this.forms.get(id) ?? []) {
      if (n > bestCount || (n === bestCount && form > best)) [best, bestCount] = [form, n];
    }
    return best;
  }

  /** The arrays, for a snapshot. */
  data(): TermVectorsData {
    const surfaces: Array<[number, string]> = [];
    this.terms.forEach((t, id) => {
      const s = this.surface(id);
      if (s !== t) surfaces.push([id, s]);
    });
    return { terms: this.terms, df: this.df.subarray(0, this.terms.length), surfaces };
  }

  /** Restores words and frequencies from a snapshot (surface counts become the forms alone). */
  static fromData(data: TermVectorsData, skip?: (term: string) => boolean): TermVectors {
    const v = new TermVectors(skip);
    v.table.load(data.terms);
    if (data.terms.length > 0) v.grown(data.terms.length - 1);
    v.df.set(data.df);
    for (const [id, form] of data.surfaces) v.forms.set(id, new Map([[form, 1]]));
    return v;
  }

  private verdictOf(id: number): number {
    let v = this.verdict[id]!;
    if (v === 0) {
      const t = this.terms[id]!;
      v = indexTerm(t) === null || t.length < 2 || this.skip(t) ? 2 : 1;
      this.verdict[id] = v;
    }
    return v;
  }

  /** Makes room in the per-word arrays for word `id`. */
  private grown(id: number): number {
    if (id < this.df.length) return id;
    const n = Math.max(this.df.length * 2, id + 1);
    const copy = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (k: number) => T) => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.df = copy(this.df, (k) => new Int32Array(k));
    this.plain = copy(this.plain, (k) => new Int32Array(k));
    this.nameStamp = copy(this.nameStamp, (k) => new Int32Array(k));
    this.verdict = copy(this.verdict, (k) => new Uint8Array(k));
    this.scratch = copy(this.scratch, (k) => new Float64Array(k));
    return id;
  }

  private noteForm(id: number, written: string, sign: 1 | -1): void {
    const key = written.replace(/['’]/g, '');
    if (key === this.terms[id]) {
      this.plain[id]! += sign;
      return;
    }
    let forms = this.forms.get(id);
    if (!forms) this.forms.set(id, (forms = new Map()));
    const had = forms.get(key);
    forms.set(had === undefined ? detached(key) : key, (had ?? 0) + sign);
  }
}
