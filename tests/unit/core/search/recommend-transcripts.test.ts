import { describe, expect, it } from 'vitest';
import { CATALOG_FORMAT_VERSION, episodeSchema, type Catalog, type Episode } from '../../../../src/core/model/catalog-schema.ts';
import { CONSOLE, testDispatcher } from '../../../helpers/bot.ts';
import { memoryLibrary } from '../../../helpers/library.ts';

function episode(id: string, day: number, fields: Partial<Episode>): Episode {
  return episodeSchema.parse({ id, title: id, description: '', publishedAt: `2024-03-${String(day).padStart(2, '0')}`, durationSeconds: null, ...fields });
}

/** Three episodes whose metadata share nothing; only the tide episode's conversation talks about the zebrafish episode's guest and her institute. */
function catalog(): Catalog {
  return {
    version: CATALOG_FORMAT_VERSION,
    podcast: { title: 'Field Station', description: '', publisher: null, language: 'en', imageUrl: null, links: [] },
    episodes: [
      episode('desert-irrigation', 3, {
        title: 'Desert irrigation', guests: [{ name: 'Cy Moreau', handle: null, role: null, org: null }],
        description: 'Drip lines, cisterns and the economics of irrigation in arid farms.',
      }),
      episode('tidal-energy', 2, {
        title: 'Tidal energy', guests: [{ name: 'Bo Lindqvist', handle: null, role: null, org: null }],
        description: 'Turbines under the sea and the grid that takes their power.',
        transcriptExcerpt: 'Bo: Turbines are the easy part.\n\nHost: What surprised you?\n\nBo: Honestly, the fish. Ada Quinlan showed me the tanks at the Danio Institute once and I started counting what swims past our rotors.',
      }),
      episode('zebrafish-genomes', 1, {
        title: 'Zebrafish genomes', guests: [{ name: 'Ada Quinlan', handle: null, role: 'Biologist', org: 'Danio Institute' }],
        description: 'Sequencing zebrafish to understand how fins grow back.',
      }),
    ],
  };
}

describe('recommendations that come from conversation', () => {
  it('recommends an episode whose transcript talks about this one’s guest and the guest’s organisation, saying so', async () => {
    const lib = await memoryLibrary(catalog());
    const recs = await lib.similarTo('zebrafish-genomes');
    expect(recs).toEqual([
      expect.objectContaining({ episodeId: 'tidal-energy', sharedGuests: [], sharedTopics: [], talksAbout: ['Ada Quinlan', 'Danio Institute'], reason: 'Also talks about Ada Quinlan, Danio Institute' }),
    ]);
  });

  it('links nothing where no transcript does, never the episode itself, and the same on every build', async () => {
    const lib = await memoryLibrary(catalog());
    expect(await lib.similarTo('desert-irrigation')).toEqual([]);
    // The tide episode's own transcript names Ada Quinlan: that is no reason to recommend it to itself.
    expect((await lib.similarTo('tidal-energy')).map((r) => r.episodeId)).not.toContain('tidal-energy');
    const again = await memoryLibrary(catalog());
    for (const id of ['zebrafish-genomes', 'tidal-energy', 'desert-irrigation']) expect(await again.similarTo(id)).toEqual(await lib.similarTo(id));
  });

  it('follows a fetched transcript: the link comes with it and goes with it', async () => {
    const plain = catalog();
    plain.episodes = plain.episodes.map((e) => ({ ...e, transcriptExcerpt: null }));
    const lib = await memoryLibrary(plain);
    expect(await lib.similarTo('zebrafish-genomes')).toEqual([]);
    await lib.transcripts.replaceTranscript('desert-irrigation', [
      { startSeconds: 61, endSeconds: 70, speaker: 'Cy', text: 'We borrowed an idea from Ada Quinlan for the cisterns.' },
    ]);
    expect((await lib.similarTo('zebrafish-genomes')).map((r) => [r.episodeId, r.reason])).toEqual([['desert-irrigation', 'Also talks about Ada Quinlan']]);
    await lib.transcripts.replaceTranscript('desert-irrigation', [{ startSeconds: 61, endSeconds: 70, speaker: 'Cy', text: 'Cisterns again.' }]);
    expect(await lib.similarTo('zebrafish-genomes')).toEqual([]);
  });

  it('answers /recommend with the conversation’s reason', async () => {
    const { dispatcher } = await testDispatcher(await memoryLibrary(catalog()));
    const a = await dispatcher.command('recommend', { episode: 'Zebrafish genomes' }, CONSOLE);
    expect(a.episodes.map((e) => [e.id, e.reason])).toEqual([['tidal-energy', 'Also talks about Ada Quinlan, Danio Institute']]);
  });
});

describe('recommendations from conversation on the shipped catalog', () => {
  it('names an organisation said in another episode’s conversation, after those sharing a guest', async () => {
    const lib = await memoryLibrary((await import('../../../helpers/bot.ts')).shippedCatalog());
    const recs = await lib.similarTo('j-paul-reed');
    expect(recs[0]).toMatchObject({ episodeId: 'the-hill-youll-die-on', reason: 'Also with J Paul Reed' });
    expect(recs[1]).toMatchObject({ episodeId: 'omar-marrero', sharedTopics: [] });
    expect(recs[1]!.reason).toMatch(/^Also talks about Netflix/);
  });
});
