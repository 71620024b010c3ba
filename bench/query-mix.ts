/**
 * The fixed workloads of the bench, drawn deterministically from a catalog:
 * 1,000 search queries (exact 1–3 words, prefix, one typo, stop-word-heavy,
 * frequent words: the catalog's commonest words, alone or beside another),
 * autocomplete prefixes and episodes to recommend from.
 */
import type { Catalog, Episode } from '../src/core/model/catalog-schema.ts';
import { STOP_WORDS, tokenize } from '../src/core/model/text.ts';
import { intBetween, pick, seededRandom, type Random } from './synthetic/prng.ts';

/** The kinds of search query in the mix. */
export type QueryKind = 'exact' | 'prefix' | 'typo' | 'stopwords' | 'frequent';

/** One query of the mix. */
export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

/** How many queries of each kind make the 1,000-query mix. */
export const MIX: Record<QueryKind, number> = { exact: 350, prefix: 175, typo: 175, stopwords: 150, frequent: 150 };

const FILLERS = [
  (t: string) => `what is the episode about ${t}`,
  (t: string) => `the one where they talk about ${t}`,
  (t: string) => `is there an episode on ${t}`,
  (t: string) => `can you find me the podcast with ${t}`,
  (t: string) => `I want to listen to something about ${t} please`,
];

function contentWords(text: string): string[] {
  return tokenize(text).filter((w) => !STOP_WORDS.has(w) && !/^\d+$/.test(w) && w.length > 2);
}

/** Words someone might look for in this episode: its title, guests, chapters, and sometimes its transcript. */
function topicalWords(r: Random, ep: Episode): string[] {
  const source = r() < 0.6 ? [ep.title, ...ep.chapters.map((c) => c.title)] : r() < 0.5 ? ep.guests.map((g) => g.name) : [ep.description];
  const words = contentWords(source.join(' '));
  if (r() < 0.2 && ep.transcriptExcerpt) {
    const transcript = ep.transcriptExcerpt.slice(0, 4_000);
    words.push(...contentWords(transcript).slice(0, 40));
  }
  const fallback = contentWords(ep.title);
  return words.length > 0 ? words : fallback.length > 0 ? fallback : ['episode'];
}

function wordsFrom(r: Random, ep: Episode, n: number): string {
  const pool = topicalWords(r, ep);
  const start = intBetween(r, 0, Math.max(0, pool.length - n));
  return pool.slice(start, start + n).join(' ');
}

/** One edit (substitute, delete, insert or swap) inside a word of at least 5 letters. */
export function typo(r: Random, word: string): string {
  const i = intBetween(r, 1, word.length - 2);
  const letter = String.fromCharCode(97 + intBetween(r, 0, 25));
  switch (intBetween(r, 0, 3)) {
    case 0: return word.slice(0, i) + (word[i] === letter ? 'x' : letter) + word.slice(i + 1);
    case 1: return word.slice(0, i) + word.slice(i + 1);
    case 2: return word.slice(0, i) + letter + word.slice(i);
    default: return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
}

function longWord(r: Random, ep: Episode): string {
  const long = topicalWords(r, ep).filter((w) => w.length >= 5);
  return long.length > 0 ? pick(r, long) : 'kubernetes';
}

/**
 * The catalog's commonest content words: in the most episodes' titles,
 * descriptions and transcript excerpts (what an engine that skips frequent words would leave out).
 */
export function frequentWords(catalog: Catalog, count = 30): string[] {
  const episodesOf = new Map<string, number>();
  for (const ep of catalog.episodes) {
    const words = new Set(contentWords([ep.title, ep.description, ep.transcriptExcerpt?.slice(0, 4_000) ?? ''].join(' ')));
    for (const w of words) episodesOf.set(w, (episodesOf.get(w) ?? 0) + 1);
  }
  return [...episodesOf].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, count).map(([w]) => w);
}

/** The 1,000-query search mix (or `size` queries in the same proportions), the same for the same catalog. */
export function searchMix(catalog: Catalog, size = 1_000, seed = 7): BenchQuery[] {
  const r = seededRandom(seed);
  const eps = catalog.episodes;
  const queries: BenchQuery[] = [];
  const count = (k: QueryKind) => Math.round((MIX[k] * size) / 1_000);
  for (let i = 0; i < count('exact'); i++) queries.push({ kind: 'exact', text: wordsFrom(r, pick(r, eps), 1 + (i % 3)) });
  for (let i = 0; i < count('prefix'); i++) {
    const w = longWord(r, pick(r, eps));
    queries.push({ kind: 'prefix', text: w.slice(0, intBetween(r, 3, Math.min(6, w.length - 1))) });
  }
  for (let i = 0; i < count('typo'); i++) {
    const ep = pick(r, eps);
    const other = r() < 0.4 ? wordsFrom(r, ep, 1) + ' ' : '';
    queries.push({ kind: 'typo', text: other + typo(r, longWord(r, ep)) });
  }
  for (let i = 0; i < count('stopwords'); i++) queries.push({ kind: 'stopwords', text: pick(r, FILLERS)(wordsFrom(r, pick(r, eps), intBetween(r, 1, 2))) });
  const common = frequentWords(catalog);
  for (let i = 0; i < count('frequent'); i++) {
    // A frequent word alone, two of them, or one beside a word of some episode.
    const word = pick(r, common);
    const mode = i % 3;
    queries.push({ kind: 'frequent', text: mode === 0 ? word : mode === 1 ? `${word} ${pick(r, common)}` : `${wordsFrom(r, pick(r, eps), 1)} ${word}` });
  }
  return shuffle(r, queries);
}

/** Autocomplete input: beginnings of titles and guest names, 1 to 8 characters, some with a second word started. */
export function autocompleteMix(catalog: Catalog, size = 1_000, seed = 11): string[] {
  const r = seededRandom(seed);
  return Array.from({ length: size }, () => {
    const ep = pick(r, catalog.episodes);
    const label = r() < 0.5 ? ep.title : pick(r, ep.guests.length > 0 ? ep.guests : ep.hosts).name;
    const words = label.split(/\s+/);
    if (words.length > 1 && r() < 0.3) return `${words[0]} ${words[1]!.slice(0, intBetween(r, 1, 4))}`;
    const w = pick(r, words);
    return w.slice(0, intBetween(r, 1, Math.min(8, w.length)));
  });
}

/** Episode ids to ask recommendations for. */
export function recommendMix(catalog: Catalog, size: number, seed = 13): string[] {
  const r = seededRandom(seed);
  return Array.from({ length: size }, () => pick(r, catalog.episodes).id);
}

function shuffle<T>(r: Random, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}
