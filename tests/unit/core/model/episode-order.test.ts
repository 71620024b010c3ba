import { describe, expect, it } from 'vitest';
import { newestFirst } from '../../../../src/core/model/episode-order.ts';
import { memoryLibrary } from '../../../helpers/library.ts';
import { parseFeed } from '../../../../src/feed/xml/parse-feed.ts';

const listing = (...dates: Array<[string, string | null]>) => dates.map(([id, publishedAt]) => ({ id, publishedAt }));
const order = (episodes: ReadonlyArray<{ id: string; publishedAt: string | null }>) => newestFirst(episodes).map((e) => e.id);

describe('newestFirst: the one newest-first order', () => {
  it('keeps a catalog listed newest first as it is, undated episodes where they are listed', () => {
    const catalog = listing(['x', '2021-10-05'], ['u1', null], ['y', '2021-09-21'], ['u2', null], ['u3', null]);
    expect(order(catalog)).toEqual(['x', 'u1', 'y', 'u2', 'u3']);
  });

  it('sorts dated episodes by instant (dates, date-times, offsets), equal instants in listing order', () => {
    const mixed = listing(
      ['day', '2021-10-05'], ['noon-utc', '2021-10-05T12:00:00Z'], ['noon-paris', '2021-10-05T12:00:00+02:00'],
      ['noon-no-zone', '2021-10-05T12:00'], ['same-as-day', '2021-10-05T00:00:00Z'],
    );
    expect(order(mixed)).toEqual(['noon-utc', 'noon-no-zone', 'noon-paris', 'day', 'same-as-day']);
  });

  it('keeps an undated episode right after the one listed above it, wherever that one goes', () => {
    expect(order(listing(['a', '2020-01-01'], ['b', null], ['c', '2022-01-01'], ['d', '2021-01-01']))).toEqual(['c', 'd', 'a', 'b']);
    expect(order(listing(['x', '2021-05-01'], ['u', null], ['y', '2021-05-01']))).toEqual(['x', 'u', 'y']);
  });

  it('keeps undated episodes at the top of the listing at the top', () => {
    expect(order(listing(['u', null], ['old', '2019-01-01'], ['new', '2022-01-01']))).toEqual(['u', 'new', 'old']);
  });

  it('counts an unreadable date as no date', () => {
    expect(order(listing(['a', '2021-01-01'], ['bad', 'soon'], ['b', '2022-01-01']))).toEqual(['b', 'a', 'bad']);
  });

  it('is idempotent: ordering an ordered listing changes nothing', () => {
    const shuffled = listing(['a', '2020-01-01'], ['u1', null], ['c', '2022-01-01'], ['u2', null], ['d', '2021-01-01'], ['e', '2020-01-01'], ['u3', null]);
    const once = newestFirst(shuffled);
    expect(newestFirst(once)).toEqual(once);
  });
});

describe('the feed parser and the library order the same way', () => {
  const items = [['a', '2020-01-01'], ['b', ''], ['c', '2022-01-01'], ['d', '2021-01-01']]
    .map(([t, d]) => `<item><guid>${t}</guid><title>${t}</title><pubDate>${d}</pubDate></item>`).join('');
  const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Show</title>${items}</channel></rss>`;

  it('gives a feed out of order the same order parsed, in the library, and after an old item arrives late', async () => {
    const parsed = parseFeed(xml, { feedName: 'order.xml' });
    if (!parsed.ok) throw new Error(parsed.error);
    const { podcast, episodes } = parsed.feed;
    expect(episodes.map((e) => e.title)).toEqual(['c', 'd', 'a', 'b']);

    const library = await memoryLibrary({ version: 1, podcast, episodes });
    const titles = async () => (await library.latest(0, 10)).map((e) => e.title);
    expect(await titles()).toEqual(['c', 'd', 'a', 'b']);

    const late = { ...episodes[0]!, id: 'late', title: 'late', publishedAt: '2019-01-01T00:00:00Z' };
    await library.upsert([late]);
    expect(await titles()).toEqual(['c', 'd', 'a', 'b', 'late']);
  });
});
