import { fetchFeed, type FeedValidators, type FetchOutcome } from './fetch-feed.ts';
import { guardedFetch } from './guarded-fetch.ts';

/** Fetches one URL (or local file) with the feed limits, given the validators of the last fetch. */
export type UrlFetcher = (source: string, validators: FeedValidators) => Promise<FetchOutcome>;

/** The two ways the bot fetches, by where a URL came from. */
export interface Fetchers {
  /** The operator's own feeds (FEED_URL): fetched as configured, wherever they point. */
  operator: UrlFetcher;
  /**
   * Everything else: feeds followed from chat, and every URL found inside any
   * feed (transcripts, chapters) with their redirects: only public addresses,
   * checked after DNS on every hop (see guarded-fetch.ts), unless `allowPrivate`.
   */
  untrusted: UrlFetcher;
}

/** The bot's fetchers; `allowPrivate` (ALLOW_PRIVATE_FEED_URLS) lets untrusted URLs reach private addresses too. */
export function fetchers(allowPrivate: boolean): Fetchers {
  const operator: UrlFetcher = (source, validators) => fetchFeed(source, validators);
  if (allowPrivate) return { operator, untrusted: operator };
  const guarded = guardedFetch();
  return { operator, untrusted: (source, validators) => fetchFeed(source, validators, {}, { fetch: guarded }) };
}
