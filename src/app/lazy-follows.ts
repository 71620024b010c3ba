import type { FollowService } from '../../commands/podcast-follows.ts';
import type { Config } from '../config.ts';
import type { ShowDirectory } from '../core/model/shows.ts';
import type { Store } from '../store/store.ts';

/**
 * The follow service, its modules (feed fetching and parsing, the directory)
 * loaded on the first `/podcast follow` or `unfollow` rather than at start,
 * so a console start stays fast.
 */
export function lazyFollowService(config: Config, store: Store, feedUrls: readonly string[], shows: ShowDirectory, changed: () => void): FollowService {
  let service: Promise<FollowService> | null = null;
  const load = () =>
    (service ??= Promise.all([import('../podcast-admin/follow-service.ts'), import('../podcast-admin/podcast-directory.ts'), import('../feed/fetch/fetchers.ts')]).then(
      ([{ StoreFollowService }, { itunesDirectory }, { fetchers }]) =>
        new StoreFollowService({
          store,
          operatorFeeds: feedUrls,
          fetch: fetchers(config.ALLOW_PRIVATE_FEED_URLS).untrusted,
          directory: itunesDirectory(config.PODCAST_DIRECTORY_URL),
          shows,
          maxFollowed: config.MAX_FOLLOWED_FEEDS,
          changed,
        }),
    ));
  return {
    follow: async (inv, text) => (await load()).follow(inv, text),
    unfollow: async (inv, show, remove, confirm) => (await load()).unfollow(inv, show, remove, confirm),
    suggest: async (typed) => (await load()).suggest(typed),
  };
}
