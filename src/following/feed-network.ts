import type { Logger } from 'pino';
import type { Episode, Podcast } from '../core/model/catalog-schema.ts';
import type { Library } from '../core/search/library.ts';
import { showKeyOf } from '../core/model/show-key.ts';
import { safeUrl } from '../feed/fetch/fetch-wording.ts';
import type { Store } from '../store/store.ts';
import type { Announcer, DeliveryFence, DeliveryReport } from '../announcing/announcer.ts';
import { FeedPoller, type PollReport } from './feed-poller.ts';
import type { CatalogOverlay, FeedFetcher } from './read-feed.ts';
import { FeedService } from './feed-service.ts';
import { EpisodeCursor } from './episode-cursor.ts';
import { DEFAULT_LEADERSHIP, Leadership, type LeadershipOptions } from './leadership.ts';

/** Settings of a set of followed feeds, from the configuration. */
export interface FeedNetworkOptions {
  /** The feeds in the setting (FEED_URL, comma-separated), in order: the operator's, trusted. */
  feedUrls: readonly string[];
  intervalMs: number;
  announceOnFirstPoll: number;
  maxBacklog: number;
  /** The announcer lease's timing (see leadership.ts); independent of `intervalMs`. */
  leadership?: LeadershipOptions;
  /** How often every process reads the feeds followed from chat (default: the lease's heartbeat, 5 s). */
  syncMs?: number;
}

/** A feed the network follows, and where it came from: the operator's setting, or a follow from chat. */
export interface FollowedSource {
  feedUrl: string;
  showKey: string;
  origin: 'setting' | 'chat';
}

/** What the feeds need, passed in. */
export interface FeedNetworkDeps {
  store: Store;
  library: Library;
  announcer: Announcer;
  /** Fetches the operator's feeds (trusted). */
  fetch: FeedFetcher;
  /** Fetches feeds followed from chat and every URL found inside a feed (never trusted); default `fetch`. */
  fetchUntrusted?: FeedFetcher;
  log: Logger;
  overlay?: CatalogOverlay;
  onAnnounce?: (episodes: Episode[]) => void;
  onShow?: (show: { key: string; feedUrl: string; podcast: Podcast }, renamedFrom: string | null) => void;
  /** After every poll of any feed (the transcript queue wakes up here). */
  afterPoll?: (feedUrl: string, report: PollReport | null) => void;
  /** Where this process stands in the stored episodes (default: a cursor of its own, from nothing). */
  episodes?: EpisodeCursor;
  /** Whenever the followed list changes (and once at the first sync), on every process: the feeds now followed, the setting's first. */
  onFollowed?: (feeds: readonly FollowedSource[]) => void;
}

/**
 * Several feeds followed at once: one poller and schedule per feed (a feed
 * that fails backs off alone), one announcer lease for the process (so the
 * feeds are polled by the same process), and delivery rounds one at a time.
 * The operator's feeds come from the setting; feeds followed from chat come
 * from the store, read again on every sync (every process does it), so a
 * follow or an unfollow made on any process is polled, or stopped, by the
 * process that leads, and becomes searchable on the others.
 */
export class FeedNetwork {
  /** The process's one announcer leadership, shared by every feed. */
  readonly leadership: Leadership;
  private readonly running = new Map<string, { source: FollowedSource; service: FeedService }>();
  private readonly announcer: Pick<Announcer, 'deliver'>;
  private readonly syncMs: number;
  private followed: FollowedSource[] = [];
  private notified = '';
  private started = false;
  private timer: NodeJS.Timeout | null = null;
  /** The stored episodes this process's library has caught up with. */
  private readonly cursor: EpisodeCursor;
  private syncing: Promise<readonly FollowedSource[]> | null = null;

  constructor(
    private readonly options: FeedNetworkOptions,
    private readonly deps: FeedNetworkDeps,
  ) {
    this.leadership = Leadership.forStore(deps.store, deps.log, options.leadership);
    this.cursor = deps.episodes ?? new EpisodeCursor(deps.store.episodes, deps.library);
    this.announcer = serialDeliveries(deps.announcer);
    this.syncMs = options.syncMs ?? options.leadership?.heartbeatMs ?? DEFAULT_LEADERSHIP.heartbeatMs;
    this.followed = options.feedUrls.map((feedUrl) => ({ feedUrl, showKey: showKeyOf(feedUrl), origin: 'setting' as const }));
    for (const source of this.followed) this.add(source);
  }

  /** The feeds followed now: the setting's, then the chat's. */
  get feeds(): readonly FollowedSource[] {
    return this.followed;
  }

