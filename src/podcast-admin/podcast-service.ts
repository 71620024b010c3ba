import type { FeedStatusView, PodcastService, PodcastStatus, SubscribeResult, TranscriptStatusView } from '../../commands/podcast.ts';
import type { Invocation } from '../../commands/types.ts';
import type { Library } from '../core/search/library.ts';
import type { ShowDirectory } from '../core/model/shows.ts';
import { showKeyOf } from '../core/model/show-key.ts';
import type { Store } from '../store/sqlite/sqlite-store.ts';

/** Failures listed per feed in status. */
const PROBLEMS_SHOWN = 3;

/**
 * `/podcast` over the database: subscriptions per platform and server (to
 * every show, or to some), and each feed's health and transcripts.
 */
export class StorePodcastService implements PodcastService {
  private readonly feedUrls: string[];

  constructor(
    private readonly store: Store,
    private readonly library: Library,
    feedUrls: string | readonly string[] | null,
    private readonly now: () => Date = () => new Date(),
    private readonly shows: ShowDirectory | null = null,
  ) {
    this.feedUrls = feedUrls === null ? [] : typeof feedUrls === 'string' ? [feedUrls] : [...feedUrls];
  }

  subscribe(inv: Invocation, channelId: string, showKey: string | null = null): SubscribeResult {
    const platform = platformOf(inv);
    const { subscriptions, subscriptionShows } = this.store;
    return this.store.transaction(() => {
      const before = subscriptions.get(platform, channelId);
      const result = subscriptions.add({ platform, channelId, serverId: inv.serverId ?? '', createdBy: inv.userId }, this.now().toISOString());
      const limited = subscriptionShows.of(platform, channelId);
      if (!before) {
        subscriptionShows.set(platform, channelId, showKey ? [showKey] : []);
        return result;
      }
      const wanted = showKey === null ? [] : limited.length === 0 ? [] : [...new Set([...limited, showKey])];
      const changed = wanted.join() !== limited.join();
      subscriptionShows.set(platform, channelId, wanted);
      return result === 'exists' && changed ? 'created' : result;
    });
  }

  unsubscribe(inv: Invocation, channelId: string, showKey: string | null = null): boolean {
    const platform = platformOf(inv);
    const { subscriptions, subscriptionShows } = this.store;
    return this.store.transaction(() => {
      if (!subscriptions.get(platform, channelId)) return false;
      if (showKey !== null) {
        const limited = subscriptionShows.of(platform, channelId);
        const from = limited.length > 0 ? limited : this.allShowKeys();
        if (!from.includes(showKey)) return false;
        const left = from.filter((k) => k !== showKey);
        if (left.length > 0) {
          subscriptionShows.set(platform, channelId, left);
          return true;
        }
      }
      subscriptionShows.set(platform, channelId, []);
      return subscriptions.remove(platform, channelId);
    });
  }

  status(inv: Invocation): PodcastStatus {
    const filter = inv.platform === 'console' ? {} : { platform: inv.platform, ...(inv.serverId ? { serverId: inv.serverId } : {}) };
    const subs = this.store.subscriptions.list(filter);
    const counts = this.store.deliveries.counts();
    return {
      feeds: this.feedViews(),
      subscriptions: subs.map((s) => ({
        channelId: s.channelId,
        status: s.status,
        lastError: s.lastError,
        failedAt: s.failedAt,
        shows: this.store.subscriptionShows.of(s.platform, s.channelId).map((k) => this.titleOf(k) ?? k),
      })),
      pendingDeliveries: counts.pending + counts.sending,
    };
  }

  /** The followed feeds in setting order, then stored shows whose feed left the setting. */
  private feedViews(): FeedStatusView[] {
    const followed = this.feedUrls.map((url) => this.feedView(url, showKeyOf(url), true));
    const keys = new Set(this.feedUrls.map(showKeyOf));
    const removed = this.store.shows.all().filter((s) => !keys.has(s.key)).map((s) => this.feedView(s.feedUrl, s.key, false));
    return [...followed, ...removed];
  }

  private feedView(feedUrl: string, key: string, followed: boolean): FeedStatusView {
    const state = this.store.feedState.get(feedUrl);
    const last = state.lastEpisodeId ? this.library.get(state.lastEpisodeId) : undefined;
    return {
      showTitle: this.titleOf(key),
      feedUrl,
      followed,
      lastSuccessAt: state.lastSuccessAt,
      lastError: state.lastError,
      lastErrorAt: state.lastErrorAt,
      consecutiveFailures: state.consecutiveFailures,
      nextPollAt: state.nextPollAt,
      lastEpisodeTitle: last?.title ?? null,
      episodes: this.store.episodes.count(key),
      transcripts: this.transcriptView(key),
    };
  }

  private transcriptView(key: string): TranscriptStatusView | null {
    const c = this.store.transcripts.counts(key);
    if (c.listed === 0) return null;
    const problems = this.store.transcripts.failures(key, PROBLEMS_SHOWN).map((t) => {
      const title = this.library.get(t.episodeId)?.title ?? t.episodeId;
      const next = t.state === 'failed' ? 'given up' : t.nextAttemptAt ? `next try ${t.nextAttemptAt.slice(0, 16).replace('T', ' ')} UTC` : 'to retry';
      return `“${title}”: ${t.lastError} (${t.attempts} attempt(s); ${next})`;
    });
    return { done: c.done, listed: c.listed, waiting: c.waiting, retrying: c.retrying, failed: c.failed, problems };
  }

  private titleOf(key: string): string | null {
    return this.shows?.get(key)?.podcast.title ?? this.store.shows.get(key)?.podcast.title ?? null;
  }

  private allShowKeys(): string[] {
    const keys = this.shows ? this.shows.all().map((s) => s.key) : [];
    return [...new Set([...keys, ...this.feedUrls.map(showKeyOf), ...this.store.shows.all().map((s) => s.key)])];
  }
}

function platformOf(inv: Invocation): 'discord' | 'slack' {
  if (inv.platform === 'console') throw new Error('subscriptions are for Discord and Slack channels; the console prints announcements already');
  return inv.platform;
}
