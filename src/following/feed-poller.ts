import { safeUrl } from '../feed/fetch/fetch-wording.ts';
import type { Logger } from 'pino';
import type { Episode, Podcast } from '../core/model/catalog-schema.ts';
import { showKeyOf } from '../core/model/show-key.ts';
import type { Library } from '../core/search/library.ts';
import type { FeedState } from '../store/ports/feed-state.ts';
import type { Store } from '../store/store.ts';
import type { AnnounceLimits } from './choose-announcements.ts';
import { healthAfter } from './feed-health.ts';
import { readFeed, type CatalogOverlay, type FeedFetcher } from './read-feed.ts';
import { storePoll } from './store-poll.ts';

/** Settings of the poller, from the configuration. */
export interface PollerOptions extends AnnounceLimits {
  feedUrl: string;
  /** The show this feed is (default: derived from `feedUrl`, see src/core/model/show-key.ts). */
  showKey?: string;
}

/** What the poller needs, passed in. */
export interface PollerDeps {
  store: Store;
  library: Library;
  fetch: FeedFetcher;
  /** Fetches URLs found inside the feed (chapters): never trusted; default `fetch`. */
  fetchLinked?: FeedFetcher;
  log: Logger;
  now?: () => Date;
  onAnnounce?: (episodes: Episode[]) => void;
  /** The curated overlay for this feed's podcast, if the catalog describes it (see src/feed/overlay/catalog-overlay.ts). */
  overlay?: CatalogOverlay;
  /** Called after a successful poll with the show's identity, and the old title when the feed renamed itself. */
  onShow?: (show: { key: string; feedUrl: string; podcast: Podcast }, renamedFrom: string | null) => void;
}

/** What one poll did. */
export type PollReport =
  | { outcome: 'not-modified' }
  | { outcome: 'failed'; error: string; retryable: boolean; retryAfterMs?: number }
  | { outcome: 'updated'; added: string[]; updated: string[]; announced: string[]; skipped: string[] };

/**
 * One poll of the feed: read it (read-feed.ts), store what is new or edited
 * and plan announcements, all or nothing (store-poll.ts), then make it
 * searchable. A failed fetch or a malformed feed changes nothing but the
 * feed's health (feed-health.ts).
 */
export class FeedPoller {
  /** The show this poller feeds. */
  readonly showKey: string;

  constructor(
    private readonly options: PollerOptions,
    private readonly deps: PollerDeps,
  ) {
    this.showKey = options.showKey ?? showKeyOf(options.feedUrl);
  }

  /** Polls once. Never throws for an expected failure; the report says what happened. */
  async poll(): Promise<PollReport> {
    const { store, log } = this.deps;
    const feedUrl = this.options.feedUrl;
    const state = await store.feedState.get(feedUrl);
    const reading = await readFeed({ url: feedUrl, showKey: this.showKey }, { etag: state.etag, lastModified: state.lastModified }, {
      fetch: this.deps.fetch,
      ...(this.deps.fetchLinked ? { fetchLinked: this.deps.fetchLinked } : {}),
      episodes: store.episodes,
      log,
      ...(this.deps.overlay ? { overlay: this.deps.overlay } : {}),
    });
    if (reading.kind === 'not-modified') {
      await store.feedState.put(healthAfter(state, { ok: true, validators: reading.validators }, this.stamp()));
      log.debug({ feed: safeUrl(feedUrl) }, 'feed not modified');
      return { outcome: 'not-modified' };
    }
    if (reading.kind === 'failed') return this.failed(state, reading);
    const stored = await storePoll(store, { feedUrl, showKey: this.showKey, state, feed: reading.feed, limits: this.options }, this.stamp());
    const show = { key: this.showKey, feedUrl, podcast: reading.feed.podcast };
    if (stored.renamedFrom !== null) log.info({ feed: safeUrl(feedUrl), from: stored.renamedFrom, to: show.podcast.title }, 'the feed renamed its show');
    this.deps.onShow?.(show, stored.renamedFrom);
    await this.deps.library.upsert([...stored.added, ...stored.updated]);
    if (stored.added.length + stored.updated.length > 0) {
      log.info({ added: stored.added.length, updated: stored.updated.length, announcing: stored.announce.map((e) => e.title), skipped: stored.skip.length }, 'feed changed');
    }
    if (stored.announce.length > 0) this.deps.onAnnounce?.(stored.announce);
    return {
      outcome: 'updated',
      added: stored.added.map((e) => e.id),
      updated: stored.updated.map((e) => e.id),
      announced: stored.announce.map((e) => e.id),
      skipped: stored.skip.map((e) => e.id),
    };
  }

  private async failed(state: FeedState, f: { error: string; retryable: boolean; retryAfterMs?: number }): Promise<PollReport> {
    const next = healthAfter(state, { ok: false, error: f.error }, this.stamp());
    await this.deps.store.feedState.put(next);
    this.deps.log.warn({ feed: safeUrl(this.options.feedUrl), error: f.error, failures: next.consecutiveFailures }, 'feed poll failed');
    return { outcome: 'failed', error: f.error, retryable: f.retryable, ...(f.retryAfterMs !== undefined ? { retryAfterMs: f.retryAfterMs } : {}) };
  }

  private stamp(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}
