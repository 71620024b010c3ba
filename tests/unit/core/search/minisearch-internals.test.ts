import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { documentIds, fieldIds, termIndex } from '../../../../src/core/search/minisearch-internals.ts';

/**
 * Search reads minisearch's protected word index (src/core/search/minisearch-internals.ts).
 * If a minisearch upgrade moves or reshapes it, this test fails, before search quietly does.
 */
describe('minisearch internals search relies on', () => {
  const mini = new MiniSearch<{ id: string; title: string; notes: string }>({ fields: ['title', 'notes'] });
  mini.addAll([
    { id: 'a', title: 'chaos chaos', notes: 'kubernetes' },
    { id: 'b', title: 'kubernetes', notes: '' },
  ]);

  it('keeps its words in a SearchableMap of word → field id → document → occurrences', () => {
    const index = termIndex(mini);
    // minisearch's bundle carries its own copy of the SearchableMap class: checked by name and methods.
    expect(index.constructor.name).toBe('SearchableMap');
    for (const method of ['get', 'has', 'fuzzyGet', 'atPrefix'] as const) expect(typeof index[method]).toBe('function');
    expect(index.has('chaos')).toBe(true);
    expect(index.has('nothing')).toBe(false);
    const ids = fieldIds(mini) as { title: number; notes: number };
    expect(ids).toEqual({ title: 0, notes: 1 });
    const chaos = index.get('chaos')!;
    expect(chaos).toBeInstanceOf(Map);
    expect([...chaos.keys()]).toEqual([ids.title]);
    expect([...chaos.get(ids.title)!.values()]).toEqual([2]);
    const kubernetes = index.get('kubernetes')!;
    expect(kubernetes.get(ids.title)!.size + kubernetes.get(ids.notes)!.size).toBe(2);
    expect([...index.fuzzyGet('chaso', 2).keys()]).toEqual(['chaos']);
    // Postings name documents by short id; documentIds maps them back.
    const shorts = [...kubernetes.get(ids.title)!.keys(), ...kubernetes.get(ids.notes)!.keys()];
    expect(shorts.map((s) => documentIds(mini).get(s)).sort()).toEqual(['a', 'b']);
  });

  it('restores the same index from its JSON (a saved library)', () => {
    const restored = MiniSearch.loadJS(mini.toJSON(), { fields: ['title', 'notes'] });
    expect(fieldIds(restored)).toEqual({ title: 0, notes: 1 });
    expect([...termIndex(restored).get('chaos')!.get(0)!.values()]).toEqual([2]);
  });
});
