import type { Logger } from 'pino';
import type { Episode, Podcast } from '../core/model/catalog-schema.ts';
import type { Library } from '../core/search/library.ts';
import type { Store } from '../store/sqlite/sqlite-store.ts';
import type { FeedState } from '../store/sqlite/feed-state-repo.ts';
import type { FeedValidators, FetchOutcome } from '../feed/fetch/fetch-feed.ts';
import { parseJsonChapters } from '../feed/chapters/json-chapters.ts';
import { parseFeed } from '../feed/xml/parse-feed.ts';
import { reconcileWithCatalog } from '../feed/overlay/reconcile.ts';
import { showKeyOf } from '../core/model/show-key.ts';
import { resolveTranscriptUrl } from '../feed/transcripts/resolve-transcript-url.ts';
import type { TranscriptSource } from '../core/model/transcript-source.ts';
import { assignShow } from './assign-show.ts';

/** Fetches the feed, given the validators of the last fetch. */
export type FeedFetcher = (source: string, validators: FeedValidators) => Promise<FetchOutcome>;

/** Settings of the poller, from the configuration. */
export interface PollerOptions {
  feedUrl: string;
  /** The show this feed is (default: derived from `feedUrl`, see src/core/model/show-key.ts). */
  showKey?: string;
  /** On a feed's first poll, announce at most this many of its newest episodes. */
  announceOnFirstPoll: number;
  /** Later, announce at most this many of the episodes that appeared since the last poll. */
  maxBacklog: number;
  /** An episode dated this much before the newest known one is back catalog, never announced. */
  backCatalogToleranceMs: number;
}

/** What one poll did. */
export type PollReport =
  | { outcome: 'not-modified' }
  | { outcome: 'failed'; error: string; retryable: boolean; retryAfterMs?: number }
  | { outcome: 'updated'; added: string[]; updated: string[]; announced: string[]; skipped: string[] };

/**
 * One poll of the feed: fetch (conditionally), parse, store what is new or
 * edited, make it searchable, and plan announcements, all or nothing. A
 * failed fetch or a malformed feed changes nothing but the feed's health.
 */
export class FeedPoller {
  constructor(
    private readonly options: PollerOptions,
    private readonly deps: {
      store: Store;
      library: Library;
      /** The shipped catalog's episode with this title, if any (see reconcile.ts). */
      inCatalog: (title: string) => Episode | undefined;
      fetch: FeedFetcher;
      log: Logger;
      now?: () => Date;
      onAnnounce?: (episodes: Episode[]) => void;
      /**
       * The curated overlay for this feed's podcast, if it is the one the
       * catalog describes (see src/feed/overlay/catalog-overlay.ts); takes
       * precedence over `inCatalog`.
       */
      overlay?: (podcast: Podcast) => ((title: string) => Episode | undefined) | null;
      /** Called after a successful poll with the show's identity, and the old title when the feed renamed itself. */
      onShow?: (show: { key: string; feedUrl: string; podcast: Podcast }, renamedFrom: string | null) => void;
    },
  ) {
    this.showKey = options.showKey ?? showKeyOf(options.feedUrl);
  }

  /** The show this poller feeds. */
  readonly showKey: string;

  /** Polls once. Never throws for an expected failure; the report says what happened. */
  async poll(): Promise<PollReport> {
    const { store, log } = this.deps;
    const state = store.feedState.get(this.options.feedUrl);
    const outcome = await this.deps.fetch(this.options.feedUrl, { etag: state.etag, lastModified: state.lastModified });
    if (outcome.kind === 'not-modified') {
      this.saveHealth(state, { ok: true, validators: outcome.validators });
      log.debug({ feed: this.options.feedUrl }, 'feed not modified');
      return { outcome: 'not-modified' };
    }
    if (outcome.kind === 'failed') return this.failed(state, outcome.error, outcome.retryable, outcome.retryAfterMs);
    const parsed = parseFeed(outcome.body, { feedName: this.options.feedUrl });
    if (!parsed.ok) return this.failed(state, parsed.error, true);
    for (const warning of parsed.feed.warnings.slice(0, 20)) log.warn({ feed: this.options.feedUrl }, warning);
    const inCatalog = this.deps.overlay ? (this.deps.overlay(parsed.feed.podcast) ?? (() => undefined)) : this.deps.inCatalog;
    const withChapters = await this.withJsonChapters(parsed.feed.episodes, parsed.feed.chapterSources);
    const reconciled = reconcileWithCatalog(withChapters, inCatalog);
    const sources: Record<string, TranscriptSource[]> = {};
    parsed.feed.episodes.forEach((ep, i) => {
      const files = (parsed.feed.transcriptSources[ep.id] ?? []).flatMap((f) => {
        const url = resolveTranscriptUrl(this.options.feedUrl, f.url);
        return url ? [{ ...f, url }] : [];
      });
      if (files.length > 0) sources[reconciled[i]!.id] = files;
    });
    const assigned = assignShow(reconciled, this.showKey, sources, store.episodes, (id, owner) =>
      log.warn({ feed: this.options.feedUrl, id, otherShow: owner }, 'an item shares its guid with an episode of another show; stored under its own id'),
    );
    const episodes = assigned.episodes;
    return this.apply(state, episodes, outcome.validators, parsed.feed.podcast, assigned.transcripts);
  }

