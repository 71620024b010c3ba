import { z } from 'zod';
import { describeNetworkError } from '../core/model/network-failure.ts';
import { fail, ok, type Result } from '../core/model/result.ts';

/** A podcast a directory knows, with the feed to follow. */
export interface DirectoryPodcast {
  id: string;
  title: string;
  author: string | null;
  feedUrl: string;
  artworkUrl: string | null;
  episodes: number | null;
}

/** Looks podcasts up by name (and by the directory's id), e.g. Apple's iTunes Search API. */
export interface PodcastDirectory {
  search(term: string, limit?: number): Promise<Result<DirectoryPodcast[]>>;
  lookup(id: string): Promise<Result<DirectoryPodcast | null>>;
}

const resultSchema = z.object({
  collectionId: z.union([z.number(), z.string()]).transform(String),
  collectionName: z.string().trim().min(1),
  artistName: z.string().nullish(),
  feedUrl: z.string().regex(/^https?:\/\//i).optional(),
  artworkUrl600: z.string().nullish(),
  artworkUrl100: z.string().nullish(),
  trackCount: z.number().nullish(),
});
const responseSchema = z.object({ results: z.array(z.unknown()) });

/** How long a directory look-up may take (a chat answer waits for it). */
const TIMEOUT_MS = 2_500;

/**
 * A directory answering like Apple's iTunes Search API: `search?media=podcast&entity=podcast&term=…`
 * and `lookup?id=…` below `baseUrl` (PODCAST_DIRECTORY_URL: Apple's by default, no key needed; or any
 * service answering in the same format). Results without a feed URL are left out. The directory is the
 * operator's setting, so it is fetched as configured; the feed URLs it returns are not trusted.
 */
export function itunesDirectory(baseUrl: string, fetchImpl: typeof fetch = globalThis.fetch): PodcastDirectory {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const get = async (path: string, query: Record<string, string>): Promise<Result<DirectoryPodcast[]>> => {
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    try {
      const res = await fetchImpl(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
      if (!res.ok) return fail(`the podcast directory answered HTTP ${res.status}`);
      const body = responseSchema.safeParse(await res.json());
      if (!body.success) return fail('the podcast directory answered in an unknown format');
      return ok(body.data.results.flatMap((r) => toPodcast(r)));
    } catch (err) {
      return fail(`the podcast directory could not be reached: ${describeNetworkError(err)}`);
    }
  };
  return {
    search: (term, limit = 10) => get('search', { media: 'podcast', entity: 'podcast', limit: String(limit), term }),
    async lookup(id) {
      const found = await get('lookup', { id });
      return found.ok ? ok(found.value[0] ?? null) : found;
    },
  };
}

function toPodcast(raw: unknown): DirectoryPodcast[] {
  const r = resultSchema.safeParse(raw);
  if (!r.success || !r.data.feedUrl) return [];
  const d = r.data;
  return [{ id: d.collectionId, title: d.collectionName, author: d.artistName ?? null, feedUrl: d.feedUrl!, artworkUrl: d.artworkUrl600 ?? d.artworkUrl100 ?? null, episodes: d.trackCount ?? null }];
}
