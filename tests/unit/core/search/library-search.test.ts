import { describe, expect, it } from 'vitest';
import type { Episode } from '../../../../src/core/model/catalog-schema.ts';
import { shippedCatalog, shippedLibrary } from '../../../helpers/bot.ts';
import { memoryLibrary } from '../../../helpers/library.ts';

const library = await shippedLibrary();
const top = async (q: string) => {
  const hit = (await library.search(q)).hits[0];
  return hit ? { ...hit, title: library.get(hit.episodeId)!.title } : undefined;
};
const titles = async (q: string) => (await library.search(q, 0, 50)).hits.map((h) => library.get(h.episodeId)!.title);

describe('search matching', () => {
  it('matches the start of a word ("terra" finds the Terraform special)', async () => {
    expect((await top('terra'))?.title).toBe('Taylor Dolezal Terraform Special');
  });

  it('tolerates typos', async () => {
    expect((await top('kuberntes'))?.title).toBe('Jérôme Petazzoni');
    expect((await top('terrafrom'))?.title).toBe('Taylor Dolezal Terraform Special');
    expect((await top('petazoni'))?.title).toBe('Jérôme Petazzoni');
    expect((await top('hidalgp'))?.title).toBe('Alex Hidalgo');
  });

  it('folds accents both ways', async () => {
    expect((await top('jerome'))?.title).toBe('Jérôme Petazzoni');
    expect((await top('JÉRÔME'))?.title).toBe('Jérôme Petazzoni');
  });

  it('ignores case and punctuation', async () => {
    expect((await top('FINOPS!!!'))?.title).toBe('John Martinez');
    expect((await top('e.B.P.F'))?.title).toBe('Mikolaj Pawlikowski');
    expect((await top('"eBPF"?'))?.title).toBe('Mikolaj Pawlikowski');
  });

  it('ignores stop words and words that describe every episode', async () => {
    expect(await titles('the istio episode')).toEqual(await titles('istio'));
    expect(await titles('what about kubernetes')).toEqual(await titles('kubernetes'));
  });

  it('matches words typed without their apostrophe', async () => {
    expect((await top('hyrums law'))?.title).toBe('Alex Hidalgo');
    expect((await top('its always dns'))?.title).toBe('Taylor Dolezal');
  });

  it('finds nothing for words no episode has', async () => {
    expect((await library.search('zyzzyva quokka')).total).toBe(0);
    expect((await library.search('   ')).total).toBe(0);
  });
});

describe('why a result matched', () => {
  it('names the matched chapter with its start', async () => {
    const hit = (await top('kubernetes lasagna'))!;
    expect(hit.title).toBe('Jérôme Petazzoni');
    expect(hit.chapter).toEqual({ title: 'Multilayered Kubernetes lasagna', startSeconds: 966 });
    expect(hit.fields).toContain('chapters');
  });

  it('picks the chapter that holds the most query words', async () => {
    expect((await top('finops multicloud'))?.chapter).toEqual({ title: 'FinOps Foundation and Multicloud', startSeconds: 195 });
  });

  it('quotes the transcript around the words when only the transcript matched', async () => {
    const hit = (await top('database failover'))!;
    expect(hit.title).toBe('Omar Marrero');
    expect(hit.chapter).toBeNull();
    expect(hit.snippet?.source).toBe('transcript');
    expect(hit.snippet?.text).toContain('database failover');
    const marked = hit.snippet!.highlights.map(([s, e]) => hit.snippet!.text.slice(s, e).toLowerCase());
    expect(marked).toEqual(expect.arrayContaining(['database', 'failover']));
  });

  it('keeps snippets short and marks them as cut', async () => {
    const hit = (await top('fuzzing'))!;
    expect(hit.snippet!.text.length).toBeLessThanOrEqual(185);
    expect(hit.snippet!.text).toMatch(/^…|…$/);
  });
});

describe('ranking', () => {
  it('ranks episodes that match every word above those matching some', async () => {
    const ranked = await titles('kessel run');
    expect(ranked[0]).toBe('Omar Marrero');
  });

  it('breaks ties by recency: the newer episode first', async () => {
    const twin = (id: string, publishedAt: string): Episode => ({
      ...shippedCatalog().episodes[16]!,
      id,
      title: 'Quokka resilience',
      description: 'All about quokkas.',
      publishedAt,
    });
    const catalog = { ...shippedCatalog(), episodes: [twin('older-twin', '2020-01-01'), twin('newer-twin', '2022-01-01')] };
    const lib = await memoryLibrary(catalog);
    expect((await lib.search('quokka')).hits.map((h) => h.episodeId)).toEqual(['newer-twin', 'older-twin']);
  });

  it('returns results in pages of 5 with the total', async () => {
    const first = await library.search('chaos', 0, 5);
    const second = await library.search('chaos', 5, 5);
    expect(first.hits).toHaveLength(5);
    expect(first.total).toBe(second.total);
    expect(second.hits.length).toBe(first.total - 5);
    expect(new Set([...first.hits, ...second.hits].map((h) => h.episodeId)).size).toBe(first.total);
  });
});

describe('a live catalog', () => {
  it('makes a new episode searchable at once, and an edit replaces the old text', async () => {
    const lib = await memoryLibrary(shippedCatalog());
    const base = shippedCatalog().episodes[0]!;
    const adding = lib.upsert([{ ...base, id: 'new-one', guid: 'g1', title: 'Zebras in production', publishedAt: '2030-01-01', transcriptExcerpt: null }]);
    expect(lib.latest(0, 1)[0]!.id).toBe('new-one');
    await adding;
    expect((await lib.search('zebras')).hits[0]?.episodeId).toBe('new-one');
    await lib.upsert([{ ...lib.get('new-one')!, title: 'Giraffes in production' }]);
    expect((await lib.search('zebras')).total).toBe(0);
    expect((await lib.search('giraffes')).hits[0]?.episodeId).toBe('new-one');
    expect(lib.size).toBe(18);
  });
});
