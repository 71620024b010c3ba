import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { closestWord, nearSpellings, typoBudget, typoCount } from '../../../../src/core/search/typos.ts';

const vocabulary = (...words: string[]) => {
  const map = new SearchableMap<number>();
  words.forEach((w, i) => map.set(w, i));
  return map;
};

describe('one typo policy', () => {
  it('allows no typo below 4 letters, one from 4, two from 8; a suggestion one more from 5 letters', () => {
    expect([3, 4, 7, 8, 12].map((n) => typoBudget(n))).toEqual([0, 1, 1, 2, 2]);
    expect([3, 4, 5, 7, 8].map((n) => typoBudget(n, 'suggest'))).toEqual([0, 1, 2, 2, 3]);
  });

  it('counts a wrong, missing or extra letter and a swap of neighbours as one typo each', () => {
    expect(typoCount('kubernetes', 'kubernetes')).toBe(0);
    expect(typoCount('kubernetes', 'kubernetxs')).toBe(1);
    expect(typoCount('kubernetes', 'kuberntes')).toBe(1);
    expect(typoCount('kubernetes', 'kubernetess')).toBe(1);
    expect(typoCount('kubernetes', 'kuberentes')).toBe(1);
    expect(typoCount('kubernetes', 'kubreentes')).toBe(2);
    expect(typoCount('kubernetes', 'terraform', 2)).toBe(3);
  });

  it('finds near spellings within the budget, a swap counted once (minisearch alone counts it twice), two swaps twice', () => {
    const words = vocabulary('kubernetes', 'kubernetxs', 'kubreentes', 'kubrenetxs', 'terraform');
    expect([...nearSpellings(words, 'kubernetes').entries()].map(([w, n]) => [w, n.typos]).sort()).toEqual([
      ['kubernetxs', 1],
      ['kubreentes', 2],
      ['kubrenetxs', 2],
    ]);
    // A swap and one more typo: two typos, within an 8-letter word's budget.
    expect([...nearSpellings(words, 'kubernetex').keys()].sort()).toEqual(['kubernetes', 'kubernetxs', 'kubrenetxs'].filter((w) => typoCount('kubernetex', w) <= 2).sort());
    expect(nearSpellings(words, 'kub').size).toBe(0);
    expect(nearSpellings(vocabulary('chaos'), 'choas').get('chaos')?.typos).toBe(1);
  });

  it('picks the closest candidate with a suggestion budget (commands typed wrong)', () => {
    expect(closestWord('epsiode', ['episode', 'guest', 'latest'])).toBe('episode');
    expect(closestWord('lates', ['episode', 'guest', 'latest'])).toBe('latest');
    expect(closestWord('zzz', ['episode', 'guest', 'latest'])).toBeNull();
  });
});
