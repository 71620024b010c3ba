import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedLibrary } from '../../../helpers/bot.ts';
import { describeShared } from '../../../helpers/shared-material.ts';

/** A query and the episode title that must come first (`why`: what kind of query it stands for). */
type Query = { q: string; expect: string[]; why?: string };

const library = await shippedLibrary();
const queries = (path: string | URL): Query[] => JSON.parse(readFileSync(path, 'utf8'));

function ranksFirst({ q, expect: expected, why }: Query): void {
  it(`ranks “${expected[0]}” first for “${q}”${why ? ` (${why})` : ''}`, async () => {
    const hit = (await library.search(q)).hits[0];
    expect(hit && library.get(hit.episodeId)!.title).toBe(expected[0]);
  });
}

describe('relevance (tests/fixtures/relevance/queries.json, over the shipped catalog)', () => {
  const ours = queries(new URL('../../../fixtures/relevance/queries.json', import.meta.url));
  it('has queries of every kind', () => expect(ours.length).toBeGreaterThan(30));
  ours.forEach(ranksFirst);
});

describeShared('relevance (../shared/relevance/queries.json)', 'relevance/queries.json', (path) => {
  queries(path).forEach(ranksFirst);
});
