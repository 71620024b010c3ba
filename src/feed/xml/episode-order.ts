/** Anything with an optional ISO `publishedAt`. */
interface Dated {
  publishedAt: string | null;
}

/**
 * Orders episodes newest first. Dated episodes are sorted by date (newest
 * first; equal dates keep feed order) into the positions dated episodes held
 * in the feed; an episode without a date keeps its exact feed position, so
 * its place relative to its neighbours is the feed's own.
 */
export function newestFirst<T extends Dated>(episodes: readonly T[]): T[] {
  const dated = episodes
    .map((episode, index) => ({ episode, index, time: Date.parse(episode.publishedAt ?? '') }))
    .filter((entry) => !Number.isNaN(entry.time))
    .sort((a, b) => b.time - a.time || a.index - b.index);
  let next = 0;
  return episodes.map((episode) => (Number.isNaN(Date.parse(episode.publishedAt ?? '')) ? episode : dated[next++]!.episode));
}
