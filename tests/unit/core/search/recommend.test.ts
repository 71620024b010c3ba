import { describe, expect, it } from 'vitest';
import { CONSOLE, shippedCatalog, shippedLibrary, testDispatcher } from '../../../helpers/bot.ts';
import { memoryLibrary } from '../../../helpers/library.ts';

const library = await shippedLibrary();
const { dispatcher } = await testDispatcher();

describe('recommendations', () => {
  it('never recommends the episode itself, for any episode', async () => {
    for (const ep of library.latest(0, 100)) {
      const recs = await library.similarTo(ep.id, 3);
      expect(recs.length).toBeLessThanOrEqual(3);
      expect(recs.map((r) => r.episodeId)).not.toContain(ep.id);
    }
  });

  it('is deterministic: two libraries built alike give the same list', async () => {
    const other = await memoryLibrary(shippedCatalog());
    for (const ep of library.latest(0, 100)) expect(await other.similarTo(ep.id)).toEqual(await library.similarTo(ep.id));
  });

  it('puts episodes sharing a guest first and says so', async () => {
    const [first] = await library.similarTo('taylor-dolezal-terraform-special');
    expect(first).toMatchObject({ episodeId: 'taylor-dolezal', sharedGuests: ['Taylor Dolezal'] });
    expect(first!.reason).toMatch(/^Also with Taylor Dolezal/);
  });

  it('names shared topics as the reason when no guest is shared', async () => {
    const recs = await library.similarTo('omar-marrero');
    expect(recs).toHaveLength(3);
    for (const r of recs) expect(r.reason).toMatch(/^Also about \S/);
    expect(recs[0]!.sharedTopics.map((t) => t.toLowerCase())).toContain('chaos engineering');
  });

  it('answers /recommend for a topic with the best match named and three others', async () => {
    const a = await dispatcher.command('recommend', { episode: 'istio' }, CONSOLE);
    expect(a.headline).toBe('If you liked “Zack Butcher”');
    expect(a.body[0]).toContain('“Zack Butcher”');
    expect(a.episodes).toHaveLength(3);
    expect(a.episodes.map((e) => e.id)).not.toContain('zack-butcher');
    expect(a.episodes.every((e) => e.reason && e.reason.length > 0)).toBe(true);
  });

  it('answers /recommend for an exact title without an introduction', async () => {
    const a = await dispatcher.command('recommend', { episode: 'the hill you’ll die on' }, CONSOLE);
    expect(a.headline).toBe('If you liked “The Hill You\'ll Die On”');
    expect(a.body).toEqual([]);
    // Its three guests' own episodes, the two sharing an organisation as well first.
    expect(a.episodes.map((e) => e.id).slice(0, 2).sort()).toEqual(['brian-holt', 'j-paul-reed']);
    expect(a.episodes[2]!.id).toBe('jerome-petazzoni');
  });

  it('says so when nothing is like the episode', async () => {
    const a = await dispatcher.command('recommend', { episode: 'Veronica Lopez' }, CONSOLE);
    expect(a.kind).toBe('notice');
    expect(a.headline).toBe('Nothing else is quite like “Veronica Lopez”');
  });
});
