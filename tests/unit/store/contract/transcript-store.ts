import { describe, expect, it } from 'vitest';
import { MARK_CLOSE, MARK_OPEN, type TranscriptStore } from '../../../../src/core/model/transcript-store.ts';
import { useStore, type OpenTestStore } from './use-store.ts';

const seg = (text: string, startSeconds: number | null = null, speaker: string | null = null) => ({ startSeconds, endSeconds: null, speaker, text });
const feed = (episodeId: string, texts: string[]) => ({ episodeId, origin: 'feed' as const, digest: null, segments: texts.map((t, i) => seg(t, i * 10, 'Ana')) });

/** Every word with its segment count, read slice by slice. */
async function vocabularyOf(store: TranscriptStore, sliceSize?: number): Promise<{ words: Map<string, number>; slices: number }> {
  const words = new Map<string, number>();
  let slices = 0;
  for await (const slice of store.vocabulary(sliceSize)) {
    slices++;
    expect(slice.length).toBeLessThanOrEqual(sliceSize ?? Infinity);
    for (const [term, n] of slice) {
      expect(words.has(term)).toBe(false);
      words.set(term, n);
    }
  }
  return { words, slices };
}

/** Transcript segments: stored, replaced, searched by word, quoted. */
export function transcriptStoreContract(open: OpenTestStore): void {
  describe('transcript segments', () => {
    const store = useStore(open);
    const t = () => store().transcriptSegments;

    it('stores and replaces an episode’s segments, keeping where they came from', async () => {
      await t().replace([
        { episodeId: 'e1', origin: 'catalog', digest: 'd1', segments: [seg('Zebras graze.'), seg('Zebras sleep.')] },
        feed('e2', ['Okapis hide.']),
      ]);
      expect(await t().stored(['e1', 'e2', 'e3'])).toEqual(
        new Map([
          ['e1', { origin: 'catalog', digest: 'd1', segments: 2 }],
          ['e2', { origin: 'feed', digest: null, segments: 1 }],
        ]),
      );
      expect([await t().hasFetched('e1'), await t().hasFetched('e2'), await t().hasFetched('e3')]).toEqual([false, true, false]);
      expect(await t().segmentCount()).toBe(3);
      const replaced = await t().replace([feed('e1', ['Quokkas now.'])], { removedTexts: true });
      expect(replaced.removedTexts.sort()).toEqual(['Zebras graze.', 'Zebras sleep.']);
      expect(await t().hasFetched('e1')).toBe(true);
      expect(await t().matches('zebras')).toEqual([]);
      expect((await t().matches('quokkas')).map((m) => m.episodeId)).toEqual(['e1']);
      expect(await t().segmentCount()).toBe(2);
    });

    it('removes a catalog transcript replaced by nothing, and keeps a fetched one of no segments', async () => {
      await t().replace([{ episodeId: 'e1', origin: 'catalog', digest: 'd', segments: [seg('Zebras.')] }, feed('e2', ['Okapis.'])]);
      await t().replace([{ episodeId: 'e1', origin: 'catalog', digest: null, segments: [] }, feed('e2', [])]);
      expect(await t().stored(['e1', 'e2'])).toEqual(new Map([['e2', { origin: 'feed', digest: null, segments: 0 }]]));
      expect(await t().hasFetched('e2')).toBe(true);
      expect(await t().segmentCount()).toBe(0);
    });

    it('counts each word’s segments, folding case and accents, in slices of the size asked', async () => {
      await t().replace([feed('e1', ['Café CAFÉ cafe', 'the café is closed', 'Zebra 42']), feed('e2', ['zebra café'])]);
      const all = await vocabularyOf(t());
      expect(Object.fromEntries(all.words)).toEqual({ cafe: 3, the: 1, is: 1, closed: 1, zebra: 2, '42': 1 });
      const sliced = await vocabularyOf(t(), 2);
      expect(sliced.words).toEqual(all.words);
      expect(sliced.slices).toBeGreaterThanOrEqual(3);
      await t().replace([feed('e2', [])]);
      expect((await vocabularyOf(t())).words.get('zebra')).toBe(1);
    });

    it('matches a word in every segment that has it, the better match scoring higher', async () => {
      await t().replace([
        feed('e1', ['zebra zebra zebra', 'nothing to see here']),
        feed('e2', ['a long segment that mentions a zebra only once among very many other ordinary words of little interest']),
        feed('e3', ['Zébra!']),
      ]);
      const matches = await t().matches('zebra');
      expect(matches.map((m) => m.episodeId).sort()).toEqual(['e1', 'e2', 'e3']);
      const score = (id: string) => matches.find((m) => m.episodeId === id)!.score;
      expect(score('e1')).toBeGreaterThan(score('e2'));
      expect(score('e3')).toBeGreaterThan(score('e2'));
      expect(matches.every((m) => Number.isFinite(m.score) && m.score > 0)).toBe(true);
      expect(new Set(matches.map((m) => m.segmentId)).size).toBe(3);
      expect(await t().matches('giraffe')).toEqual([]);
    });

    it('reads the segments with a word among some episodes only, or the last stored ones, unscored', async () => {
      await t().replace([
        feed('e1', ['zebra zebra zebra', 'nothing to see here', 'a zebra again']),
        feed('e2', ['a long segment that mentions a zebra only once among very many other ordinary words of little interest']),
        feed('e3', ['Zébra!', 'no stripes']),
      ]);
      const all = await t().matches('zebra');
      const idOf = new Map(all.map((m) => [m.segmentId, m.episodeId]));
      const some = await t().segmentsWith('zebra', { episodes: ['e1', 'e3', 'unknown'] });
      expect(some.map((m) => m.episodeId).sort()).toEqual(['e1', 'e1', 'e3']);
      for (const m of some) expect(idOf.get(m.segmentId)).toBe(m.episodeId);
      const latest = await t().segmentsWith('zebra', { latest: 2 });
      expect(latest.map((m) => m.episodeId).sort()).toEqual(['e2', 'e3']);
      expect(await t().segmentsWith('zebra', { episodes: [] })).toEqual([]);
      expect(await t().segmentsWith('giraffe', { latest: 5 })).toEqual([]);
    });

    it('quotes the segments asked that have the words, with each word marked as written', async () => {
      await t().replace([feed('e1', ['The Zebra met an okapi.', 'Nothing here.']), feed('e2', ['Okapis are shy; an okapi hides.'])]);
      const [zebra] = await t().matches('zebra');
      const okapi = await t().matches('okapi');
      const ids = [zebra!.segmentId, ...okapi.map((m) => m.segmentId)];
      const quotes = await t().quotes(ids, ['zebra', 'okapi']);
      const byId = new Map(quotes.map((q) => [q.segmentId, q]));
      expect(byId.get(zebra!.segmentId)).toEqual({
        segmentId: zebra!.segmentId, marked: `The ${MARK_OPEN}Zebra${MARK_CLOSE} met an ${MARK_OPEN}okapi${MARK_CLOSE}.`, startSeconds: 0, speaker: 'Ana',
      });
      const e2 = okapi.find((m) => m.episodeId === 'e2')!;
      expect(byId.get(e2.segmentId)?.marked).toBe(`Okapis are shy; an ${MARK_OPEN}okapi${MARK_CLOSE} hides.`);
      expect(await t().quotes(ids, ['giraffe'])).toEqual([]);
      expect(await t().quotes([], ['zebra'])).toEqual([]);
    });
  });
}
