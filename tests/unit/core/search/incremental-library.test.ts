import { describe, expect, it } from 'vitest';
import type { Episode } from '../../../../src/core/model/catalog-schema.ts';
import type { Library } from '../../../../src/core/search/library.ts';
import { shippedCatalog } from '../../../helpers/bot.ts';
import { memoryLibrary } from '../../../helpers/library.ts';

/** What the name index and the recommender answer, for a set of probes. */
async function answers(lib: Library, withSimilar = true) {
  const typed = ['t', 'j', 'a', 'chaos', 'taylor', 'jerome', 'petazoni', 'the hill', 'alex hid', 'brian'];
  return {
    suggest: typed.map((t) => lib.suggest(t, ['episode', 'guest'], 25)),
    guests: ['Taylor Dolezal', 'Jerome', 'J Paul Reed', 'Alex', 'Ana Medina'].map((n) => lib.findGuests(n)),
    // minisearch's scores depend on its history (a discarded document lingers until vacuumed): compare the picks and reasons.
    similar: !withSimilar ? [] : await Promise.all(lib.latest(0, 100).map(async (e) => (await lib.similarTo(e.id, 3)).map(({ score: _, ...r }) => r))),
  };
}

describe('a library updated episode by episode answers as one built at once', () => {
  it('after episodes arrive one at a time, oldest first', async () => {
    const catalog = shippedCatalog();
    const whole = await memoryLibrary(catalog);
    const oneByOne = await memoryLibrary({ ...catalog, episodes: [] });
    for (const ep of [...catalog.episodes].reverse()) await oneByOne.upsert([ep]);
    expect(await answers(oneByOne)).toEqual(await answers(whole));
  });

  it('after an episode is edited (a guest renamed) or removed', async () => {
    const catalog = shippedCatalog();
    const lib = await memoryLibrary(catalog);
    const taylor = catalog.episodes.find((e) => e.id === 'taylor-dolezal')!;
    const renamed: Episode = { ...taylor, title: 'Quokka Infrastructure', guests: [{ ...taylor.guests[0]!, name: 'Tayla Dolezal' }] };
    await lib.upsert([renamed]);
    const edited = await memoryLibrary({ ...catalog, episodes: catalog.episodes.map((e) => (e.id === renamed.id ? renamed : e)) });
    expect(await answers(lib)).toEqual(await answers(edited));
    expect(lib.suggest('quokka', ['episode'], 5).map((s) => s.value)).toEqual(['taylor-dolezal']);
    expect(lib.findGuests('Tayla Dolezal')[0]).toMatchObject({ name: 'Tayla Dolezal', episodeIds: ['taylor-dolezal'] });

    lib.remove(['taylor-dolezal', 'jerome-petazzoni']);
    const without = await memoryLibrary({ ...catalog, episodes: catalog.episodes.filter((e) => !['taylor-dolezal', 'jerome-petazzoni'].includes(e.id)) });
    // Recommendations weigh words by minisearch's document counts, which keep a removed episode until vacuumed: names only here.
    expect(await answers(lib, false)).toEqual(await answers(without, false));
    expect(lib.suggest('quokka', ['episode'], 5)).toEqual([]);
    // Still a guest of “The Hill You’ll Die On”, now of that episode only.
    expect(lib.findGuests('Jérôme Petazzoni')[0]).toMatchObject({ name: 'Jérôme Petazzoni', episodeIds: ['the-hill-youll-die-on'] });
    expect((await lib.similarTo('the-hill-youll-die-on')).map((r) => r.episodeId)).not.toContain('jerome-petazzoni');
  });
});
