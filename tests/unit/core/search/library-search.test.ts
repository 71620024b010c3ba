import { describe, expect, it } from 'vitest';
import type { Episode } from '../../../../src/core/model/catalog-schema.ts';
import { Library } from '../../../../src/core/search/library.ts';
import { shippedCatalog, shippedLibrary } from '../../../helpers/bot.ts';

const library = shippedLibrary();
const top = (q: string) => {
  const hit = library.search(q).hits[0];
  return hit ? { ...hit, title: library.get(hit.episodeId)!.title } : undefined;
};
const titles = (q: string) => library.search(q, 0, 50).hits.map((h) => library.get(h.episodeId)!.title);

describe('search matching', () => {
  it('matches the start of a word ("terra" finds the Terraform special)', () => {
    expect(top('terra')?.title).toBe('Taylor Dolezal Terraform Special');
  });

  it('tolerates typos', () => {
    expect(top('kuberntes')?.title).toBe('Jérôme Petazzoni');
    expect(top('terrafrom')?.title).toBe('Taylor Dolezal Terraform Special');
    expect(top('petazoni')?.title).toBe('Jérôme Petazzoni');
    expect(top('hidalgp')?.title).toBe('Alex Hidalgo');
  });

  it('folds accents both ways', () => {
    expect(top('jerome')?.title).toBe('Jérôme Petazzoni');
    expect(top('JÉRÔME')?.title).toBe('Jérôme Petazzoni');
  });

  it('ignores case and punctuation', () => {
    expect(top('FINOPS!!!')?.title).toBe('John Martinez');
    expect(top('e.B.P.F')?.title).toBe('Mikolaj Pawlikowski');
    expect(top('"eBPF"?')?.title).toBe('Mikolaj Pawlikowski');
  });

  it('ignores stop words and words that describe every episode', () => {
    expect(titles('the istio episode')).toEqual(titles('istio'));
    expect(titles('what about kubernetes')).toEqual(titles('kubernetes'));
  });

  it('matches words typed without their apostrophe', () => {
    expect(top('hyrums law')?.title).toBe('Alex Hidalgo');
    expect(top('its always dns')?.title).toBe('Taylor Dolezal');
  });

  it('finds nothing for words no episode has', () => {
    expect(library.search('zyzzyva quokka').total).toBe(0);
    expect(library.search('   ').total).toBe(0);
  });
});

describe('why a result matched', () => {
  it('names the matched chapter with its start', () => {
    const hit = top('kubernetes lasagna')!;
    expect(hit.title).toBe('Jérôme Petazzoni');
    expect(hit.chapter).toEqual({ title: 'Multilayered Kubernetes lasagna', startSeconds: 966 });
    expect(hit.fields).toContain('chapters');
  });

  it('picks the chapter that holds the most query words', () => {
    expect(top('finops multicloud')?.chapter).toEqual({ title: 'FinOps Foundation and Multicloud', startSeconds: 195 });
  });

  it('quotes the transcript around the words when only the transcript matched', () => {
    const hit = top('database failover')!;
    expect(hit.title).toBe('Omar Marrero');
    expect(hit.chapter).toBeNull();
    expect(hit.snippet?.source).toBe('transcript');
    expect(hit.snippet?.text).toContain('database failover');
    const marked = hit.snippet!.highlights.map(([s, e]) => hit.snippet!.text.slice(s, e).toLowerCase());
    expect(marked).toEqual(expect.arrayContaining(['database', 'failover']));
  });

  it('keeps snippets short and marks them as cut', () => {
    const hit = top('fuzzing')!;
    expect(hit.snippet!.text.length).toBeLessThanOrEqual(185);
    expect(hit.snippet!.text).toMatch(/^…|…$/);
  });
});

describe('ranking', () => {
  it('ranks episodes that match every word above those matching some', () => {
    const ranked = titles('kessel run');
    expect(ranked[0]).toBe('Omar Marrero');
  });

  it('breaks ties by recency: the newer episode first', () => {
    const twin = (id: string, publishedAt: string): Episode => ({
      ...shippedCatalog().episodes[16]!,
      id,
      title: 'Quokka resilience',
      description: 'All about quokkas.',
      publishedAt,
    });
    const catalog = { ...shippedCatalog(), episodes: [twin('older-twin', '2020-01-01'), twin('newer-twin', '2022-01-01')] };
    const lib = new Library(catalog);
    expect(lib.search('quokka').hits.map((h) => h.episodeId)).toEqual(['newer-twin', 'older-twin']);
  });

  it('returns results in pages of 5 with the total', () => {
    const first = library.search('chaos', 0, 5);
    const second = library.search('chaos', 5, 5);
    expect(first.hits).toHaveLength(5);
    expect(first.total).toBe(second.total);
    expect(second.hits.length).toBe(first.total - 5);
    expect(new Set([...first.hits, ...second.hits].map((h) => h.episodeId)).size).toBe(first.total);
  });
});

describe('a live catalog', () => {
  it('makes a new episode searchable at once, and an edit replaces the old text', () => {
    const lib = new Library(shippedCatalog());
    const base = shippedCatalog().episodes[0]!;
    lib.upsert([{ ...base, id: 'new-one', guid: 'g1', title: 'Zebras in production', publishedAt: '2030-01-01', transcriptExcerpt: null }]);
    expect(lib.search('zebras').hits[0]?.episodeId).toBe('new-one');
    expect(lib.latest(0, 1)[0]!.id).toBe('new-one');
    lib.upsert([{ ...lib.get('new-one')!, title: 'Giraffes in production' }]);
    expect(lib.search('zebras').total).toBe(0);
    expect(lib.search('giraffes').hits[0]?.episodeId).toBe('new-one');
    expect(lib.size).toBe(18);
  });
});
