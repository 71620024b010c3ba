import type { Logger } from 'pino';
import type { Episode, Podcast } from '../core/model/catalog-schema.ts';
import type { Library } from '../core/search/library.ts';
import { showKeyOf } from '../core/model/show-key.ts';
import type { Store } from '../store/store.ts';
import type { Announcer, DeliveryReport } from '../announcing/announcer.ts';
import { FeedPoller, type PollReport } from './feed-poller.ts';
import type { CatalogOverlay, FeedFetcher } from './read-feed.ts';
import { FeedService } from './feed-service.ts';
import { Leadership, type LeadershipOptions } from './leadership.ts';

/** Settings of a set of followed feeds, from the configuration. */
export interface FeedNetworkOptions {
  /** The feeds in the setting (FEED_URL, comma-separated), in order. */
  feedUrls: readonly string[];
  intervalMs: number;
  announceOnFirstPoll: number;
  maxBacklog: number;
  /** The announcer lease's timing (see leadership.ts); independent of `intervalMs`. */
  leadership?: LeadershipOptions;
}

/** What the feeds need, passed in. */
export interface FeedNetworkDeps {
  store: Store;
  library: Library;
  announcer: Announcer;
  fetch: FeedFetcher;
  log: Logger;
  overlay?: CatalogOverlay;
  onAnnounce?: (episodes: Episode[]) => void;
  onShow?: (show: { key: string; feedUrl: string; podcast: Podcast }, renamedFrom: string | null) => void;
  /** After every poll of any feed (the transcript queue wakes up here). */
  afterPoll?: (feedUrl: string, report: PollReport | null) => void;
}

/**
 * Several feeds followed at once: one poller and schedule per feed (a feed
 * that fails backs off alone), one announcer lease for the process (so the
 * feeds are polled by the same process), and delivery rounds one at a time.
 */
export class FeedNetwork {
  readonly services: FeedService[];
  readonly pollers: FeedPoller[];
  /** The process's one announcer leadership, shared by every feed. */
  readonly leadership: Leadership;

  constructor(options: FeedNetworkOptions, deps: FeedNetworkDeps) {
    this.leadership = Leadership.forStore(deps.store, deps.log, options.leadership);
    const announcer = serialDeliveries(deps.announcer);
    this.pollers = options.feedUrls.map(
      (feedUrl) =>
        new FeedPoller(
          { feedUrl, showKey: showKeyOf(feedUrl), announceOnFirstPoll: options.announceOnFirstPoll, maxBacklog: options.maxBacklog, backCatalogToleranceMs: 2 * 86_400_000 },
          {
            store: deps.store,
            library: deps.library,
            fetch: deps.fetch,
            log: deps.log.child({ feed: feedUrl }),
            ...(deps.overlay ? { overlay: deps.overlay } : {}),
            ...(deps.onAnnounce ? { onAnnounce: deps.onAnnounce } : {}),
            ...(deps.onShow ? { onShow: deps.onShow } : {}),
          },
        ),
    );
    this.services = this.pollers.map((poller, i) => {
      const feedUrl = options.feedUrls[i]!;
      const afterPoll = deps.afterPoll;
      const observed: Pick<FeedPoller, 'poll'> = {
        poll: async () => {
          const report = await poller.poll();
          afterPoll?.(feedUrl, report);
          return report;
        },
      };
      return new FeedService(
        { feedUrl, intervalMs: options.intervalMs },
        { store: deps.store, library: deps.library, poller: observed, announcer, log: deps.log.child({ feed: feedUrl }), leadership: this.leadership },
      );
    });
  }

  /** Starts every feed's schedule (each polls at once). */
  start(): void {
    for (const s of this.services) s.start();
  }

  /** One cycle of every feed now, one after the other; null for a feed this process does not poll (not the lease holder). */
  async runOnce(): Promise<Array<PollReport | null>> {
    const out: Array<PollReport | null> = [];
    for (const s of this.services) out.push(await s.runOnce());
    return out;
  }

  /** Stops every schedule, waits for cycles in progress, gives the lease up. */
  async stop(): Promise<void> {
    await Promise.all(this.services.map((s) => s.stop()));
    await this.leadership.stop();
  }
}

/** The announcer with rounds run one after another, never two at once (several feeds finish polls together). */
export function serialDeliveries(announcer: Pick<Announcer, 'deliver'>): Pick<Announcer, 'deliver'> {
  let last: Promise<unknown> = Promise.resolve();
  return {
    deliver(stillLeading?: () => Promise<boolean>): Promise<DeliveryReport> {
      const round = last.then(() => announcer.deliver(stillLeading));
      last = round.catch(() => undefined);
      return round;
    },
  };
}
