import { createHash } from 'node:crypto';

/** The item fields an episode's identity can come from, most stable first. */
export interface IdentitySource {
  guid: string | null;
  audioUrl: string | null;
  link: string | null;
  title: string | null;
  pubDate: string | null;
}

/**
 * The key an item is identified by: its guid, else its enclosure URL, else its
 * link, else title + '|' + raw pubDate. Titles change when a show edits them,
 * so they are the last resort.
 */
export function identityKey(source: IdentitySource): string {
  return source.guid ?? source.audioUrl ?? source.link ?? `${source.title ?? ''}|${source.pubDate ?? ''}`;
}

/**
 * A stable episode id: `ep-` + the first 16 hex characters of sha256(key).
 * A pure function of the item, so re-parsing (or a retitled episode with the
 * same guid) always yields the same id. It fits the catalog's slug rule.
 */
export function stableEpisodeId(source: IdentitySource): string {
  const digest = createHash('sha256').update(identityKey(source), 'utf8').digest('hex');
  return `ep-${digest.slice(0, 16)}`;
}
