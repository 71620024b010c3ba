/**
 * Folded words ↔ numbers in an open-addressing hash table that can be
 * searched straight from the text a word is written in: indexing 30 million
 * words makes a string only for each new word, not for each occurrence.
 */

/** FNV-1a over UTF-16 code units. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * A copy of `s` that holds no reference to a longer string it was cut from
 * (V8 keeps the whole text of a slice alive): words outlive their texts.
 */
export function detached(s: string): string {
  return (s + ' ').slice(0, -1);
}

/** Words and their numbers (0, 1, 2... in order of first sight). */
export class TermTable {
  readonly terms: string[] = [];
  private hashes = new Int32Array(1 << 12);
  /** The words' characters end to end, and where each word starts in them: compared without touching the strings. */
  private chars = new Uint16Array(1 << 14);
  private charsUsed = 0;
  private starts: number[] = [];
  private slots = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  /** Whether the last {@link internAscii} met a capital letter. */
  lastHadCapital = false;
  /** Words loaded by {@link load}, not hashed until the first lookup. */
  private unhashed: readonly string[] | null = null;

  /** Fills an empty table with words numbered in order (from a snapshot); they are hashed at the first lookup. */
  load(words: readonly string[]): void {
    if (this.terms.length > 0) throw new Error('TermTable.load: the table is not empty');
    for (const w of words) this.terms.push(w);
    this.unhashed = words;
  }

  private hashAll(): void {
    const words = this.unhashed!;
    this.unhashed = null;
    this.terms.length = 0;
    for (const w of words) this.intern(w);
  }

  /** Number of words. */
  get size(): number {
    return this.terms.length;
  }

  /** The number of `term`, if known. */
  id(term: string): number | undefined {
    if (this.unhashed) this.hashAll();
    const h = hashString(term);
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.slots[i]!;
      if (v === 0) return undefined;
      if (this.hashes[v - 1] === (h | 0) && this.terms[v - 1] === term) return v - 1;
    }
  }

  /** The number of `term`, numbering it if new. */
  intern(term: string): number {
    if (this.unhashed) this.hashAll();
    const h = hashString(term);
    let i = h & this.mask;
    for (; ; i = (i + 1) & this.mask) {
      const v = this.slots[i]!;
      if (v === 0) break;
      if (this.hashes[v - 1] === (h | 0) && this.terms[v - 1] === term) return v - 1;
    }
    return this.add(term, h, i);
  }

  /** The number of the lower-cased ASCII word text[start, end), numbering it if new. */
  internAscii(text: string, start: number, end: number): number {
    if (this.unhashed) this.hashAll();
    let h = 0x811c9dc5;
    let capital = false;
    for (let k = start; k < end; k++) {
      let c = text.charCodeAt(k);
      if (c >= 65 && c <= 90) {
        c += 32;
        capital = true;
      }
      h = Math.imul(h ^ c, 0x01000193);
    }
    h >>>= 0;
    this.lastHadCapital = capital;
    const length = end - start;
    let i = h & this.mask;
    search: for (; ; i = (i + 1) & this.mask) {
      const v = this.slots[i]!;
      if (v === 0) break;
      if (this.hashes[v - 1] !== (h | 0)) continue;
      const from = this.starts[v - 1]!;
      if (this.starts[v]! - from !== length) continue;
      const chars = this.chars;
      for (let k = 0; k < length; k++) {
        let c = text.charCodeAt(start + k);
        if (c >= 65 && c <= 90) c += 32;
        if (chars[from + k] !== c) continue search;
      }
      return v - 1;
    }
    const term = text.slice(start, end).toLowerCase();
    return this.add(term, h, i);
  }

  private add(word: string, h: number, slot: number): number {
    const id = this.terms.length;
    this.terms.push(detached(word));
    if (id >= this.hashes.length) {
      const more = new Int32Array(this.hashes.length * 2);
      more.set(this.hashes);
      this.hashes = more;
    }
    this.hashes[id] = h;
    if (this.charsUsed + word.length > this.chars.length) {
      const more = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + word.length));
      more.set(this.chars);
      this.chars = more;
    }
    if (id === 0) this.starts.push(0);
    for (let k = 0; k < word.length; k++) this.chars[this.charsUsed++] = word.charCodeAt(k);
    this.starts.push(this.charsUsed);
    this.slots[slot] = id + 1;
    if (this.terms.length * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    this.hashes.subarray(0, this.terms.length).forEach((h, id) => {
      let i = h & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = id + 1;
    });
    this.slots = slots;
    this.mask = mask;
  }
}
