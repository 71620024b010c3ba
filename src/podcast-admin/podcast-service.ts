import type { FeedStatusView, PodcastService, PodcastStatus, ShapeRequest, SubscribeResult, TranscriptStatusView } from '../../commands/podcast.ts';
import type { FeedOrigin } from '../../commands/podcast-status.ts';
import { safeUrl } from '../feed/fetch/fetch-wording.ts';
import type { Invocation } from '../../commands/types.ts';
import type { Library } from '../core/search/library.ts';
import type { ShowDirectory } from '../core/model/shows.ts';
import { showKeyOf } from '../core/model/show-key.ts';
import type { StoredShow } from '../store/ports/shows.ts';
import type { Store } from '../store/store.ts';

/** Failures listed per feed in status. */
const PROBLEMS_SHOWN = 3;

/**
 * `/podcast` over the store: subscriptions per platform and server (to
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

  async subscribe(inv: Invocation, channelId: string, showKey: string | null = null, shape: ShapeRequest = { only: null, mention: null }): Promise<SubscribeResult> {
    const platform = platformOf(inv);
    return this.store.transaction(async ({ subscriptions, subscriptionShows, subscriptionShapes }) => {
      const before = await subscriptions.get(platform, channelId);
      const shapeBefore = await subscriptionShapes.get(platform, channelId);
      await subscriptionShapes.set(platform, channelId, shape);
      const reshaped = shapeBefore.only !== shape.only || shapeBefore.mention !== shape.mention;
      const result = await subscriptions.add({ platform, channelId, serverId: inv.serverId ?? '', createdBy: inv.userId }, this.now().toISOString());
      const limited = await subscriptionShows.of(platform, channelId);
      if (!before) {
        await subscriptionShows.set(platform, channelId, showKey ? [showKey] : []);
        return result;
      }
      const wanted = showKey === null ? [] : limited.length === 0 ? [] : [...new Set([...limited, showKey])];
      const changed = wanted.join() !== limited.join();
      await subscriptionShows.set(platform, channelId, wanted);
      return result === 'exists' && (changed || reshaped) ? 'created' : result;
    });
  }

  async unsubscribe(inv: Invocation, channelId: string, showKey: string | null = null): Promise<boolean> {
    const platform = platformOf(inv);
    return this.store.transaction(async ({ subscriptions, subscriptionShows, shows }) => {
      if (!(await subscriptions.get(platform, channelId))) return false;
      if (showKey !== null) {
        const limited = await subscriptionShows.of(platform, channelId);
        const from = limited.length > 0 ? limited : this.allShowKeys(await shows.all());
        if (!from.includes(showKey)) return false;
        const left = from.filter((k) => k !== showKey);
        if (left.length > 0) {
          await subscriptionShows.set(platform, channelId, left);
          return true;
        }
      }
      await subscriptionShows.set(platform, channelId, []);
      return subscriptions.remove(platform, channelId);
    });
  }

  async status(inv: Invocation): Promise<PodcastStatus> {
    const filter = inv.platform === 'console' ? {} : { platform: inv.platform, ...(inv.serverId ? { serverId: inv.serverId } : {}) };
    const subs = await this.store.subscriptions.list(filter);
    const counts = await this.store.deliveries.counts();
    const stored = await this.store.shows.all();
    const subscriptions = [];
    for (const s of subs) {
      const shows = await this.store.subscriptionShows.of(s.platform, s.channelId);
      const shape = await this.store.subscriptionShapes.get(s.platform, s.channelId);
      subscriptions.push({ channelId: s.channelId, status: s.status, lastError: s.lastError, failedAt: s.failedAt, shows: shows.map((k) => this.titleOf(k, stored) ?? k), only: shape.only, mention: shape.mention });
    }
    return { feeds: await this.feedViews(stored), subscriptions, pendingDeliveries: counts.pending + counts.sending };
  }

  /** The setting's feeds in order, then those followed from chat, then stored shows no longer followed. */
  private async feedViews(stored: readonly StoredShow[]): Promise<FeedStatusView[]> {
    const chat = await this.store.followedFeeds.list();
    const setting = this.feedUrls.map((url) => ({ feedUrl: url, key: showKeyOf(url), followed: true, origin: { kind: 'setting' } as FeedOrigin }));
    const keys = new Set(setting.map((f) => f.key));
    const fromChat = chat
      .filter((f) => !keys.has(f.showKey))
      .map((f) => ({ feedUrl: f.feedUrl, key: f.showKey, followed: true, origin: { kind: 'chat', platform: f.platform, by: f.followedBy, at: f.followedAt } as FeedOrigin }));
    for (const f of fromChat) keys.add(f.key);
    const feeds = [...setting, ...fromChat, ...stored.filter((s) => !keys.has(s.key)).map((s) => ({ feedUrl: s.feedUrl, key: s.key, followed: false, origin: undefined }))];
    const views: FeedStatusView[] = [];
    for (const f of feeds) views.push({ ...(await this.feedView(f.feedUrl, f.key, f.followed, stored)), ...(f.origin ? { origin: f.origin } : {}) });
    return views;
  }

  private async feedView(feedUrl: string, key: string, followed: boolean, stored: readonly StoredShow[]): Promise<FeedStatusView> {
    const state = await this.store.feedState.get(feedUrl);
    const last = state.lastEpisodeId ? this.library.get(state.lastEpisodeId) : undefined;
    return {
      showTitle: this.titleOf(key, stored),
      feedUrl: safeUrl(feedUrl),
      followed,
      lastSuccessAt: state.lastSuccessAt,
      lastError: state.lastError,
      lastErrorAt: state.lastErrorAt,
      consecutiveFailures: state.consecutiveFailures,
      nextPollAt: state.nextPollAt,
      lastEpisodeTitle: last?.title ?? null,
      episodes: await this.store.episodes.count(key),
      transcripts: await this.transcriptView(key),
    };
  }

  private async transcriptView(key: string): Promise<TranscriptStatusView | null> {
    const c = await this.store.transcriptState.counts(key);
    if (c.listed === 0) return null;
    const problems = (await this.store.transcriptState.failures(key, PROBLEMS_SHOWN)).map((t) => {
      const title = this.library.get(t.episodeId)?.title ?? t.episodeId;
      const next = t.state === 'failed' ? 'given up' : t.nextAttemptAt ? `next try ${t.nextAttemptAt.slice(0, 16).replace('T', ' ')} UTC` : 'to retry';
      return `“${title}”: ${t.lastError} (${t.attempts} attempt(s); ${next})`;
    });
    return { done: c.done, listed: c.listed, waiting: c.waiting, retrying: c.retrying, failed: c.failed, problems };
  }

  /** A show's title: as the bot names it now, else as stored. */
  private titleOf(key: string, stored: readonly StoredShow[]): string | null {
    return this.shows?.get(key)?.podcast.title ?? stored.find((s) => s.key === key)?.podcast.title ?? null;
  }

  private allShowKeys(stored: readonly StoredShow[]): string[] {
    const keys = this.shows ? this.shows.all().map((s) => s.key) : [];
    return [...new Set([...keys, ...this.feedUrls.map(showKeyOf), ...stored.map((s) => s.key)])];
  }
}

function platformOf(inv: Invocation): 'discord' | 'slack' {
  if (inv.platform === 'console') throw new Error('subscriptions are for Discord and Slack channels; the console prints announcements already');
  return inv.platform;
}
