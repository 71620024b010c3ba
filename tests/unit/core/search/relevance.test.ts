import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedLibrary } from '../../../helpers/bot.ts';

const library = await shippedLibrary();
const shared: Array<{ q: string; expect: string[] }> = JSON.parse(
  readFileSync(new URL('../../../../../shared/relevance/queries.json', import.meta.url), 'utf8'),
);

/** Queries people type, beyond the shared list, with the episode that must come first. */
const ours: Array<{ q: string; expect: string[] }> = [
  { q: 'tetrate', expect: ['Zack Butcher'] },
  { q: 'cadence uber', expect: ['Maxim Fateev and Samar Abbas'] },
  { q: 'cloud costs', expect: ['John Martinez'] },
  { q: 'palo alto', expect: ['John Martinez'] },
  { q: 'chaos monkey simulated exchanges', expect: ['Carmen Saenz'] },
  { q: 'migrating to aws', expect: ['Paul Marsicovetere'] },
  { q: 'accidental sre', expect: ['Paul Marsicovetere'] },
  { q: 'mobile clients consistency', expect: ['Jose Nino'] },
  { q: 'lyft', expect: ['Jose Nino'] },
  { q: 'dotcloud outage', expect: ['Jérôme Petazzoni'] },
  { q: 'chaos engineering for frontends', expect: ['Mikolaj Pawlikowski'] },
  { q: 'nobl9', expect: ['Alex Hidalgo'] },
  { q: 'bartending', expect: ['Alex Hidalgo'] },
  { q: 'slo', expect: ['Mikolaj Pawlikowski'] },
  { q: 'hill you will die on', expect: ["The Hill You'll Die On"] },
  { q: 'veronica', expect: ['Veronica Lopez'] },
  { q: 'netflix', expect: ['J Paul Reed'] },
  { q: 'hashicorp', expect: ['Taylor Dolezal'] },
];

describe('relevance', () => {
  for (const { q, expect: expected } of [...shared, ...ours]) {
    it(`ranks “${expected[0]}” first for “${q}”`, async () => {
      const hit = (await library.search(q)).hits[0];
      expect(hit && library.get(hit.episodeId)!.title).toBe(expected[0]);
    });
  }
});
