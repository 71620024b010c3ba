import type { Logger } from 'pino';
import { announcementAnswer } from '../core/answers/announcement.ts';
import type { Episode } from '../core/model/catalog-schema.ts';
import type { Library } from '../core/search/library.ts';
import { fail } from '../core/model/result.ts';
import type { Delivery } from '../store/ports/deliveries.ts';
import type { LeaseFence } from '../store/ports/lease.ts';
import type { Repositories, Store } from '../store/store.ts';
import type { AnnouncementTarget, LookupResult, PostResult } from './announcement-target.ts';

/** Attempts before a delivery that keeps failing for now is given up. */
export const MAX_ATTEMPTS = 5;

/** A retried delivery looks for an earlier post from this long before its last attempt (clock skew with the platform). */
export const LOOKUP_MARGIN_MS = 5 * 60_000;

/** What a delivery round did. */
export interface DeliveryReport {
  delivered: number;
  failed: number;
  retrying: number;
  waiting: number;
}

/**
 * The lease grant this process announces under, asked before each ledger
 * write; null when it no longer leads. With one, every write is made in a
 * transaction that first checks the grant still holds (see
 * `LeaseRepository.holds`), so a process that froze while another took over
 * has its writes refused and posts nothing more.
 */
export type DeliveryFence = () => LeaseFence | null;

/** A ledger write was refused: this process no longer holds the lease grant it announces under. */
const FENCED = Symbol('fenced');

/**
 * Works through the delivery ledger: posts each planned announcement to its
 * channel and records the outcome, one row at a time, so a crash in the
 * middle resumes with the channels not yet delivered. A channel that rejects
 * posts is marked failed; the other channels still get theirs.
 */
export class Announcer {
  private readonly targets = new Map<string, AnnouncementTarget>();

  constructor(
    private readonly store: Store,
    private readonly library: Library,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    /** The show an announcement names (with several feeds, each episode's own show). */
    private readonly showTitle: (episode: Episode) => string = () => this.library.podcast.title,
    /** The artwork of an episode's show, shown when the episode has none of its own. */
    private readonly showImage: (episode: Episode) => string | null = () => this.library.podcast.imageUrl,
  ) {}

  /**
   * Runs after a delivery is claimed, before its post (TEST_PAUSE_AFTER_CLAIM: the process tests freeze a leader
   * there); null in production.
   */
  afterClaim: ((delivery: { episode: string; platform: string; channel: string }) => Promise<void>) | null = null;

  /** Registers a platform to post to (an adapter that has started). */
  addTarget(target: AnnouncementTarget): void {
    this.targets.set(target.platform, target);
  }

