import { createHash } from 'node:crypto';
import type { DirectoryMatch, FollowOutcome, FollowService, UnfollowOutcome } from '../../commands/podcast-follows.ts';
import type { Invocation } from '../../commands/types.ts';
import { showKeyOf } from '../core/model/show-key.ts';
import type { ShowDirectory } from '../core/model/shows.ts';
import { NO_VALIDATORS } from '../feed/fetch/fetch-feed.ts';
import type { UrlFetcher } from '../feed/fetch/fetchers.ts';
import { safeUrl } from '../feed/fetch/fetch-wording.ts';
import { parseFeed } from '../feed/xml/parse-feed.ts';
import type { Store } from '../store/store.ts';
import { describeBody } from './describe-body.ts';
import type { DirectoryPodcast, PodcastDirectory } from './podcast-directory.ts';

/** Directory matches offered for a name. */
const MATCHES_OFFERED = 5;
/** A choice's value must fit Discord's 100 characters. */
const MAX_VALUE = 100;

/** What following from chat needs, passed in. */
export interface FollowServiceDeps {
  store: Store;
  /** The operator's feeds (FEED_URL): always followed, never unfollowed from chat. */
  operatorFeeds: readonly string[];
  /** Fetches a feed typed in chat: never trusted (see src/feed/fetch/fetchers.ts). */
  fetch: UrlFetcher;
  directory: PodcastDirectory;
  shows: ShowDirectory;
  /** Most feeds followed from chat (MAX_FOLLOWED_FEEDS). */
  maxFollowed: number;
  /** Tells this process's feeds that the list changed (they read it again at once). */
  changed: () => void;
  now?: () => Date;
}

/**
 * `/podcast follow` and `/podcast unfollow` over the store: a feed is fetched
 * and parsed at once (as an untrusted URL), and stored in the followed-feeds
 * table only when it is a podcast feed; the process that polls picks it up
 * from there. Removing a show for good asks for a typed confirmation first.
 */
export class StoreFollowService implements FollowService {
  constructor(private readonly deps: FollowServiceDeps) {}

