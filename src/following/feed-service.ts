import { safeUrl } from '../feed/fetch/fetch-wording.ts';
import type { Logger } from 'pino';
import type { Library } from '../core/search/library.ts';
import type { Lease } from '../store/ports/lease.ts';
import type { Store } from '../store/store.ts';
import type { Announcer } from '../announcing/announcer.ts';
import { isLocalFeed, nextPollDelay } from './backoff.ts';
import type { FeedPoller, PollReport } from './feed-poller.ts';
import { EpisodeCursor } from './episode-cursor.ts';
import { Leadership, type LeadershipOptions } from './leadership.ts';

/** Timing of the feed service. */
export interface FeedServiceOptions {
  feedUrl: string;
  intervalMs: number;
  /** The announcer lease's timing (see leadership.ts); independent of `intervalMs`. */
  leadership?: LeadershipOptions;
  random?: () => number;
}

/**
 * Runs the poller on a schedule, in the one process that holds the
 * announcer lease; the others only refresh their catalog from the store.
 * Failures back off exponentially with jitter; health lands in the store.
 */
export class FeedService {
  readonly leadership: Leadership;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly cursor: EpisodeCursor;
  private cycling = false;
  private readonly ownsLeadership: boolean;
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly options: FeedServiceOptions,
    private readonly deps: {
      store: Store;
      library: Library;
      poller: Pick<FeedPoller, 'poll'>;
      announcer: Pick<Announcer, 'deliver'>;
      log: Logger;
      /** The process's one announcer leadership, when several services share it; else the service makes its own. */
      leadership?: Leadership;
      /** Where this process stands in the stored episodes (default: a cursor of its own, from nothing). */
      episodes?: EpisodeCursor;
    },
  ) {
    this.ownsLeadership = !deps.leadership;
    this.leadership = deps.leadership ?? Leadership.forStore(deps.store, deps.log, options.leadership);
    this.cursor = deps.episodes ?? new EpisodeCursor(deps.store.episodes, deps.library);
  }

  /** The announcer lease. */
  get lease(): Lease {
    return this.leadership.lease;
  }

  /** Starts polling at once, then on schedule; polls at once, too, whenever this process takes the lease over. */
  start(): void {
    this.stopped = false;
    this.stopListening = this.leadership.onLead(() => this.cycleNow());
    this.leadership.start();
    this.schedule(0);
  }

  /** One cycle now: poll and deliver when leader, else refresh. Resolves when done. */
  async runOnce(): Promise<PollReport | null> {
    if (!(await this.leadership.tick())) {
      await this.cursor.catchUp();
      return null;
    }
    const report = await this.deps.poller.poll();
    // Each post first confirms the lease, so a process that lost it mid-round stops posting; each ledger write is fenced by the grant's epoch.
    await this.deps.announcer.deliver(() => this.leadership.tick(), () => this.leadership.fence());
    return report;
  }

  /** Stops the schedule, waits for a cycle in progress, and gives the lease up. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.stopListening?.();
    if (this.ownsLeadership) await this.leadership.stop();
  }

  /** Runs a cycle at once (this process just became the announcer), unless one is running (it polls already). */
  private cycleNow(): void {
    if (this.stopped || this.cycling) return;
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.cycle();
    }, delayMs);
    this.timer.unref?.();
  }

  private async cycle(): Promise<void> {
    let delay = this.options.intervalMs;
    this.cycling = true;
    try {
      const report = await this.runOnce();
      const state = await this.deps.store.feedState.get(this.options.feedUrl);
      delay = nextPollDelay({
        intervalMs: this.options.intervalMs,
        consecutiveFailures: state.consecutiveFailures,
        retryAfterMs: report?.outcome === 'failed' ? report.retryAfterMs : undefined,
        random: this.options.random ?? Math.random,
        local: isLocalFeed(this.options.feedUrl),
      });
      if (report) await this.deps.store.feedState.put({ ...state, nextPollAt: new Date(Date.now() + delay).toISOString() });
    } catch (err) {
      this.deps.log.error({ err, feed: safeUrl(this.options.feedUrl) }, 'feed cycle failed');
    }
    this.cycling = false;
    this.schedule(delay);
  }
}
