import type { Logger } from 'pino';
import { announcementAnswer } from '../core/answers/announcement.ts';
import type { Episode } from '../core/model/catalog-schema.ts';
import type { Library } from '../core/search/library.ts';
import { fail } from '../core/model/result.ts';
import type { Delivery } from '../store/ports/deliveries.ts';
import type { Store } from '../store/store.ts';
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

  /** Registers a platform to post to (an adapter that has started). */
  addTarget(target: AnnouncementTarget): void {
    this.targets.set(target.platform, target);
  }

  /**
   * Posts every open delivery whose platform is available. `stillLeading`,
   * asked before each post, stops the round when this process is no longer
   * the announcer (another one took over).
   */
  async deliver(stillLeading: () => Promise<boolean> = async () => true): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, failed: 0, retrying: 0, waiting: 0 };
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
      const outcome = await this.deliverOne(d, target);
      report[outcome]++;
    }
    if (report.delivered + report.failed + report.retrying > 0) this.log.info(report, 'delivery round finished');
    return report;
  }

  private async deliverOne(d: Delivery, target: AnnouncementTarget): Promise<'delivered' | 'failed' | 'retrying'> {
    const stamp = () => this.now().toISOString();
    const sub = await this.store.subscriptions.get(d.platform, d.channelId);
    const episode = this.library.get(d.episodeId);
    if (!sub || sub.status !== 'active' || !episode) {
      const error = !episode ? 'the episode is no longer in the catalog' : 'the channel is no longer subscribed';
      await this.store.deliveries.finish(d, { state: 'failed', error }, stamp());
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
        await this.store.deliveries.finish(d, { state: 'delivered', messageId: earlier.messageId }, stamp());
        this.log.info({ ...context, messageId: earlier.messageId }, 'an earlier attempt had posted the announcement; not posted again');
        return 'delivered';
      }
      if (!lookup.ok) this.log.warn({ ...context, error: lookup.error }, 'cannot tell whether an earlier attempt was posted; posting again');
    }
    await this.store.deliveries.markSending(d, stamp());
    const result = await this.post(target, d.channelId, answer, key, mention);
    if (result.ok) {
      await this.store.deliveries.finish(d, { state: 'delivered', messageId: result.messageId }, stamp());
      this.log.info(context, 'announced');
      return 'delivered';
    }
    const giveUp = result.permanent || d.attempts + 1 >= MAX_ATTEMPTS;
    await this.store.deliveries.finish(d, { state: giveUp ? 'failed' : 'pending', error: result.error }, stamp());
    if (result.permanent) await this.store.subscriptions.markFailed(d.platform, d.channelId, result.error, stamp());
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