  async follow(inv: Invocation, raw: string): Promise<FollowOutcome> {
    const text = raw.trim();
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^www\./i.test(text)) return this.followUrl(inv, text);
    const id = /^id:(\d{1,20})$/i.exec(text);
    if (id) {
      const found = await this.deps.directory.lookup(id[1]!);
      if (!found.ok) return { kind: 'no-match', term: text, problem: found.error };
      return found.value ? this.followUrl(inv, found.value.feedUrl) : { kind: 'no-match', term: text, problem: null };
    }
    const [, term = text, pick] = /^(.*?)\s*#(\d{1,2})$/.exec(text) ?? [];
    const found = await this.deps.directory.search(term, MATCHES_OFFERED);
    if (!found.ok) return { kind: 'no-match', term, problem: found.error };
    if (found.value.length === 0) return { kind: 'no-match', term, problem: null };
    const chosen = pick ? found.value[Number(pick) - 1] : undefined;
    if (chosen) return this.followUrl(inv, chosen.feedUrl);
    return { kind: 'choose', term, matches: found.value.slice(0, MATCHES_OFFERED).map(toMatch) };
  }

  async suggest(typed: string): Promise<DirectoryMatch[]> {
    const text = typed.trim();
    if (text.length < 2 || /^[a-z][a-z0-9+.-]*:/i.test(text)) return [];
    const found = await this.deps.directory.search(text, 10);
    return found.ok ? found.value.map(toMatch) : [];
  }

  async unfollow(_inv: Invocation, typed: string, remove: boolean, confirm: string | null): Promise<UnfollowOutcome> {
    const { store } = this.deps;
    const chat = await store.followedFeeds.list();
    const key = this.keyOf(typed, chat.map((f) => ({ key: f.showKey, url: f.feedUrl })));
    const title = (k: string) => this.deps.shows.get(k)?.podcast.title ?? chat.find((f) => f.showKey === k)?.title ?? k;
    const followed = chat.map((f) => title(f.showKey));
    if (!key) return { kind: 'unknown', text: typed, followed };
    if (this.deps.operatorFeeds.some((u) => showKeyOf(u) === key)) return { kind: 'operator', title: title(key) };
    const isFollowed = chat.some((f) => f.showKey === key);
    const stored = await store.shows.get(key);
    if (!isFollowed && !(remove && stored)) return { kind: 'unknown', text: typed, followed };
    if (!remove) {
      await store.followedFeeds.remove(key);
      this.deps.changed();
      return { kind: 'unfollowed', title: title(key) };
    }
    const code = confirmationCode(key);
    const ids = (await store.episodes.all()).filter((e) => e.show === key).map((e) => e.id);
    if (confirm?.trim().toLowerCase() !== code) {
      const transcripts = (await store.transcriptState.counts(key)).done;
      const subscriptions = await this.subscriptionsOnlyFor(key);
      return { kind: 'confirm', title: title(key), code, episodes: ids.length, transcripts, subscriptions };
    }
    const name = title(key);
    const feedUrl = stored?.feedUrl ?? chat.find((f) => f.showKey === key)!.feedUrl;
    const purged = await store.transaction(async (tx) => {
      await tx.transcriptSegments.replace(ids.map((episodeId) => ({ episodeId, origin: 'catalog' as const, digest: null, segments: [] })));
      return tx.followedFeeds.purgeShow(key, feedUrl);
    });
    this.deps.changed();
    return { kind: 'removed', title: name, ...purged };
  }

  private async followUrl(inv: Invocation, typed: string): Promise<FollowOutcome> {
    const { store } = this.deps;
    const url = parseHttpUrl(/^www\./i.test(typed) ? `https://${typed}` : typed);
    if (typeof url === 'string') return { kind: 'not-a-url', text: safeUrl(typed), why: url };
    const key = showKeyOf(url.href);
    const operator = this.deps.operatorFeeds.find((u) => showKeyOf(u) === key);
    const title = (fallback: string | null) => this.deps.shows.get(key)?.podcast.title ?? fallback ?? safeUrl(url.href);
    if (operator) return { kind: 'already', title: title(null), origin: 'setting', since: null, by: null };
    const existing = await store.followedFeeds.get(key);
    if (existing) return { kind: 'already', title: title(existing.title), origin: 'chat', since: existing.followedAt, by: existing.followedBy };
    const max = this.deps.maxFollowed;
    if ((await store.followedFeeds.list()).length >= max) return { kind: 'limit', max };
    const fetched = await this.deps.fetch(url.href, NO_VALIDATORS);
    if (fetched.kind === 'failed') return { kind: 'fetch-failed', error: fetched.error, refused: fetched.refused === true };
    if (fetched.kind !== 'fetched') return { kind: 'fetch-failed', error: 'The feed answered "not modified" to a plain request.', refused: false };
    const parsed = parseFeed(fetched.body, { feedName: safeUrl(url.href) });
    if (!parsed.ok) return { kind: 'not-a-feed', what: describeBody(fetched.body), detail: parsed.error };
    const feed = parsed.feed;
    const added = await store.transaction(async (tx) => {
      if ((await tx.followedFeeds.list()).length >= max) return false;
      const row = { feedUrl: url.href, showKey: key, title: feed.podcast.title, platform: inv.platform, serverId: inv.serverId, followedBy: inv.userId, followedAt: this.now() };
      return tx.followedFeeds.add(row);
    });
    if (!added) return this.followUrl(inv, typed);
    this.deps.changed();
    const transcripts = feed.episodes.filter((e) => (feed.transcriptSources[e.id]?.length ?? 0) > 0).length;
    return { kind: 'followed', title: feed.podcast.title, episodes: feed.episodes.length, newest: feed.episodes[0]?.publishedAt ?? null, transcripts, feedUrl: safeUrl(url.href) };
  }

  /** The show typed: a followed feed's URL, a show's key or title (as `/episode show:` finds it). */
  private keyOf(typed: string, chat: Array<{ key: string; url: string }>): string | null {
    const text = typed.trim();
    if (text === '') return null;
    const byUrl = chat.find((f) => f.url === text || safeUrl(f.url) === text);
    if (byUrl) return byUrl.key;
    return this.deps.shows.find(text)?.key ?? null;
  }

  /** Subscriptions that get this show alone (removed with it). */
  private async subscriptionsOnlyFor(key: string): Promise<number> {
    let n = 0;
    for (const s of await this.deps.store.subscriptions.list({})) {
      const only = await this.deps.store.subscriptionShows.of(s.platform, s.channelId);
      if (only.length === 1 && only[0] === key) n++;
    }
    return n;
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}

/** The code that confirms removing a show for good: short, and different for every show. */
export function confirmationCode(showKey: string): string {
  return createHash('sha256').update(`remove:${showKey}`).digest('hex').slice(0, 6);
}

/** An http(s) URL, or why the text is not one. */
function parseHttpUrl(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'it is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http(s) feeds can be followed, not ${url.protocol}`;
  return url;
}

function toMatch(p: DirectoryPodcast): DirectoryMatch {
  return { title: p.title, author: p.author, feedUrl: safeUrl(p.feedUrl), value: p.feedUrl.length <= MAX_VALUE && !/@/.test(p.feedUrl) ? p.feedUrl : `id:${p.id}` };
}
