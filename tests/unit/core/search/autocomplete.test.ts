import { describe, expect, it } from 'vitest';
import { shippedLibrary } from '../../../helpers/bot.ts';

const library = await shippedLibrary();
const labels = (typed: string, kinds: Array<'episode' | 'guest'> = ['episode', 'guest']) => library.suggest(typed, kinds, 25).map((s) => s.label);
const newestFirst = library.latest(0, library.size).map((e) => e.title);

describe('autocomplete of titles and guests', () => {
  it('lists for two letters the names with a word starting with them, newest episodes first, then guests', () => {
    const got = labels('ma', ['episode']);
    const expected = newestFirst.filter((t) => /(^|[^\p{L}])ma/iu.test(t));
    expect(expected.length).toBeGreaterThan(0);
    expect(got).toEqual(expected.slice(0, 25));
    expect(labels('hi', ['guest'])).toContain('Alex Hidalgo');
  });

  it('filters what the first words found by a last word of one or two letters', () => {
    const got = labels('Alex H');
    expect(got).toContain('Alex Hidalgo');
    expect(got.every((l) => /alex/i.test(l) && /(^|\s)h/i.test(l))).toBe(true);
    expect(labels('Alex Z')).toEqual([]);
  });

  it('completes a word being typed without taking it for a typo', () => {
    expect(labels('petaz')).toContain('Jérôme Petazzoni');
    expect(labels('Hidalg')).toContain('Alex Hidalgo');
    expect(labels('hidalgp', ['guest'])).toContain('Alex Hidalgo');
  });
});
