/**
 * An English-like vocabulary for synthetic transcripts: the commonest real
 * English words first (as in speech), then pronounceable pseudo-words, longer
 * the rarer they are (Zipf's law of abbreviation).
 */
import { intBetween, pick, type Random } from './prng.ts';

/** The most frequent words of spoken English, most frequent first. */
const COMMON = (
  'the and i to you a that of it in we is so like know yeah this was they think just but what for on have ' +
  'be with are not do really there one can if about all at my right going people some our kind or me get ' +
  'because out how more when also thing things mean very would well actually them your had been were then ' +
  'lot go which from time there’s it’s don’t that’s i’m we’re you’re want could even where make those these ' +
  'okay sure much way work good other need something see say said into over than only any most first back ' +
  'new us who now through still why maybe team problem system start same different around always never ' +
  'oh um uh great help pretty talk look little bit years day use using built part whole'
).split(' ');

const ONSETS = [
  'b', 'br', 'bl', 'c', 'ch', 'cl', 'cr', 'd', 'dr', 'f', 'fl', 'fr', 'g', 'gl', 'gr', 'h', 'j', 'k', 'l', 'm',
  'n', 'p', 'pl', 'pr', 'qu', 'r', 's', 'sc', 'sh', 'sk', 'sl', 'sm', 'sn', 'sp', 'st', 'str', 't', 'th', 'tr',
  'v', 'w', 'wh', 'z', '', '',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ai', 'ea', 'ee', 'oo', 'ou', 'y'];
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ck', 'ng', 'rt', 'x', 'sh', 'nt', 'ld'];

/** A pronounceable pseudo-word of `syllables` syllables. */
export function pseudoWord(random: Random, syllables: number): string {
  let w = '';
  for (let i = 0; i < syllables; i++) {
    const last = i === syllables - 1;
    w += pick(random, ONSETS) + pick(random, VOWELS) + (last || random() < 0.3 ? pick(random, CODAS) : '');
  }
  return w;
}

/** Syllables for a word of this frequency rank: common words are short. */
function syllablesFor(rank: number, random: Random): number {
  if (rank < 2_000) return random() < 0.7 ? 1 : 2;
  if (rank < 8_000) return intBetween(random, 1, 2);
  return intBetween(random, 2, 3);
}

/**
 * `size` distinct words ordered by frequency rank (most frequent first);
 * `reserved` words (stop words, names) are never generated as pseudo-words.
 */
export function buildVocabulary(random: Random, size: number, reserved: ReadonlySet<string> = new Set()): string[] {
  const words = [...COMMON];
  const seen = new Set<string>([...COMMON, ...reserved]);
  while (words.length < size) {
    const w = pseudoWord(random, syllablesFor(words.length, random));
    if (w.length < 2 || seen.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  return words;
}

/** "kubernetes" → "Kubernetes". */
export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
