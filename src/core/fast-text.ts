/**
 * Single-pass scanners that give exactly what `tokenize` and
 * `tokenizeWithOffsets` of text.ts give, without their regular-expression
 * passes: indexing 30 million words of transcripts must not take minutes.
 * text.ts stays the definition of a word; tests compare the two on every
 * kind of input (apostrophes, acronyms, accents, digits, astral letters).
 */
import { foldTerm, tokenize, type Token } from './text.ts';

const OTHER = 1;
const LETTER = 2;
const NUMBER = 3;

const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
/** Classes of the Basic Multilingual Plane, filled on first sight (0: not yet known). */
const BMP = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  BMP[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? LETTER : c >= 48 && c <= 57 ? NUMBER : OTHER;
}

function classOf(cp: number): number {
  if (cp < 0x10000) {
    const known = BMP[cp]!;
    if (known !== 0) return known;
    const ch = String.fromCharCode(cp);
    const found = IS_LETTER.test(ch) ? LETTER : IS_NUMBER.test(ch) ? NUMBER : OTHER;
    BMP[cp] = found;
    return found;
  }
  const ch = String.fromCodePoint(cp);
  return IS_LETTER.test(ch) ? LETTER : IS_NUMBER.test(ch) ? NUMBER : OTHER;
}

function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Start of the code point that ends just before `i`. */
function previousStart(text: string, i: number): number {
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return i - 2;
  }
  return i - 1;
}

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const DOT = 0x2e;
const FLAG_ASCII = 1;
const FLAG_DIGIT = 2;
const FLAG_GAPS = 4;
/** Flags count left-out characters from this bit up (up to 15; more only in freak text). */
const GAP_UNIT = 16;
const FLAG_NUL = 8;

/** Results of the last {@link scan}: per word its start, end and flags; and the offsets of characters left out of words. */
let starts_ = new Int32Array(1024);
let ends_ = new Int32Array(1024);
let flags = new Uint8Array(1024);
let gaps = new Int32Array(64);
let gapCount = 0;

/** Makes room for the words of a text of `length` characters (a word takes at least two, with what ends it). */
function reserve(length: number): void {
  const need = (length >> 1) + 2;
  if (need <= starts_.length) return;
  starts_ = new Int32Array(need * 2);
  ends_ = new Int32Array(need * 2);
  flags = new Uint8Array(need * 2);
}

function pushGap(at: number): void {
  if (gapCount === gaps.length) {
    const b = new Int32Array(gaps.length * 2);
    b.set(gaps);
    gaps = b;
  }
  gaps[gapCount++] = at;
}

/**
 * Finds the words: runs of letters and digits, joined across an apostrophe
 * between a letter or digit and a letter (as the `'$1$2'` replacement of
 * text.ts does, matches not overlapping), the apostrophe left out. With
 * `nulIsWord`, U+0000 is a word character left out of the word, as in
 * `tokenizeWithOffsets`. With `stopAtAcronym`, gives up (returns -1) at the
 * first "x.y", where a dotted acronym may start that only text.ts handles.
 * Returns the number of words.
 */
function scan(text: string, nulIsWord: boolean, stopAtAcronym: boolean): number {
  const n = text.length;
  let words = 0;
  let nextAllowed = 0;
  let start = -1;
  let flag = 0;
  gapCount = 0;
  reserve(n);
  const wordStarts = starts_;
  const wordEnds = ends_;
  const wordFlags = flags;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && c !== 0) {
      const cls = BMP[c]!;
      if (cls !== OTHER) {
        if (start < 0) {
          start = i;
          flag = FLAG_ASCII;
        }
        if (cls === NUMBER) flag |= FLAG_DIGIT;
        i++;
        continue;
      }
    }
    const cp = c >= 0xd800 && c <= 0xdbff ? codePointAt(text, i) : c;
    const width = cp > 0xffff ? 2 : 1;
    const cls = c === 0 ? (nulIsWord ? LETTER : OTHER) : c < 0x80 ? OTHER : classOf(cp);
    if (cls !== OTHER) {
      if (start < 0) {
        start = i;
        flag = FLAG_ASCII;
      }
      if (c >= 0x80) flag &= ~FLAG_ASCII;
      if (cls === NUMBER) flag |= FLAG_DIGIT;
      if (c === 0) {
        pushGap(i);
        flag = (flag | FLAG_GAPS | FLAG_NUL) + (flag < GAP_UNIT * 15 ? GAP_UNIT : 0);
      }
      i += width;
      continue;
    }
    if ((c === APOSTROPHE || c === RIGHT_QUOTE) && start >= 0 && i + 1 < n) {
      const before = previousStart(text, i);
      const next = codePointAt(text, i + 1);
      if (before >= nextAllowed && classOf(next) === LETTER && classOf(codePointAt(text, before)) !== OTHER) {
        nextAllowed = i + 1 + (next > 0xffff ? 2 : 1);
        pushGap(i);
        flag = (flag | FLAG_GAPS) + (flag < GAP_UNIT * 15 ? GAP_UNIT : 0);
        i += 1;
        continue;
      }
    }
    if (stopAtAcronym && c === DOT && i > 0 && i + 1 < n && classOf(codePointAt(text, previousStart(text, i))) === LETTER && classOf(codePointAt(text, i + 1)) === LETTER) {
      return -1;
    }
    if (start >= 0) {
      wordStarts[words] = start;
      wordEnds[words] = i;
      wordFlags[words++] = flag;
      start = -1;
    }
    i += width;
  }
  if (start >= 0) {
    wordStarts[words] = start;
    wordEnds[words] = n;
    wordFlags[words++] = flag;
  }
  return words;
}

