import type { Library } from '../src/core/search/library.ts';
import { STOP_WORDS, tokenize } from '../src/core/model/text.ts';

/**
 * The topics a catalog offers when a miss has no near word: chapter-title
 * words and pairs of words ("chaos engineering"), most frequent first.
 * Built from {@link Library.latest} in slices that yield to the event loop
 * ({@link prepareDidYouMean}, at start), and built again the same way once
 * the number of episodes or the newest one changes, the previous topics
 * answering meanwhile. Only a small catalog (at most
 * {@link SYNC_BUILD_EPISODES} episodes) is built at once when asked first.
 * Near words and guests come from the library's own indexes
 * ({@link Library.nearestWord}, {@link Library.nearestGuests}).
 */
interface Topics {
  key: string;
  topics: string[];
  /** The build under way, and for which catalog key. */
  building?: { key: string; done: Promise<void> };
}
const cache = new WeakMap<Library, Topics>();

/** Catalogs up to this many episodes have their topics built at once when first asked (a few milliseconds). */
const SYNC_BUILD_EPISODES = 1_000;
/** The longest a slice of a topics build holds the event loop, in milliseconds. */
const SLICE_MS = 10;
/** Units of work (episodes read, topics folded) between two looks at the clock. */
const CHECK_EVERY = 50;

function keyOf(library: Library): string {
  return `${library.size}:${library.latest(0, 1)[0]?.id ?? ''}`;
}

function topicsOf(library: Library): string[] {
  const key = keyOf(library);
  const cached = cache.get(library);
  if (cached?.key === key) return cached.topics;
  if (!cached && library.size <= SYNC_BUILD_EPISODES) {
    const topics = runAtOnce(buildTopics(library));
    cache.set(library, { key, topics });
    return topics;
  }
  // A big catalog, or one that changed: built in slices; the previous topics (none at first) answer meanwhile.
  void buildInSlices(library, key);
  return cached?.topics ?? [];
}

/** Builds the topics for `key` in slices (one build at a time per catalog key). */
function buildInSlices(library: Library, key: string): Promise<void> {
  const entry = cache.get(library) ?? { key: '', topics: [] };
  if (entry.building?.key === key) return entry.building.done;
  const done = runInSlices(buildTopics(library)).then((topics) => {
    const current = cache.get(library) ?? entry;
    if (current.building?.key === key) current.building = undefined;
    // A newer build may have finished first: its topics are kept.
    if (current.key !== keyOf(library)) Object.assign(current, { key, topics });
    cache.set(library, current);
  });
  entry.building = { key, done };
  cache.set(library, entry);
  return done;
}

/** Runs a sliced build to its end at once. */
function runAtOnce<T>(work: Generator<void, T>): T {
  let step = work.next();
  while (!step.done) step = work.next();
  return step.value;
}

/** Runs a sliced build, giving the event loop back (setImmediate) every {@link SLICE_MS}. */
async function runInSlices<T>(work: Generator<void, T>): Promise<T> {
  for (;;) {
    const until = performance.now() + SLICE_MS;
    let step = work.next();
    while (!step.done && performance.now() < until) step = work.next();
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** What separates raw words (before folding): anything but letters, digits and apostrophes. */
const RAW_SEPARATOR = /[^\p{L}\p{N}'’]+/u;

/** The catalog's topics, most frequent first; yields every {@link CHECK_EVERY} units of work so it can run in slices. */
function* buildTopics(library: Library): Generator<void, string[]> {
  const rawTopics = new Map<string, number>();
  const episodes = library.latest(0, library.size);
  for (let i = 0; i < episodes.length; i++) {
    for (const c of episodes[i]!.chapters) countTopics(c.title, rawTopics);
    if (i % CHECK_EVERY === CHECK_EVERY - 1) yield;
  }
  const fold = foldOnce();
  const folded = new Map<string, number>();
  let n = 0;
  for (const [topic, count] of rawTopics) {
    foldTopic(topic, count, fold, folded);
    if (++n % (CHECK_EVERY * 10) === 0) yield;
  }
  return [...folded].filter(([t]) => t.length >= 4).sort((a, b) => b[1] - a[1]).map(([t]) => t);
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

/** Folds a raw topic into `folded` when its every word is a real word (no stop word, no number). */
function foldTopic(topic: string, n: number, fold: (word: string) => string[], folded: Map<string, number>): void {
  const words = topic.split(' ').map(fold);
  if (!words.every((w) => w.length === 1 && w[0]!.length >= 3 && !STOP_WORDS.has(w[0]!) && !/\d/.test(w[0]!))) return;
  const key = words.map((w) => w[0]).join(' ');
  folded.set(key, (folded.get(key) ?? 0) + n);
}

/**
 * Builds what "did you mean" needs ahead of the first miss (at start, so no
 * one waits for it), in slices that hold the event loop at most about
 * {@link SLICE_MS} each; resolves once built.
 */
export function prepareDidYouMean(library: Library): Promise<void> {
  const key = keyOf(library);
  if (cache.get(library)?.key === key) return Promise.resolve();
  return buildInSlices(library, key);
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
