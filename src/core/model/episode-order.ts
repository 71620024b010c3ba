/** Anything with an optional ISO `publishedAt` (a catalog or feed episode). */
export interface Dated {
  publishedAt: string | null;
}

/**
 * Orders episodes newest first: the one order of the catalog, the feed
 * parser and the library.
 *
 * - Dated episodes sort by their instant (`2021-10-05` is midnight UTC; a
 *   date-time without a zone is read as UTC); equal dates keep listing order.
 * - An undated episode keeps its place relative to its dated neighbours: it
 *   stays right after the episode listed above it (it sorts as if it had the
 *   date of the nearest dated episode above, and after it). Undated episodes
 *   at the top of the listing stay at the top. A listing newest first (as the
 *   catalog must be, and as feeds are by convention) is thus kept as it is.
 *
 * Why this rule: the library re-sorts whenever episodes arrive, prepending
 * them to the order it holds; an undated episode must not move because an
 * old item showed up late. The rule is idempotent (sorting a sorted listing
 * changes nothing), so the parser, a restart and an update agree. Date
 * strings that cannot be read count as undated.
 */
export function newestFirst<T extends Dated>(listing: readonly T[]): T[] {
  let carried = Number.POSITIVE_INFINITY;
  const keyed = listing.map((episode, position) => {
    const time = publishedTime(episode);
    if (time !== null) carried = time;
    return { episode, time: time ?? carried, position };
  });
  keyed.sort((a, b) => b.time - a.time || a.position - b.position);
  return keyed.map((k) => k.episode);
}

/** `publishedAt` as milliseconds since the epoch; null when missing or unreadable. */
function publishedTime(episode: Dated): number | null {
  const text = episode.publishedAt;
  if (!text) return null;
  const zoned = /T.*(Z|[+-]\d{2}:?\d{2})$/i.test(text) || !text.includes('T') ? text : `${text}Z`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? null : time;
}
