import type { Episode } from './catalog-schema.ts';

/**
 * Orders episodes newest first. Dated episodes sort by date; an undated
 * episode keeps its place in the listing (it takes the date of the nearest
 * dated episode listed above it), so a catalog listed newest first stays right.
 */
export function newestFirst(listing: readonly Episode[]): Episode[] {
  let carried = '9999-12-31';
  const keyed = listing.map((ep, position) => {
    if (ep.publishedAt) carried = ep.publishedAt;
    return { ep, date: ep.publishedAt ?? carried, dated: ep.publishedAt !== null, position };
  });
  keyed.sort(
    (a, b) =>
      compareDesc(a.date.slice(0, 10), b.date.slice(0, 10)) ||
      Number(b.dated) - Number(a.dated) ||
      compareDesc(a.date, b.date) ||
      a.position - b.position,
  );
  return keyed.map((k) => k.ep);
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
