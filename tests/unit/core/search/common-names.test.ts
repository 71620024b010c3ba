import { describe, expect, it } from 'vitest';
import type { Catalog, Episode } from '../../../../src/core/model/catalog-schema.ts';
import { COMMON_NAME_ENTRIES } from '../../../../src/core/search/common-names.ts';
import { shippedCatalog } from '../../../helpers/bot.ts';
import { memoryLibrary } from '../../../helpers/library.ts';

/** 1,200 episodes, every title with "the" (more than COMMON_NAME_ENTRIES names), a few with "shark" or "theory". */
const EPISODES = 1_200;
const shipped = shippedCatalog();
const template = shipped.episodes[0]!;
function title(i: number): string {
  if (i % 100 === 7) return `The shark tale ${i}`;
  if (i % 100 === 8) return `Theory of the game ${i}`;
  return `Notes from the road ${i}`;
}
function episode(i: number): Episode {
  return { ...template, id: `ep-${i}`, title: title(i), chapters: [], guests: [], transcriptExcerpt: null, publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString() };
}
const catalog: Catalog = { ...shipped, episodes: Array.from({ length: EPISODES }, (_, i) => episode(i)) };
const library = await memoryLibrary(catalog);
const newestFirst = library.latest(0, library.size).map((e) => e.title);
const labels = (typed: string) => library.suggest(typed, ['episode'], 25).map((s) => s.label);

describe('autocomplete of a very common title word', () => {
  it('is common enough to walk the ranked lists', () => {
    expect(EPISODES).toBeGreaterThan(COMMON_NAME_ENTRIES);
  });

  it('lists the newest titles with a word starting with it', () => {
    expect(labels('the')).toEqual(newestFirst.filter((t) => /(^|\s)the/i.test(t)).slice(0, 25));
  });

  it('filters by a short last word, newest first', () => {
    const got = labels('The sh');
    expect(got).toEqual(newestFirst.filter((t) => /(^|\s)the(\s|$)/i.test(t) && /(^|\s)sh/i.test(t)).slice(0, 25));
    expect(got.length).toBe(12);
    expect(got[0]).toBe('The shark tale 1107');
  });

  it('keeps every word: a common word with a rarer one', () => {
    expect(labels('the theory')).toEqual(newestFirst.filter((t) => /theory/i.test(t)).slice(0, 25));
    expect(labels('the zebra')).toEqual([]);
  });

  it('still takes a typo in the rarer word', () => {
    expect(labels('the sharc')).toContain('The shark tale 1107');
  });
});

describe('autocomplete of a very common word and one letter', () => {
  it('keeps the names with a word starting with that letter, newest first', () => {
    expect(labels('the s')).toEqual(newestFirst.filter((t) => /(^|\s)the(\s|$)/i.test(t) && /(^|\s)s/i.test(t)).slice(0, 25));
    expect(labels('the s')[0]).toBe('The shark tale 1107');
  });
});
