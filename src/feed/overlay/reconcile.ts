import type { Episode } from '../../core/model/catalog-schema.ts';
import { foldTerm } from '../../core/model/text.ts';

/** How titles are compared: folded, punctuation ignored. */
export const titleKey = (title: string) => foldTerm(title).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Matches feed episodes to the shipped catalog by title: a feed item that is
 * already in the catalog keeps the catalog's id and curated fields (chapters,
 * guests, description, transcript) and gains what only the feed has (guid,
 * audio, image, date, duration). Other feed episodes pass through unchanged.
 */
export function reconcileWithCatalog(feed: readonly Episode[], inCatalog: (title: string) => Episode | undefined): Episode[] {
  return feed.map((f) => {
    const c = inCatalog(f.title);
    if (!c) return f;
    return {
      ...f,
      id: c.id,
      title: c.title,
      series: c.series ?? f.series,
      guests: c.guests.length > 0 ? c.guests : f.guests,
      hosts: c.hosts.length > 0 ? c.hosts : f.hosts,
      publishedAt: c.publishedAt ?? f.publishedAt,
      durationSeconds: c.durationSeconds ?? f.durationSeconds,
      description: c.description || f.description,
      chapters: c.chapters.length > 0 ? c.chapters : f.chapters,
      episodeUrl: c.episodeUrl ?? f.episodeUrl,
      transcriptUrl: c.transcriptUrl ?? f.transcriptUrl,
      links: c.links.length > 0 ? c.links : f.links,
      transcriptExcerpt: c.transcriptExcerpt ?? f.transcriptExcerpt,
    };
  });
}