  /**
   * Fetches `podcast:chapters` JSON (with the feed's limits) for new episodes
   * that have no chapters in their show notes, once: later polls keep the
   * stored chapters. A failure only costs the chapters.
   */
  private async withJsonChapters(episodes: Episode[], sources: Record<string, string>): Promise<Episode[]> {
    const out: Episode[] = [];
    for (const ep of episodes) {
      const url = sources[ep.id];
      if (!url || ep.chapters.length > 0) {
        out.push(ep);
        continue;
      }
      const stored = this.deps.store.episodes.get(ep.id);
      if (stored) {
        out.push({ ...ep, chapters: stored.chapters });
        continue;
      }
      const fetched = await this.deps.fetch(url, { etag: null, lastModified: null });
      const chapters = fetched.kind === 'fetched' ? parseJsonChapters(fetched.body) : null;
      if (!chapters) this.deps.log.warn({ episode: ep.id, url, error: fetched.kind === 'failed' ? fetched.error : 'not a JSON chapters file' }, 'chapters skipped');
      out.push(chapters && chapters.length > 0 ? { ...ep, chapters } : ep);
    }
    return out;
  }

  private apply(
    state: FeedState,
    episodes: Episode[],
    validators: FeedValidators,
    podcast: Podcast,
    transcripts: Record<string, TranscriptSource[]>,
  ): PollReport {
    const { store, library, log } = this.deps;
    const now = this.now().toISOString();
    const show = { key: this.showKey, feedUrl: this.options.feedUrl, podcast };
    const plan = store.transaction(() => {
      const newestKnown = store.episodes.newestPublishedAt(this.showKey);
      const changes = store.episodes.save(episodes, now);
      const { announce, skip } = this.choose(state, changes.added, newestKnown);
      const channels = store.subscriptions
        .list({ status: 'active' })
        .filter((c) => store.subscriptionShows.wants(c.platform, c.channelId, this.showKey));
      store.deliveries.plan(announce.map((e) => e.id), channels, now);
      for (const ep of episodes) {
        const sources = transcripts[ep.id];
        if (sources) store.transcripts.track({ episodeId: ep.id, showKey: this.showKey, publishedAt: ep.publishedAt, sources }, now);
      }
      const { renamedFrom } = store.shows.save(show, now);
      store.episodes.markAnnounced(announce.map((e) => e.id));
      this.saveHealth(state, { ok: true, validators, initialized: true, lastEpisodeId: episodes[0]?.id ?? state.lastEpisodeId });
      return { ...changes, announce, skip, renamedFrom };
    });
    if (plan.renamedFrom !== null) log.info({ feed: this.options.feedUrl, from: plan.renamedFrom, to: podcast.title }, 'the feed renamed its show');
    this.deps.onShow?.(show, plan.renamedFrom);
    library.upsert([...plan.added, ...plan.updated]);
    if (plan.added.length + plan.updated.length > 0) {
      log.info({ added: plan.added.length, updated: plan.updated.length, announcing: plan.announce.map((e) => e.title), skipped: plan.skip.length }, 'feed changed');
    }
    if (plan.announce.length > 0) this.deps.onAnnounce?.(plan.announce);
    return {
      outcome: 'updated',
      added: plan.added.map((e) => e.id),
      updated: plan.updated.map((e) => e.id),
      announced: plan.announce.map((e) => e.id),
      skipped: plan.skip.map((e) => e.id),
    };
  }

  /** Which new episodes to announce: a few of the newest, never the back catalog. */
  private choose(state: FeedState, added: Episode[], newestKnown: string | null): { announce: Episode[]; skip: Episode[] } {
    const limit = state.initialized ? this.options.maxBacklog : this.options.announceOnFirstPoll;
    const cutoff = newestKnown && state.initialized ? Date.parse(newestKnown) - this.options.backCatalogToleranceMs : null;
    const fresh = added.filter((e) => cutoff === null || !e.publishedAt || Date.parse(e.publishedAt) >= cutoff);
    const byDate = [...fresh].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
    const announce = byDate.slice(0, limit);
    const chosen = new Set(announce.map((e) => e.id));
    return { announce, skip: added.filter((e) => !chosen.has(e.id)) };
  }

  private failed(state: FeedState, error: string, retryable: boolean, retryAfterMs?: number): PollReport {
    this.saveHealth(state, { ok: false, error });
    // saveHealth has counted this failure already (state is updated in place).
    this.deps.log.warn({ feed: this.options.feedUrl, error, failures: state.consecutiveFailures }, 'feed poll failed');
    return { outcome: 'failed', error, retryable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }

  private saveHealth(
    state: FeedState,
    r: { ok: true; validators: FeedValidators; initialized?: boolean; lastEpisodeId?: string | null } | { ok: false; error: string },
  ): void {
    const now = this.now().toISOString();
    const next: FeedState = r.ok
      ? {
          ...state,
          etag: r.validators.etag,
          lastModified: r.validators.lastModified,
          initialized: r.initialized ?? state.initialized,
          lastEpisodeId: r.lastEpisodeId ?? state.lastEpisodeId,
          lastAttemptAt: now,
          lastSuccessAt: now,
          consecutiveFailures: 0,
        }
      : { ...state, lastAttemptAt: now, lastError: r.error, lastErrorAt: now, consecutiveFailures: state.consecutiveFailures + 1 };
    this.deps.store.feedState.put(next);
    Object.assign(state, next);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
