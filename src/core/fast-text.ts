/**
 * Single-pass scanners that give exactly what `tokenize` and
 * `tokenizeWithOffsets` of text.ts give, without their regular-expression
 * passes: indexing 30 million words of transcripts must not take minutes.
 * text.ts stays the definition of a word; tests compare the two on every
 * kind of input (apostrophes, acronyms, accents, digits, astral letters).
 */
import { foldTerm, tokenize } from './text.ts';

const OTHER = 1;
const LETTER = 2;
const NUMBER = 3;
type CharClass = typeof OTHER | typeof LETTER | typeof NUMBER;

const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
/** Classes of the Basic Multilingual Plane, filled on first sight (0: not yet known). */
const BMP = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  BMP[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? LETTER : c >= 48 && c <= 57 ? NUMBER : OTHER;
}

function classOf(cp: number): CharClass {
  if (cp < 0x10000) {
    const known = BMP[cp]!;
    if (known !== 0) return known as CharClass;
    const ch = String.fromCharCode(cp);
    const found: CharClass = IS_LETTER.test(ch) ? LETTER : IS_NUMBER.test(ch) ? NUMBER : OTHER;
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

/** Receives each word: its folded form and its [start, end) in the text. */
export type WordSink = (term: string, start: number, end: number) => void;

/**
 * The scanner behind both tokenizers: runs of letters and digits, joined
 * across an apostrophe between a letter or digit and a letter (as the
 * `'$1$2'` replacement of text.ts does, matches not overlapping), the
 * apostrophe left out of the raw word. `nulIsWord` makes U+0000 a word
 * character dropped from the raw word, as `tokenizeWithOffsets` does. With
 * `stopAtAcronym`, stops and returns false at the first "x.y" (a dotted
 * acronym may start there, which only text.ts handles).
 */
function scan(text: string, nulIsWord: boolean, stopAtAcronym: boolean, sink: (raw: string, start: number, end: number, ascii: boolean, digit: boolean) => void): boolean {
  const n = text.length;
  let nextAllowed = 0;
  let start = -1;
  let pieceStart = -1;
  let pieces = '';
  let ascii = true;
  let digit = false;
  const flush = (end: number) => {
    if (start < 0) return;
    sink(pieces + text.slice(pieceStart, end), start, end, ascii, digit);
    start = -1;
    pieces = '';
  };
  for (let i = 0; i < n; ) {
    const cp = codePointAt(text, i);
    const width = cp > 0xffff ? 2 : 1;
    const cls = cp === 0 && nulIsWord ? LETTER : classOf(cp);
    if (cls !== OTHER) {
      if (start < 0) {
        start = pieceStart = i;
        ascii = true;
        digit = false;
      }
      if (cp >= 0x80) ascii = false;
      if (cls === NUMBER) digit = true;
      if (cp === 0) {
        pieces += text.slice(pieceStart, i);
        pieceStart = i + 1;
      }
      i += width;
      continue;
    }
    if ((cp === APOSTROPHE || cp === RIGHT_QUOTE) && i > 0 && i + 1 < n) {
      const before = previousStart(text, i);
      const next = codePointAt(text, i + 1);
      if (before >= nextAllowed && classOf(codePointAt(text, before)) !== OTHER && classOf(next) === LETTER) {
        nextAllowed = i + 1 + (next > 0xffff ? 2 : 1);
        if (start >= 0) {
          pieces += text.slice(pieceStart, i);
          pieceStart = i + 1;
          i += 1;
          continue;
        }
      }
    }
    if (stopAtAcronym && cp === DOT && i > 0 && i + 1 < n && classOf(codePointAt(text, previousStart(text, i))) === LETTER && classOf(codePointAt(text, i + 1)) === LETTER) {
      return false;
    }
    flush(i);
    i += width;
  }
  flush(n);
  return true;
}

/** Exactly `tokenize(text)` of text.ts, about ten times faster. */
export function fastTokenize(text: string): string[] {
  const out: string[] = [];
  const done = scan(text, false, true, (raw, _s, _e, ascii, digit) => {
    if (raw.length > 1 || digit) out.push(ascii ? raw.toLowerCase() : foldTerm(raw));
  });
  return done ? out : tokenize(text);
}

/**
 * Exactly the words of `tokenizeWithOffsets(text)` of text.ts, handed to
 * `sink` one by one instead of collected.
 */
export function scanWordsWithOffsets(text: string, sink: WordSink): void {
  scan(text, true, false, (raw, start, end, ascii) => {
    if (raw.length === 0) return;
    sink(ascii ? raw.toLowerCase() : foldTerm(raw), start, end);
  });
}
