import type { Catalog, Episode, Podcast } from '../../core/model/catalog-schema.ts';
import { titleKey } from './reconcile.ts';

/** A link compared loosely: no scheme, no "www.", no trailing slash, any case. */
const linkKey = (url: string) => url.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');

/** Whether a feed's podcast is the one the catalog describes: the same website link, or the same title. */
export function describesPodcast(catalog: Podcast, feed: Podcast): boolean {
  const links = new Set(catalog.links.map((l) => linkKey(l.url)));
  if (feed.links.some((l) => links.has(linkKey(l.url)))) return true;
  return titleKey(catalog.title) !== '' && titleKey(catalog.title) === titleKey(feed.title);
}

/**
 * The curated catalog as an overlay for feeds: for the feed of the podcast
 * the catalog describes, its episodes by title (their curated guests,
 * roles, chapters and excerpts are kept, see reconcile.ts); for any other
 * feed, null: nothing of the catalog is mixed in.
 */
export function catalogOverlay(catalog: Catalog): (podcast: Podcast) => ((title: string) => Episode | undefined) | null {
  const byTitle = new Map<string, Episode>();
  for (const ep of catalog.episodes) byTitle.set(titleKey(ep.title), ep);
  return (podcast) => (describesPodcast(catalog.podcast, podcast) ? (title) => byTitle.get(titleKey(title)) : null);
}
