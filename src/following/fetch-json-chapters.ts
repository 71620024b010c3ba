import type { Logger } from 'pino';
import type { Episode } from '../core/model/catalog-schema.ts';
import { parseJsonChapters } from '../feed/chapters/json-chapters.ts';
import type { EpisodeRepository } from '../store/ports/episodes.ts';
import type { FeedFetcher } from './read-feed.ts';

/** What fetching JSON chapters needs, passed in. */
export interface JsonChaptersDeps {
  fetch: FeedFetcher;
  /** The stored episodes (chapters fetched once are kept). */
  episodes: Pick<EpisodeRepository, 'get'>;
  log: Logger;
}

/**
 * Fetches `podcast:chapters` JSON (with the feed's limits) for new episodes
 * that have no chapters in their show notes, once: later polls keep the
 * stored chapters. A failure only costs the chapters.
 */
export async function withJsonChapters(episodes: readonly Episode[], sources: Readonly<Record<string, string>>, deps: JsonChaptersDeps): Promise<Episode[]> {
  const out: Episode[] = [];
  for (const ep of episodes) {
    const url = sources[ep.id];
    if (!url || ep.chapters.length > 0) {
      out.push(ep);
      continue;
    }
    const stored = await deps.episodes.get(ep.id);
    if (stored) {
      out.push({ ...ep, chapters: stored.chapters });
      continue;
    }
    const fetched = await deps.fetch(url, { etag: null, lastModified: null });
    const chapters = fetched.kind === 'fetched' ? parseJsonChapters(fetched.body) : null;
    if (!chapters) deps.log.warn({ episode: ep.id, url, error: fetched.kind === 'failed' ? fetched.error : 'not a JSON chapters file' }, 'chapters skipped');
    out.push(chapters && chapters.length > 0 ? { ...ep, chapters } : ep);
  }
  return out;
}
