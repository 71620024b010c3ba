import type { Episode } from '../core/model/catalog-schema.ts';

/** How many new episodes a poll announces, from the configuration. */
export interface AnnounceLimits {
  /** On a feed's first poll, announce at most this many of its newest episodes. */
  announceOnFirstPoll: number;
  /** Later, announce at most this many of the episodes that appeared since the last poll. */
  maxBacklog: number;
  /** An episode dated this much before the newest known one is back catalog, never announced. */
  backCatalogToleranceMs: number;
}

/**
 * Which new episodes to announce: a few of the newest (fewer on a feed's
 * first poll), never the back catalog (episodes dated well before the newest
 * one already known, which a feed may list late); the others are skipped.
 */
export function chooseAnnouncements(
  feed: { initialized: boolean },
  added: readonly Episode[],
  newestKnown: string | null,
  limits: AnnounceLimits,
): { announce: Episode[]; skip: Episode[] } {
  const limit = feed.initialized ? limits.maxBacklog : limits.announceOnFirstPoll;
  const cutoff = newestKnown && feed.initialized ? Date.parse(newestKnown) - limits.backCatalogToleranceMs : null;
  const fresh = added.filter((e) => cutoff === null || !e.publishedAt || Date.parse(e.publishedAt) >= cutoff);
  const byDate = [...fresh].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  const announce = byDate.slice(0, limit);
  const chosen = new Set(announce.map((e) => e.id));
  return { announce, skip: added.filter((e) => !chosen.has(e.id)) };
}
