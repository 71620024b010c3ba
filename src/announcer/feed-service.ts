import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Library } from '../core/library.ts';
import { Lease } from '../store/lease.ts';
import type { Store } from '../store/store.ts';
import type { Announcer } from './announcer.ts';
import { nextPollDelay } from './backoff.ts';
import type { FeedPoller, PollReport } from './feed-poller.ts';

/** Timing of the feed service. */
export interface FeedServiceOptions {
  feedUrl: string;
  intervalMs: number;
  /** How long the announcer lease lasts without renewal. */
  leaseTtlMs?: number;
  random?: () => number;
}

/**
 * Runs the poller on a schedule, in the one process that holds the
 * announcer lease; the others only refresh their catalog from the database.
 * Failures back off exponentially with jitter; health lands in the database.
 */
export class FeedService {
  readonly lease: Lease;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private lastRefresh = new Date(0).toISOString();

  constructor(
    private readonly options: FeedServiceOptions,
    private readonly deps: {
      store: Store;
      library: Library;
      poller: Pick<FeedPoller, 'poll'>;
      announcer: Pick<Announcer, 'deliver'>;
      log: Logger;
      /** Shared by the services of several feeds in one process (see feed-network.ts); one of its own otherwise. */
      lease?: Lease;
    },
  ) {
    this.lease = deps.lease ?? new Lease(deps.store.db, 'announcer', `${process.pid}-${randomUUID().slice(0, 8)}`, options.leaseTtlMs ?? Math.max(60_000, options.intervalMs * 2));
  }

  /** Starts polling at once, then on schedule. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** One cycle now: poll and deliver when leader, else refresh. Resolves when done. */
  async runOnce(): Promise<PollReport | null> {
    if (!this.lease.acquire(Date.now())) {
      this.refreshFromDatabase();
      return null;
    }
    const report = await this.deps.poller.poll();
    await this.deps.announcer.deliver();
    return report;
  }

  /** Stops the schedule, waits for a cycle in progress, and gives the lease up. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.lease.release();
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
    try {
      const report = await this.runOnce();
      const state = this.deps.store.feedState.get(this.options.feedUrl);
      delay = nextPollDelay({
        intervalMs: this.options.intervalMs,
        consecutiveFailures: state.consecutiveFailures,
        retryAfterMs: report?.outcome === 'failed' ? report.retryAfterMs : undefined,
        random: this.options.random ?? Math.random,
      });
      if (report) this.deps.store.feedState.put({ ...state, nextPollAt: new Date(Date.now() + delay).toISOString() });
    } catch (err) {
      this.deps.log.error({ err, feed: this.options.feedUrl }, 'feed cycle failed');
    }
    this.schedule(delay);
  }

  /** Followers: make episodes another process stored searchable here too. */
  private refreshFromDatabase(): void {
    const since = this.lastRefresh;
    this.lastRefresh = new Date().toISOString();
    const changed = this.deps.store.episodes.changedSince(since);
    if (changed.length > 0) this.deps.library.upsert(changed);
  }
}
