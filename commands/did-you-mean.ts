import SearchableMap from 'minisearch/SearchableMap';
import type { Library } from '../src/core/search/library.ts';
import { STOP_WORDS, tokenize } from '../src/core/model/text.ts';

/**
 * What a catalog offers to turn a miss into a "did you mean": the words of its
 * titles, guests, organisations and chapter titles (how often each occurs),
 * and its guests. Built from {@link Library.latest} (its public methods only:
 * the search engine underneath may change) by {@link prepareDidYouMean} at
 * start, or on the first miss, and built again once the number of episodes or
 * the newest one changes.
 */
interface Vocabulary {
  /** Folded word → how many times it occurs. */
  words: SearchableMap<number>;
  /** Folded word of a guest's name → the guests whose name has it. */
  guestWords: SearchableMap<string[]>;
  /** Every guest, newest episode first. */
  guests: string[];
  /** Chapter-title words and pairs of words ("chaos engineering"), most frequent first. */
  topics: string[];
}

const cache = new WeakMap<Library, { key: string; vocabulary: Vocabulary }>();

function vocabularyOf(library: Library): Vocabulary {
  const key = `${library.size}:${library.latest(0, 1)[0]?.id ?? ''}`;
  const cached = cache.get(library);
  if (cached?.key === key) return cached.vocabulary;
  const vocabulary = buildVocabulary(library);
  cache.set(library, { key, vocabulary });
  return vocabulary;
}

/** What separates raw words (before folding): anything but letters, digits and apostrophes. */
const RAW_SEPARATOR = /[^\p{L}\p{N}'’]+/u;

function buildVocabulary(library: Library): Vocabulary {
  // Count raw words first and fold each distinct one once: catalogs repeat their words a lot.
  const raw = new Map<string, number>();
  const rawTopics = new Map<string, number>();
  const guests = new Set<string>();
  const count = (text: string | null, into: Map<string, number>) => {
    if (text) for (const w of text.split(RAW_SEPARATOR)) if (w) into.set(w, (into.get(w) ?? 0) + 1);
  };
  for (const ep of library.latest(0, library.size)) {
    count(ep.title, raw);
    for (const c of ep.chapters) topicsOf(c.title, raw, rawTopics);
    for (const g of ep.guests) {
      count(g.name, raw);
      count(g.org, raw);
      guests.add(g.name);
    }
  }
  const words = new SearchableMap<number>();
  const fold = foldOnce();
  for (const [word, n] of raw) {
    for (const w of fold(word)) if (w.length >= 3 && !STOP_WORDS.has(w)) words.update(w, (c = 0) => c + n);
  }
  const guestWords = new SearchableMap<string[]>();
  for (const name of guests) for (const w of tokenize(name)) guestWords.update(w, (names = []) => [...names, name]);
  return { words, guestWords, guests: [...guests], topics: foldTopics(rawTopics, fold) };
}

/**
 * Counts a chapter title's words (raw) and its topics (lower case): its
 * words, and each pair of neighbours ("chaos engineering") a little more.
 */
function topicsOf(title: string, words: Map<string, number>, topics: Map<string, number>): void {
  const raw = title.split(RAW_SEPARATOR).filter(Boolean);
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i]!;
    words.set(w, (words.get(w) ?? 0) + 1);
    const lower = w.toLowerCase();
    topics.set(lower, (topics.get(lower) ?? 0) + 1);
    if (i + 1 < raw.length) {
      const pair = `${lower} ${raw[i + 1]!.toLowerCase()}`;
      topics.set(pair, (topics.get(pair) ?? 0) + 1.5);
    }
  }
}

/** {@link tokenize} for single words, each distinct one folded once. */
function foldOnce(): (word: string) => string[] {
  const seen = new Map<string, string[]>();
  return (word) => {
    let folded = seen.get(word);
    if (!folded) seen.set(word, (folded = tokenize(word)));
    return folded;
  };
}

/** Folds raw topics, keeping those whose every word is a real word (no stop word, no number), most frequent first. */
function foldTopics(raw: Map<string, number>, fold: (word: string) => string[]): string[] {
  const folded = new Map<string, number>();
  for (const [topic, n] of raw) {
    const words = topic.split(' ').map(fold);
    if (!words.every((w) => w.length === 1 && w[0]!.length >= 3 && !STOP_WORDS.has(w[0]!) && !/\d/.test(w[0]!))) continue;
    const key = words.map((w) => w[0]).join(' ');
    folded.set(key, (folded.get(key) ?? 0) + n);
  }
  return [...folded].filter(([t]) => t.length >= 4).sort((a, b) => b[1] - a[1]).map(([t]) => t);
}

/** Builds what "did you mean" needs ahead of the first miss (at start, so no one waits for it). */
export function prepareDidYouMean(library: Library): void {
  vocabularyOf(library);
}

/** Edits allowed between a typed word and a catalog word: more than search allows, since this only suggests. */
function maxEdits(word: string): number {
  return word.length < 4 ? 0 : word.length < 5 ? 1 : word.length < 9 ? 2 : 3;
}

/** The catalog word nearest to `word` (fewest edits, then most frequent), if any is near enough. */
function nearestWord(vocabulary: Vocabulary, word: string): string | null {
  let best: { word: string; distance: number; count: number } | null = null;
  for (const [w, [count, distance]] of vocabulary.words.fuzzyGet(word, maxEdits(word))) {
    if (w === word) continue;
    if (!best || distance < best.distance || (distance === best.distance && count > best.count)) best = { word: w, distance, count };
  }
  return best?.word ?? null;
}

/**
 * The query with each of its `unmatched` words replaced by the nearest word of
 * the catalog (words with no near one are dropped), when that finds episodes;
 * null otherwise. `terms` are the query's folded words.
 */
export async function correctedQuery(library: Library, terms: readonly string[], unmatched: readonly string[]): Promise<string | null> {
  if (unmatched.length === 0) return null;
  const vocabulary = vocabularyOf(library);
  const missing = new Set(unmatched);
  let replaced = 0;
  const corrected = terms
    .map((t) => (missing.has(t) ? nearestWord(vocabulary, t) : t))
    .filter((t, i): t is string => t !== null && (t === terms[i] || ++replaced > 0));
  if (replaced === 0) return null;
  const query = corrected.join(' ');
  return (await library.search(query, 0, 1)).total > 0 ? query : null;
}

/** The guests whose names come nearest to `name` (per word, with typos), best first. */
export function nearestGuests(library: Library, name: string, limit = 3): string[] {
  const vocabulary = vocabularyOf(library);
  const scores = new Map<string, number>();
  for (const word of tokenize(name)) {
    for (const [, [names, distance]] of vocabulary.guestWords.fuzzyGet(word, maxEdits(word))) {
      for (const n of names) scores.set(n, (scores.get(n) ?? 0) + 1 / (1 + distance));
    }
  }
  return [...scores].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([n]) => n);
}

/** Every guest, newest episode first. */
export function allGuests(library: Library): readonly string[] {
  return vocabularyOf(library).guests;
}

/** The words that come up most in chapter titles ("chaos", "kubernetes"), as topics to suggest. */
export function commonTopics(library: Library, limit = 3): string[] {
  return vocabularyOf(library).topics.slice(0, limit);
}
