import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { boundedLevenshtein, TermDictionary } from '../src/core/term-dictionary.ts';
import { tokenize } from '../src/core/text.ts';
import { seededRandom } from '../bench/synthetic/prng.ts';
import { typo } from '../bench/query-mix.ts';
import { shippedCatalog } from './helpers/bot.ts';

const words = [...new Set(shippedCatalog().episodes.flatMap((e) => tokenize(`${e.title} ${e.description} ${e.transcriptExcerpt ?? ''}`)))];
words.push('aaa', 'aab', 'abab', 'ba', 'ab', 'a1', 'über', 'ﬁne', 'straße');
const dict = new TermDictionary();
const map = new SearchableMap<number>();
for (const w of words) map.set(w, dict.intern(w));

const sorted = (xs: Array<[string, number]>) => xs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

describe('term dictionary', () => {
  it('numbers words once and finds them again', () => {
    expect(dict.intern(words[3]!)).toBe(dict.id(words[3]!));
    expect(dict.id('zyzzyva-not-there')).toBeUndefined();
    expect(dict.term(dict.id('kubernetes')!)).toBe('kubernetes');
  });

  it('finds words by prefix as MiniSearch does', () => {
    for (const prefix of ['k', 'ku', 'kub', 'chaos', 'st', 'a', 'zz', 'über'.slice(0, 2)]) {
      const ours: Array<[string, number]> = [];
      dict.withPrefix(prefix, (id, extra) => ours.push([dict.term(id), extra]));
      const theirs = [...map.atPrefix(prefix).keys()].map((t) => [t, t.length - prefix.length] as [string, number]);
      expect(sorted(ours)).toEqual(sorted(theirs));
    }
  });

  it('finds words within one and two edits as MiniSearch fuzzyGet does', () => {
    const r = seededRandom(3);
    const probes = [...Array.from({ length: 300 }, () => words[Math.floor(r() * words.length)]!), 'kuberntes', 'terrafrom', 'petazoni', 'hidalgp', 'ab', 'aaab'];
    for (const w of probes) {
      const q = w.length >= 5 && r() < 0.7 ? typo(r, w) : w;
      for (const d of [1, 2]) {
        const ours: Array<[string, number]> = [];
        dict.withinDistance(q, d, (id, dist) => ours.push([dict.term(id), dist]));
        const theirs = [...map.fuzzyGet(q, d)].map(([t, [, dist]]) => [t, dist] as [string, number]);
        expect(sorted(ours), `${q} within ${d}`).toEqual(sorted(theirs));
      }
    }
  });

  it('measures edit distance, stopping past the bound', () => {
    expect(boundedLevenshtein('kitten', 'sitting', 3)).toBe(3);
    expect(boundedLevenshtein('kitten', 'sitting', 1)).toBe(2);
    expect(boundedLevenshtein('', 'abc', 5)).toBe(3);
  });

  it('keeps finding words added after a lookup', () => {
    const d = new TermDictionary();
    d.intern('alpha');
    d.withinDistance('alpha', 1, () => {});
    d.intern('alphb');
    const found: string[] = [];
    d.withinDistance('alpha', 1, (id) => found.push(d.term(id)));
    d.withPrefix('alp', (id) => found.push(d.term(id)));
    expect(found.sort()).toEqual(['alpha', 'alpha', 'alphb', 'alphb']);
  });
});
