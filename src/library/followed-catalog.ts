import type { Podcast } from '../core/model/catalog-schema.ts';
import { CATALOG_SHOW_KEY, type ShowDirectory } from '../core/model/shows.ts';
import type { Library } from '../core/search/library.ts';
import type { ShowRepository } from '../store/ports/shows.ts';
import { placeholderPodcast } from './load-library.ts';

/** A feed followed now, as the feed network reports it. */
export interface FollowedFeedRef {
  feedUrl: string;
  showKey: string;
}

/**
 * Makes what the bot answers from match the feeds followed now (on every
 * process, whenever the list changes): each followed feed is a show (named
 * as stored, else after its feed until its first poll); a show no longer
 * followed keeps its episodes while the store has it, and is forgotten with
 * its episodes once it was removed for good. With any feed followed, the
 * shipped demo catalog gives way: its show and episodes leave the answers,
 * as with FEED_URL. Returns whether the demo just gave way.
 */
export async function applyFollowed(feeds: readonly FollowedFeedRef[], library: Library, shows: ShowDirectory, stored: Pick<ShowRepository, 'all'>): Promise<boolean> {
  const known = new Map((await stored.all()).map((s) => [s.key, s]));
  const followed = new Set(feeds.map((f) => f.showKey));
  for (const f of feeds) {
    const podcast: Podcast = known.get(f.showKey)?.podcast ?? shows.get(f.showKey)?.podcast ?? placeholderPodcast(f.feedUrl);
    shows.put({ key: f.showKey, feedUrl: f.feedUrl, followed: true, podcast });
  }
  for (const show of shows.all()) {
    if (show.feedUrl === null || followed.has(show.key)) continue;
    const kept = known.get(show.key);
    if (kept) shows.put({ ...show, followed: false, podcast: kept.podcast });
    else forget(show.key, library, shows);
  }
  if (feeds.length === 0 || !shows.get(CATALOG_SHOW_KEY)) return false;
  forget(CATALOG_SHOW_KEY, library, shows);
  return true;
}

/** Removes a show and its episodes from the answers. */
function forget(key: string, library: Library, shows: ShowDirectory): void {
  shows.remove(key);
  library.remove(library.latest(0, library.size).filter((e) => (e.show ?? CATALOG_SHOW_KEY) === key).map((e) => e.id));
}
