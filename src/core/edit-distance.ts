/**
 * Edit distance for typo-tolerant lookup: a bounded Levenshtein distance,
 * Myers' bit-parallel algorithm for words up to 31 characters, letter masks
 * that rule out most words cheaply, and a one-deletion index (SymSpell's
 * idea) that finds the words one edit away without looking at the others.
 */

/** Bit of a UTF-16 code unit in a word's letter mask: a–z own bits; digits and others share a few. */
function bit(c: number): number {
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  if (c >= 48 && c <= 57) return 1 << 26;
  return 1 << (27 + (c % 5));
}

/** A word's letter mask: words within d edits differ by at most d letters each way. */
export function maskOf(term: string): number {
  let m = 0;
  for (let i = 0; i < term.length; i++) m |= bit(term.charCodeAt(i));
  return m;
}

/** Whether x has at most `max` bits set (max 0, 1 or 2 without counting). */
export function withinBits(x: number, max: number): boolean {
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

/** Sets the query word for {@link myers}. */
export function setPattern(p: string): void {
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 128) PEQ_ASCII[c]! |= 1 << i;
    else PEQ_OTHER.set(c, (PEQ_OTHER.get(c) ?? 0) | (1 << i));
  }
}

/** Clears what {@link setPattern} set. */
export function clearPattern(p: string): void {
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
export function myers(m: number, text: string, max: number): number {
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

/** FNV-1a of `s` without its character at `skip` (-1: the whole word). */
export function hashSkipping(s: string, skip: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) if (i !== skip) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * Words filed under the hash of themselves and of each form with one
 * character deleted (SymSpell's idea at one edit): two words at most one edit
 * apart share a key. Keys are hashes only; candidates are checked anyway.
 */
export class OneEditIndex {
  private heads = new Int32Array(1 << 16).fill(-1);
  private keys = new Int32Array(1 << 16);
  private ids = new Int32Array(1 << 16);
  private next = new Int32Array(1 << 16);
  private entries = 0;

  /** Files a word under itself and its one-deletion forms. */
  add(term: string, id: number): void {
    this.file(hashSkipping(term, -1), id);
    for (let i = 0; i < term.length; i++) {
      if (i > 0 && term.charCodeAt(i) === term.charCodeAt(i - 1)) continue;
      this.file(hashSkipping(term, i), id);
    }
  }

  /** Every word filed under `key` (and perhaps a few others). */
  find(key: number, sink: (id: number) => void): void {
    for (let e = this.heads[key & (this.heads.length - 1)]!; e >= 0; e = this.next[e]!) if (this.keys[e] === key) sink(this.ids[e]!);
  }

  private file(key: number, id: number): void {
    if (this.entries === this.keys.length) this.grow();
    const e = this.entries++;
    const bucket = key & (this.heads.length - 1);
    this.keys[e] = key;
    this.ids[e] = id;
    this.next[e] = this.heads[bucket]!;
    this.heads[bucket] = e;
  }

  private grow(): void {
    const n = this.keys.length * 2;
    const copy = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    [this.keys, this.ids, this.next] = [copy(this.keys), copy(this.ids), copy(this.next)];
    this.heads = new Int32Array(n).fill(-1);
    for (let e = 0; e < this.entries; e++) {
      const bucket = this.keys[e]! & (n - 1);
      this.next[e] = this.heads[bucket]!;
      this.heads[bucket] = e;
    }
  }
}