  /** Starts every feed's schedule (each polls at once) and the sync with the store's followed feeds. */
  start(): void {
    this.started = true;
    for (const { service } of this.running.values()) service.start();
    // The lease is held even while no feed is followed: the leader also holds Discord's gateway, if used.
    this.leadership.start();
    this.leadership.tick().catch((err: unknown) => this.deps.log.error({ err }, 'announcer lease heartbeat failed'));
    const tick = () => {
      this.sync().catch((err: unknown) => this.deps.log.error({ err }, 'could not read the followed feeds'));
    };
    this.timer = setInterval(tick, this.syncMs);
    this.timer.unref?.();
    tick();
  }

  /**
   * Reads the feeds followed from chat and makes the running feeds match:
   * new ones start (polling at once where this process leads), removed ones
   * stop. A process that does not lead also loads the episodes the leader stored.
   */
  sync(): Promise<readonly FollowedSource[]> {
    this.syncing ??= this.reconcile().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** One cycle of every feed now, one after the other (after a sync); null for a feed this process does not poll (not the lease holder). */
  async runOnce(): Promise<Array<PollReport | null>> {
    await this.sync();
    const out: Array<PollReport | null> = [];
    for (const { service } of this.running.values()) out.push(await service.runOnce());
    return out;
  }

  /** Stops every schedule, waits for cycles in progress, gives the lease up. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    await this.syncing?.catch(() => undefined);
    await Promise.all([...this.running.values()].map(({ service }) => service.stop()));
    await this.leadership.stop();
  }

  private async reconcile(): Promise<readonly FollowedSource[]> {
    const setting = new Set(this.options.feedUrls.map(showKeyOf));
    const chat = (await this.deps.store.followedFeeds.list())
      .filter((f) => !setting.has(f.showKey))
      .map((f): FollowedSource => ({ feedUrl: f.feedUrl, showKey: f.showKey, origin: 'chat' }));
    const wanted = [...this.options.feedUrls.map((feedUrl) => ({ feedUrl, showKey: showKeyOf(feedUrl), origin: 'setting' as const })), ...chat];
    const keys = new Set(wanted.map((f) => f.showKey));
    for (const [key, { service, source }] of this.running) {
      if (keys.has(key)) continue;
      this.running.delete(key);
      await service.stop();
      this.deps.log.info({ feed: safeUrl(source.feedUrl) }, 'stopped following a feed (unfollowed from chat)');
    }
    for (const source of wanted) {
      if (this.running.has(source.showKey)) continue;
      const service = this.add(source);
      if (this.started) service.start();
      this.deps.log.info({ feed: safeUrl(source.feedUrl) }, 'following a feed followed from chat');
    }
    this.followed = wanted;
    if (!this.leadership.leading) await this.cursor.catchUp();
    // A show removed for good (its stored show gone) must leave every process's answers too.
    const stored = (await this.deps.store.shows.all()).map((s) => s.key).sort();
    const signature = `${wanted.map((f) => f.showKey).join(',')}|${stored.join(',')}`;
    if (signature !== this.notified) {
      this.notified = signature;
      this.deps.onFollowed?.(wanted);
    }
    return wanted;
  }

  private add(source: FollowedSource): FeedService {
    const { deps, options } = this;
    const untrusted = deps.fetchUntrusted ?? deps.fetch;
    const log = deps.log.child({ feed: safeUrl(source.feedUrl) });
    const poller = new FeedPoller(
      { feedUrl: source.feedUrl, showKey: source.showKey, announceOnFirstPoll: options.announceOnFirstPoll, maxBacklog: options.maxBacklog, backCatalogToleranceMs: 2 * 86_400_000 },
      {
        store: deps.store,
        library: deps.library,
        fetch: source.origin === 'setting' ? deps.fetch : untrusted,
        fetchLinked: untrusted,
        log,
        ...(deps.overlay ? { overlay: deps.overlay } : {}),
        ...(deps.onAnnounce ? { onAnnounce: deps.onAnnounce } : {}),
        ...(deps.onShow ? { onShow: deps.onShow } : {}),
      },
    );
    const observed: Pick<FeedPoller, 'poll'> = {
      poll: async () => {
        const report = await poller.poll();
        deps.afterPoll?.(source.feedUrl, report);
        return report;
      },
    };
    const service = new FeedService(
      { feedUrl: source.feedUrl, intervalMs: options.intervalMs },
      { store: deps.store, library: deps.library, poller: observed, announcer: this.announcer, log, leadership: this.leadership, episodes: this.cursor },
    );
    this.running.set(source.showKey, { source, service });
    return service;
  }
}

/** The announcer with rounds run one after another, never two at once (several feeds finish polls together). */
export function serialDeliveries(announcer: Pick<Announcer, 'deliver'>): Pick<Announcer, 'deliver'> {
  let last: Promise<unknown> = Promise.resolve();
  return {
    deliver(stillLeading?: () => Promise<boolean>, fence?: DeliveryFence): Promise<DeliveryReport> {
      const round = last.then(() => announcer.deliver(stillLeading, fence));
      last = round.catch(() => undefined);
      return round;
    },
  };
}
