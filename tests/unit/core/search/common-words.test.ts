import { describe, expect, it } from 'vitest';
import type { Catalog, Episode } from '../../../../src/core/model/catalog-schema.ts';
import { COMMON_TOP_K } from '../../../../src/core/search/common-words.ts';
import { MetadataIndex } from '../../../../src/core/search/metadata-index.ts';
import { DEFAULT_SEARCH_OPTIONS } from '../../../../src/core/search/search-types.ts';
import { shippedCatalog } from '../../../helpers/bot.ts';
import { memoryLibrary } from '../../../helpers/library.ts';

/**
 * A catalog big enough for the common-word rule: 1,000 episodes, "outro" in
 * every description (a common word: in more than 10 % of them, and 500 or
 * more), "kombucha" in three (ep-10, ep-11, ep-12), and "outro" in the
 * titles of ep-10 and of ep-900.
 */
const EPISODES = 1_000;
const shipped = shippedCatalog();
const template = shipped.episodes[0]!;

function episode(i: number): Episode {
  const title = i === 10 || i === 900 ? `The outro special ${i}` : `Talk number ${i}`;
  const description = `Talk ${i}. ${i >= 10 && i <= 12 ? 'We brew kombucha.' : 'Nothing to brew.'} Stay for the outro.`;
  return { ...template, id: `ep-${i}`, title, description, chapters: [], guests: [], transcriptExcerpt: null, publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString() };
}

const catalog: Catalog = { ...shipped, episodes: Array.from({ length: EPISODES }, (_, i) => episode(i)) };
const library = await memoryLibrary(catalog);
const ids = async (query: string, limit = 5) => (await library.search(query, 0, limit)).hits.map((h) => h.episodeId);

describe('a common metadata word is scored at bounded cost, never dropped', () => {
  it('changes the order among the episodes the rarer words found', async () => {
    // Alone, "kombucha" ranks its three episodes newest first (same score).
    expect(await ids('kombucha')).toEqual(['ep-12', 'ep-11', 'ep-10']);
    // With "outro", the one with "outro" in its title comes first: the common word counts.
    const page = await library.search('kombucha outro', 0, 5);
    expect(page.hits.map((h) => h.episodeId)).toEqual(['ep-10', 'ep-12', 'ep-11']);
    // It is scored only among those three: the 997 other "outro" episodes are not candidates.
    expect(page.total).toBe(3);
    expect(page.unmatched).toEqual([]);
    expect(page.hits[0]!.matchedTerms).toEqual(['kombucha', 'outro']);
  });

  it('answers a query of common words only from a capped set, title holders first', async () => {
    const index = new MetadataIndex(DEFAULT_SEARCH_OPTIONS);
    index.upsert(catalog.episodes);
    const found = index.search([index.planWord('outro')]);
    expect(found.size).toBe(COMMON_TOP_K);
    expect(found.has('ep-10') && found.has('ep-900')).toBe(true);
    const page = await library.search('outro', 0, 5);
    expect(page.hits.slice(0, 2).map((h) => h.episodeId)).toEqual(['ep-900', 'ep-10']);
  });

  it('keeps the capped set within a show filter', async () => {
    const page = await library.search('outro', 0, 5, (ep) => Number(ep.id.slice(3)) >= 950);
    expect(page.total).toBe(50);
    expect(page.hits.every((h) => Number(h.episodeId.slice(3)) >= 950)).toBe(true);
  });

  it('finds a word with a typo next to a common word', async () => {
    expect(await ids('kombuca outro')).toEqual(['ep-10', 'ep-12', 'ep-11']);
  });
});
