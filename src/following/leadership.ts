import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Lease, LeaseFence, LeaseGrant, LeaseRepository } from '../store/ports/lease.ts';
import type { LivenessLock } from '../store/ports/liveness-lock.ts';
import type { Store } from '../store/store.ts';

/** Timing of the announcer lease; independent of the poll interval. */
export interface LeadershipOptions {
  /** How long the lease lasts without renewal. Default 20 s. */
  ttlMs?: number;
  /** How often the holder renews it and the others try to take it. Default 5 s. */
  heartbeatMs?: number;
}

/** Where the lease is kept, and the liveness lock that goes with it (null: none, takeover waits for the lease to expire). */
export interface LeadershipStore {
  leases: LeaseRepository;
  lock: LivenessLock | null;
}

/** The name of the announcer's lease. */
const LEASE = 'announcer';

/** How often a process that does not lead checks whether the holder died (when the heartbeat is longer). */
const FOLLOWER_PROBE_MS = 1_000;

/** 5 s heartbeat, 20 s lease: a holder may miss three heartbeats before it loses the lease. */
export const DEFAULT_LEADERSHIP = Object.freeze({ ttlMs: 20_000, heartbeatMs: 5_000 });

/**
 * Which process announces, when several share one database. The `announcer`
 * lease in the database is renewed by a heartbeat of its own, whatever the
 * poll interval; the others try to take it on the same heartbeat.
 *
 * Takeover after the holder dies:
 * - The holder also holds a liveness lock that is dropped when the process
 *   dies, even by `kill -9` (SQLite: a file lock the OS drops). A process that can take that lock while the
 *   lease names the lock's last holder knows the holder is dead and takes the
 *   lease over at once: at start (a restarted process), or on its next
 *   look (another process: every second, or every `heartbeatMs` if shorter).
 * - Otherwise (a holder that hangs but lives, a disk where the lock cannot be
 *   used) the lease expires: takeover within `ttlMs + heartbeatMs`.
 * Every process run has its own random owner id, so a restarted process never
 * mistakes its predecessor's lease for its own: only the lock proves the
 * predecessor dead.
 */
export class Leadership {
  readonly lease: Lease;
  private readonly lock: LivenessLock | null;
  private readonly heartbeatMs: number;
  private timer: NodeJS.Timeout | null = null;
  private leadingUntil = 0;
  /** The last tick's outcome (the lease may have lapsed since, if this process stalled). */
  private held = false;
  /** The lease as last granted (its epoch is the fencing token a networked store checks), null when not leading. */
  private granted: LeaseGrant | null = null;
  /** Whether the lease row notes this process as the lock's holder (written once per lock taken). */
  private lockNoted = false;
  private readonly listeners = new Set<() => void>();
  /** Heartbeats one after another, never two at once. */
  private last: Promise<unknown> = Promise.resolve();

  /** The leadership of processes sharing this store, with the store's liveness lock for the lease (if it has one). */
  static forStore(store: Store, log: Logger, options: LeadershipOptions = {}): Leadership {
    return new Leadership({ leases: store.leases, lock: store.livenessLock(LEASE) }, options, log);
  }

  constructor(
    store: LeadershipStore,
    options: LeadershipOptions,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_LEADERSHIP.heartbeatMs;
    const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.lease = store.leases.lease(LEASE, owner, options.ttlMs ?? DEFAULT_LEADERSHIP.ttlMs);
    this.lock = store.lock;
    if (this.lock?.problem) log.warn({ error: this.lock.problem }, 'announcer lock unavailable; takeover after a crash waits for the lease to expire');
  }

  /** Whether this process holds the lease (as of its last renewal). */
  get leading(): boolean {
    return this.now() < this.leadingUntil;
  }

  /** The lease as last granted to this process, while it leads. */
  get grant(): LeaseGrant | null {
    return this.leading ? this.granted : null;
  }

  /** What this process's ledger writes are checked against while it leads (the grant's epoch); null when not leading. */
  fence(): LeaseFence | null {
    const grant = this.grant;
    return grant ? { name: this.lease.name, owner: grant.owner, epoch: grant.epoch } : null;
  }

  /** One heartbeat: take over from a dead holder, take a free or expired lease, or renew ours. True when leading. */
  tick(): Promise<boolean> {
    const beat = this.last.then(() => this.beat());
    this.last = beat.catch(() => undefined);
    return beat;
  }

  private async beat(): Promise<boolean> {
    const was = this.leading;
    const now = this.now();
    const lockHeld = (await this.lock?.tryLock()) ?? false;
    const holder = await this.lease.holder();
    if (lockHeld && holder && holder.owner !== this.lease.owner && holder.expiresAt >= now && (await this.lease.lockHolder()) === holder.owner) {
      if (await this.lease.takeOver(holder.owner, now)) this.log.info({ previous: holder.owner }, 'the announcer died; took over its lease at once');
    }
    this.granted = await this.lease.acquire(now);
    const leading = this.granted !== null;
    this.leadingUntil = leading ? now + this.lease.ttlMs - this.heartbeatMs : 0;
    if (lockHeld && leading && !this.lockNoted) {
      await this.lease.noteLock(true);
      this.lockNoted = true;
    } else if (lockHeld && !leading) {
      await this.lock!.unlock(); // held only while leading, so that the lock's holder is always the lease's
      this.lockNoted = false;
    }
    if (this.held && !leading) this.log.warn({ holder: (await this.lease.holder())?.owner }, 'lost the announcer lease');
    this.held = leading;
    if (!was && leading) {
      this.log.info({ owner: this.lease.owner, processLock: this.lock?.locked ?? false }, 'this process is the announcer now');
      for (const listener of this.listeners) listener();
    }
    return leading;
  }

  /** Calls `listener` whenever this process becomes the announcer; returns the way to stop. */
  onLead(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the heartbeat (once; later calls do nothing). One leadership may serve several feed services. */
  start(): void {
    if (this.timer) return;
    // The holder renews every heartbeat; the others look every second (at most), so a holder that died (its
    // liveness lock gone with it) is replaced within about a second, whatever the heartbeat.
    const probeMs = Math.min(this.heartbeatMs, FOLLOWER_PROBE_MS);
    let last = -Infinity;
    const beat = () => {
      if (this.held && this.now() - last < this.heartbeatMs - probeMs / 2) return;
      last = this.now();
      this.tick().catch((err: unknown) => this.log.error({ err }, 'announcer lease heartbeat failed'));
    };
    this.timer = setInterval(beat, probeMs);
    this.timer.unref?.();
  }

  /** Stops the heartbeat (after the one in progress) and gives the lease and the lock up, so another process takes over at once. */
  async stop(): Promise<void> {
    this.stopHeartbeat();
    await this.last;
    this.leadingUntil = 0;
    this.held = false;
    this.granted = null;
    this.lockNoted = false;
    try {
      await this.lease.release();
    } finally {
      await this.lock?.close();
    }
  }

  private stopHeartbeat(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