  /**
   * Posts every open delivery whose platform is available. `stillLeading`,
   * asked before each post, stops the round when this process is no longer
   * the announcer (another one took over). With `fence`, each ledger write is
   * refused unless the lease grant still holds, and the round stops there.
   */
  async deliver(stillLeading: () => Promise<boolean> = async () => true, fence?: DeliveryFence): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, failed: 0, retrying: 0, waiting: 0 };
    const write = (work: (repos: Repositories) => Promise<void>) => this.write(work, fence);
    for (const d of await this.store.deliveries.open()) {
      if (!(await stillLeading())) {
        this.log.warn('no longer the announcer; the round stops here');
        break;
      }
      const target = this.targets.get(d.platform);
      if (!target) {
        report.waiting++;
        continue;
      }
      const outcome = await this.deliverOne(d, target, write, fence);
      if (outcome === FENCED) {
        this.log.warn({ episode: d.episodeId, channel: d.channelId }, 'another process holds the announcer lease now; this one’s ledger write was refused and the round stops');
        break;
      }
      report[outcome]++;
    }
    if (report.delivered + report.failed + report.retrying > 0) this.log.info(report, 'delivery round finished');
    return report;
  }

  /** Runs a ledger write: at once, or with a fence in a transaction that first checks the grant; false when refused. */
  private async write(work: (repos: Repositories) => Promise<void>, fence: DeliveryFence | undefined): Promise<boolean> {
    if (!fence) {
      await work(this.store);
      return true;
    }
    const grant = fence();
    if (!grant) return false;
    return this.store.transaction(async (tx) => {
      if (!(await tx.leases.holds(grant))) return false;
      await work(tx);
      return true;
    });
  }

  private async deliverOne(
    d: Delivery,
    target: AnnouncementTarget,
    write: (work: (repos: Repositories) => Promise<void>) => Promise<boolean>,
    fence: DeliveryFence | undefined,
  ): Promise<'delivered' | 'failed' | 'retrying' | typeof FENCED> {
    const stamp = () => this.now().toISOString();
    const sub = await this.store.subscriptions.get(d.platform, d.channelId);
    const episode = this.library.get(d.episodeId);
    if (!sub || sub.status !== 'active' || !episode) {
      const error = !episode ? 'the episode is no longer in the catalog' : 'the channel is no longer subscribed';
      if (!(await write((r) => r.deliveries.finish(d, { state: 'failed', error }, stamp())))) return FENCED;
      return 'failed';
    }
    const answer = announcementAnswer(episode, this.showTitle(episode), this.showImage(episode));
    const { mention } = await this.store.subscriptionShapes.get(d.platform, d.channelId);
    const key = `${d.episodeId}:${d.channelId}`;
    const context = { episode: d.episodeId, platform: d.platform, channel: d.channelId };
    if (d.attempts > 0) {
      const lookup = await this.lookup(target, d, answer, key);
      const earlier = lookup.ok ? lookup.value : null;
      if (earlier !== null) {
        if (!(await write((r) => r.deliveries.finish(d, { state: 'delivered', messageId: earlier.messageId }, stamp())))) return FENCED;
        this.log.info({ ...context, messageId: earlier.messageId }, 'an earlier attempt had posted the announcement; not posted again');
        return 'delivered';
      }
      if (!lookup.ok) this.log.warn({ ...context, error: lookup.error }, 'cannot tell whether an earlier attempt was posted; posting again');
    }
    if (!(await write((r) => r.deliveries.markSending(d, stamp())))) return FENCED;
    await this.afterClaim?.(context);
    // A process that froze after its claim for longer than its lease posts nothing: another one has taken over (and
    // found the claim open). The check is this process's own clock, so it costs no round trip right before the post.
    if (fence && fence() === null) return FENCED;
    const result = await this.post(target, d.channelId, answer, key, mention);
    if (result.ok) {
      if (!(await write((r) => r.deliveries.finish(d, { state: 'delivered', messageId: result.messageId }, stamp())))) return FENCED;
      this.log.info(context, 'announced');
      return 'delivered';
    }
    const giveUp = result.permanent || d.attempts + 1 >= MAX_ATTEMPTS;
    const recorded = await write(async (r) => {
      await r.deliveries.finish(d, { state: giveUp ? 'failed' : 'pending', error: result.error }, stamp());
      if (result.permanent) await r.subscriptions.markFailed(d.platform, d.channelId, result.error, stamp());
    });
    if (!recorded) return FENCED;
    this.log.warn({ ...context, error: result.error, permanent: result.permanent, attempts: d.attempts + 1 }, 'announcement failed');
    return giveUp ? 'failed' : 'retrying';
  }

  /** Whether the post of an earlier attempt (interrupted, timed out) is in the channel. */
  private async lookup(target: AnnouncementTarget, d: { channelId: string; updatedAt: string }, answer: Parameters<AnnouncementTarget['postAnnouncement']>[1], key: string): Promise<LookupResult> {
    if (!target.findAnnouncement) return fail(`${target.platform} cannot look for earlier posts`);
    const since = new Date(Date.parse(d.updatedAt) - LOOKUP_MARGIN_MS);
    try {
      return await target.findAnnouncement(d.channelId, answer, key, since);
    } catch (err) {
      return fail((err as Error).message);
    }
  }

  private async post(target: AnnouncementTarget, channelId: string, answer: Parameters<AnnouncementTarget['postAnnouncement']>[1], key: string, mention: string | null): Promise<PostResult> {
    try {
      return await (mention ? target.postAnnouncement(channelId, answer, key, { mention }) : target.postAnnouncement(channelId, answer, key));
    } catch (err) {
      return { ok: false, permanent: false, error: (err as Error).message };
    }
  }
}
