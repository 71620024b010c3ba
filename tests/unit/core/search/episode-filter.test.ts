import { describe, expect, it } from 'vitest';
import { episodeMatches } from '../../../../src/core/search/episode-filter.ts';
import { shippedCatalog } from '../../../helpers/bot.ts';

const jerome = shippedCatalog().episodes.find((e) => e.id === 'jerome-petazzoni')!;

describe('episodeMatches: a subscription’s only: words, by search’s matching', () => {
  it.each([
    ['kubernetes', true],
    ['kubernets', true], // one letter missing
    ['kuberentes', true], // two letters swapped
    ['KUBERNETES!!!', true],
    ['petazzoni', true], // a guest
    ['jerome', true], // accents never matter
    ['kube', true], // a prefix
    ['quantum kubernetes', true], // any of the words
    ['quantum', false],
    ['', true],
    ['the', true], // only stop words: no filter
  ])('%s → %s', (words, expected) => {
    expect(episodeMatches(jerome, words)).toBe(expected);
  });
});