/** Word `k` of the last scan as written, the characters left out of words removed; `g` is the first gap not before it. */
function rawWord(text: string, k: number, g: { next: number }): string {
  const start = starts_[k]!;
  const end = ends_[k]!;
  if ((flags[k]! & FLAG_GAPS) === 0) return text.slice(start, end);
  while (g.next < gapCount && gaps[g.next]! < start) g.next++;
  let out = '';
  let from = start;
  while (g.next < gapCount && gaps[g.next]! < end) {
    out += text.slice(from, gaps[g.next]!);
    from = gaps[g.next]! + 1;
    g.next++;
  }
  return out + text.slice(from, end);
}

/** Exactly `tokenize(text)` of text.ts, about ten times faster. */
export function fastTokenize(text: string): string[] {
  const words = scan(text, false, true);
  if (words < 0) return tokenize(text);
  const out: string[] = [];
  const g = { next: 0 };
  for (let k = 0; k < words; k++) {
    const raw = rawWord(text, k, g);
    if (raw.length > 1 || (flags[k]! & FLAG_DIGIT) !== 0) out.push((flags[k]! & FLAG_ASCII) !== 0 ? raw.toLowerCase() : foldTerm(raw));
  }
  return out;
}

/** Receives each word: its folded form and its [start, end) in the text. */
export type WordSink = (term: string, start: number, end: number) => void;

/**
 * Exactly the words of `tokenizeWithOffsets(text)` of text.ts, handed to
 * `sink` one by one instead of collected.
 */
export function scanWordsWithOffsets(text: string, sink: WordSink): void {
  for (const t of fastTokenizeWithOffsets(text)) sink(t.term, t.start, t.end);
}

/** Exactly `tokenizeWithOffsets(text)` of text.ts. */
export function fastTokenizeWithOffsets(text: string): Token[] {
  const words = scan(text, true, false);
  const out: Token[] = [];
  const g = { next: 0 };
  for (let k = 0; k < words; k++) {
    const raw = rawWord(text, k, g);
    if (raw.length === 0) continue;
    out.push({ term: (flags[k]! & FLAG_ASCII) !== 0 ? raw.toLowerCase() : foldTerm(raw), start: starts_[k]!, end: ends_[k]! });
  }
  return out;
}

/**
 * The words of `tokenizeWithOffsets(text)` without making a string for
 * each: their count; `spanStart(k)`, `spanEnd(k)`, `spanAsciiLength(k)` and
 * `spanTerm(text, k)` read word k until the next scan of any text.
 */
export function scanSpans(text: string): number {
  const all = scan(text, true, false);
  let count = 0;
  for (let k = 0; k < all; k++) {
    const f = flags[k]!;
    if ((f & FLAG_NUL) !== 0 && text.slice(starts_[k]!, ends_[k]!).replace(GAP_CHARS, '') === '') continue;
    starts_[count] = starts_[k]!;
    ends_[count] = ends_[k]!;
    flags[count++] = f;
  }
  return count;
}

const GAP_CHARS = /[\u0000'\u2019]/g;

/**
 * The words of `tokenize(text)` of text.ts before folding and filtering, for
 * the span accessors; -1 when the text needs text.ts itself (a dotted
 * acronym may be in it): then use {@link fastTokenize}.
 */
export function scanTokens(text: string): number {
  return scan(text, false, true);
}

/** Whether word k of the last scan is plain ASCII with nothing left out: its folded form is its lower case. */
export function spanIsPlain(k: number): boolean {
  return (flags[k]! & (FLAG_ASCII | FLAG_GAPS)) === FLAG_ASCII;
}

/** Whether word k of the last scan has a digit. */
export function spanHasDigit(k: number): boolean {
  return (flags[k]! & FLAG_DIGIT) !== 0;
}

/** Word k of the last scan of `text` as written, left-out characters removed. */
export function spanRaw(text: string, k: number): string {
  const raw = text.slice(starts_[k]!, ends_[k]!);
  return (flags[k]! & FLAG_GAPS) !== 0 ? raw.replace(GAP_CHARS, '') : raw;
}

/** Where word k of the last {@link scanSpans} starts. */
export function spanStart(k: number): number {
  return starts_[k]!;
}

/** Where word k of the last {@link scanSpans} ends. */
export function spanEnd(k: number): number {
  return ends_[k]!;
}

/** The length of word k's folded form when it is ASCII (the common case), else -1. */
export function spanAsciiLength(k: number): number {
  const f = flags[k]!;
  if ((f & FLAG_ASCII) === 0 || f >= GAP_UNIT * 15) return -1;
  return ends_[k]! - starts_[k]! - (f >> 4);
}

/**
 * Whether ASCII word k of the last scan of `text` folds to `term` (lower
 * case, left-out characters skipped), without making its folded form.
 */
export function spanFoldsTo(text: string, k: number, term: string): boolean {
  let j = 0;
  for (let i = starts_[k]!; i < ends_[k]!; i++) {
    let c = text.charCodeAt(i);
    if (c === 0 || c === APOSTROPHE || c === RIGHT_QUOTE) continue;
    if (c >= 65 && c <= 90) c += 32;
    if (j >= term.length || term.charCodeAt(j++) !== c) return false;
  }
  return j === term.length;
}

/** The folded form of word k of the last scan of `text`. */
export function spanTerm(text: string, k: number): string {
  const raw = spanRaw(text, k);
  return (flags[k]! & FLAG_ASCII) !== 0 ? raw.toLowerCase() : foldTerm(raw);
}
