import type { PodcastService, PodcastStatus } from '../../commands/podcast.ts';
import type { Invocation } from '../../commands/types.ts';
import type { Library } from '../core/library.ts';
import type { Store } from '../store/store.ts';

/** `/podcast` over the database: subscriptions per platform and server, and the feed's health. */
export class StorePodcastService implements PodcastService {
  constructor(
    private readonly store: Store,
    private readonly library: Library,
    private readonly feedUrl: string | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  subscribe(inv: Invocation, channelId: string): 'created' | 'reactivated' | 'exists' {
    return this.store.subscriptions.add(
      { platform: platformOf(inv), channelId, serverId: inv.serverId ?? '', createdBy: inv.userId },
      this.now().toISOString(),
    );
  }

  unsubscribe(inv: Invocation, channelId: string): boolean {
    return this.store.subscriptions.remove(platformOf(inv), channelId);
  }

  status(inv: Invocation): PodcastStatus {
    const state = this.feedUrl ? this.store.feedState.get(this.feedUrl) : null;
    const last = state?.lastEpisodeId ? this.library.get(state.lastEpisodeId) : undefined;
    const filter = inv.platform === 'console' ? {} : { platform: inv.platform, ...(inv.serverId ? { serverId: inv.serverId } : {}) };
    const subs = this.store.subscriptions.list(filter);
    const counts = this.store.deliveries.counts();
    return {
      feedUrl: this.feedUrl,
      lastSuccessAt: state?.lastSuccessAt ?? null,
      lastError: state?.lastError ?? null,
      lastErrorAt: state?.lastErrorAt ?? null,
      consecutiveFailures: state?.consecutiveFailures ?? 0,
      nextPollAt: state?.nextPollAt ?? null,
      lastEpisodeTitle: last?.title ?? null,
      episodesFromFeed: this.store.episodes.count(),
      subscriptions: subs.map((s) => ({ channelId: s.channelId, status: s.status, lastError: s.lastError, failedAt: s.failedAt })),
      pendingDeliveries: counts.pending + counts.sending,
    };
  }
}

function platformOf(inv: Invocation): 'discord' | 'slack' {
  if (inv.platform === 'console') throw new Error('subscriptions are for Discord and Slack channels; the console prints announcements already');
  return inv.platform;
}
