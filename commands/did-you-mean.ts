import SearchableMap from 'minisearch/SearchableMap';
import type { Library } from '../src/core/library.ts';
import { STOP_WORDS, tokenize } from '../src/core/text.ts';

/**
 * What a catalog offers to turn a miss into a "did you mean": the words of its
 * titles, guests, organisations and chapter titles (how often each occurs),
 * and its guests. Built from {@link Library.latest} on the first miss and kept
 * until the number of episodes or the newest one changes.
 */
interface Vocabulary {
  /** Folded word → how many times it occurs. */
  words: SearchableMap<number>;
  /** Folded word of a guest's name → the guests whose name has it. */
  guestWords: SearchableMap<string[]>;
  /** Every guest, newest episode first. */
  guests: string[];
  /** Chapter-title words, most frequent first. */
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

function buildVocabulary(library: Library): Vocabulary {
  const words = new SearchableMap<number>();
  const topicCounts = new Map<string, number>();
  const guestWords = new SearchableMap<string[]>();
  const guests = new Set<string>();
  const count = (text: string | null, topic = false) => {
    const kept = tokenize(text ?? '').filter((w) => w.length >= 3 && !STOP_WORDS.has(w));
    kept.forEach((w, i) => {
      words.update(w, (n = 0) => n + 1);
      if (!topic || /\d/.test(w)) return;
      // A two-word topic ("chaos engineering") counts for more than its words alone.
      const pair = kept[i + 1] && !/\d/.test(kept[i + 1]!) ? `${w} ${kept[i + 1]}` : null;
      for (const [t, weight] of [[w, 1], [pair, 1.5]] as const) if (t) topicCounts.set(t, (topicCounts.get(t) ?? 0) + weight);
    });
  };
  for (const ep of library.latest(0, library.size)) {
    count(ep.title);
    for (const c of ep.chapters) count(c.title, true);
    for (const g of ep.guests) {
      count(g.name);
      count(g.org);
      if (guests.has(g.name)) continue;
      guests.add(g.name);
      for (const w of tokenize(g.name)) guestWords.update(w, (names = []) => [...names, g.name]);
    }
  }
  const topics = [...topicCounts].filter(([w]) => w.length >= 4).sort((a, b) => b[1] - a[1]).map(([w]) => w);
  return { words, guestWords, guests: [...guests], topics };
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
export function correctedQuery(library: Library, terms: readonly string[], unmatched: readonly string[]): string | null {
  if (unmatched.length === 0) return null;
  const vocabulary = vocabularyOf(library);
  const missing = new Set(unmatched);
  let replaced = 0;
  const corrected = terms
    .map((t) => (missing.has(t) ? nearestWord(vocabulary, t) : t))
    .filter((t, i): t is string => t !== null && (t === terms[i] || ++replaced > 0));
  if (replaced === 0) return null;
  const query = corrected.join(' ');
  return library.search(query, 0, 1).total > 0 ? query : null;
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
