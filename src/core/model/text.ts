/**
 * Text helpers shared by indexing and querying: one definition of a "word",
 * so the index and the queries always agree.
 */

/** Characters that are invisible or reorder text: zero-width, bidi controls, BOM, soft hyphen. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const APOSTROPHES = /['\u2018\u2019\u02BC`´]/g;
const WORD = /[\p{L}\p{N}]+/gu;

/** Words that carry no meaning in a search of this domain. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its ' +
    'me my no not of on or our she so than that the their them then there these they this those to too was we were what ' +
    'when where which who why will with would you your yours about all also any just more most some such up out over ' +
    'dont im ive thats theres whats youre'
  ).split(' '),
);

/** Words that describe every result of a podcast search ("episode about x"), ignored in queries only. */
export const QUERY_STOP_WORDS: ReadonlySet<string> = new Set([
  'episode', 'episodes', 'podcast', 'podcasts', 'show', 'shows', 'talk', 'talks', 'talking', 'discuss', 'discussing',
  'ep', 'listen', 'find', 'search', 'please', 'one', 'like',
]);

/**
 * Cleans text a person typed: Unicode NFC, no control or invisible characters
 * (zero-width, right-to-left overrides), whitespace collapsed and trimmed.
 */
export function cleanUserText(raw: string): string {
  return raw.normalize('NFC').replace(INVISIBLE, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** Folds a word for matching: lower case, accents removed, apostrophes dropped ("Jérôme's" → "jeromes"). */
export function foldTerm(term: string): string {
  // Fast path: plain ASCII letters and digits have no accents to strip.
  if (/^[A-Za-z0-9]*$/.test(term)) return term.toLowerCase();
  return term
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(APOSTROPHES, '')
    .toLowerCase();
}

/** A word of a text with where it stands, for snippets and highlights. */
export interface Token {
  /** The folded form used for matching. */
  term: string;
  start: number;
  end: number;
}

/**
 * Splits text into folded words with their offsets. Apostrophes inside a word
 * join it ("It's" → "its", "Hyrum's" → "hyrums"), so queries typed without them match.
 */
export function tokenizeWithOffsets(text: string): Token[] {
  const tokens: Token[] = [];
  const joined = text.replace(/([\p{L}\p{N}])['\u2019]([\p{L}])/gu, '$1\u0000$2');
  for (const m of joined.matchAll(/[\p{L}\p{N}\u0000]+/gu)) {
    const raw = m[0].replace(/\u0000/g, '');
    if (!raw) continue;
    tokens.push({ term: foldTerm(raw), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/**
 * Splits text into folded words (no offsets); the tokenizer of the search index.
 * Dotted acronyms join ("e.B.P.F" → "ebpf"); single letters are dropped.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const joined = text
    .replace(/([\p{L}\p{N}])['\u2019]([\p{L}])/gu, '$1$2')
    .replace(/(?<![\p{L}\p{N}.])(?:\p{L}\.){2,}\p{L}?(?![\p{L}\p{N}])/gu, (acronym) => acronym.replace(/\./g, ''));
  for (const m of joined.matchAll(WORD)) if (m[0].length > 1 || /\p{N}/u.test(m[0])) out.push(foldTerm(m[0]));
  return out;
}

/** The index's term filter: stop words and empty terms are dropped. */
export function indexTerm(term: string): string | null {
  return term.length === 0 || STOP_WORDS.has(term) ? null : term;
}

/** Query terms: folded words minus stop words; if nothing is left, the words as typed. */
export function queryTerms(query: string): string[] {
  const words = tokenize(query);
  const kept = words.filter((w) => !STOP_WORDS.has(w) && !QUERY_STOP_WORDS.has(w));
  if (kept.length > 0) return dedupe(kept);
  return dedupe(words.filter((w) => !STOP_WORDS.has(w)));
}

function dedupe(words: string[]): string[] {
  return [...new Set(words)];
}

/** Cuts text to at most `max` characters at a word boundary, adding an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, Math.max(1, max - 1)).join('');
  const atSpace = cut.replace(/\s+\S*$/, '');
  return (atSpace.length >= cut.length * 0.6 ? atSpace : cut).replace(/[\s,.;:—-]+$/, '') + '…';
}
