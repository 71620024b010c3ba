import type { Library } from '../src/core/search/library.ts';
import { STOP_WORDS, tokenize } from '../src/core/model/text.ts';

/**
 * The topics a catalog offers when a miss has no near word: chapter-title
 * words and pairs of words ("chaos engineering"), most frequent first.
 * Built from {@link Library.latest} by {@link prepareDidYouMean} at start,
 * or on the first miss, and built again once the number of episodes or the
 * newest one changes. Near words and guests come from the library's own
 * indexes ({@link Library.nearestWord}, {@link Library.nearestGuests}).
 */
const cache = new WeakMap<Library, { key: string; topics: string[] }>();

function topicsOf(library: Library): string[] {
  const key = `${library.size}:${library.latest(0, 1)[0]?.id ?? ''}`;
  const cached = cache.get(library);
  if (cached?.key === key) return cached.topics;
  const topics = buildTopics(library);
  cache.set(library, { key, topics });
  return topics;
}

/** What separates raw words (before folding): anything but letters, digits and apostrophes. */
const RAW_SEPARATOR = /[^\p{L}\p{N}'’]+/u;

function buildTopics(library: Library): string[] {
  const rawTopics = new Map<string, number>();
  for (const ep of library.latest(0, library.size)) for (const c of ep.chapters) countTopics(c.title, rawTopics);
  return foldTopics(rawTopics, foldOnce());
}

/** Counts a chapter title's topics (lower case): its words, and each pair of neighbours ("chaos engineering") a little more. */
function countTopics(title: string, topics: Map<string, number>): void {
  const raw = title.split(RAW_SEPARATOR).filter(Boolean);
  for (let i = 0; i < raw.length; i++) {
    const w = raw[i]!;
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
  topicsOf(library);
}

/**
 * The query with each of its `unmatched` words replaced by the nearest word of
 * the catalog (words with no near one are dropped), when that finds episodes;
 * null otherwise. `terms` are the query's folded words.
 */
export async function correctedQuery(library: Library, terms: readonly string[], unmatched: readonly string[]): Promise<string | null> {
  if (unmatched.length === 0) return null;
  const missing = new Set(unmatched);
  let replaced = 0;
  const corrected = terms
    .map((t) => (missing.has(t) ? library.nearestWord(t) : t))
    .filter((t, i): t is string => t !== null && (t === terms[i] || ++replaced > 0));
  if (replaced === 0) return null;
  const query = corrected.join(' ');
  return (await library.search(query, 0, 1)).total > 0 ? query : null;
}

/** The guests whose names come nearest to `name` (per word, with typos), best first. */
export function nearestGuests(library: Library, name: string, limit = 3): string[] {
  return library.nearestGuests(name, limit);
}

/** Every guest, newest episode first. */
export function allGuests(library: Library): readonly string[] {
  return library.guestNames();
}

/** The words that come up most in chapter titles ("chaos", "kubernetes"), as topics to suggest. */
export function commonTopics(library: Library, limit = 3): string[] {
  return topicsOf(library).slice(0, limit);
}
