import type { Logger } from 'pino';
import type { TranscriptSink } from '../../core/model/transcript-segment.ts';
import { fetchTranscript, type TranscriptFetcher } from '../../feed/transcripts/fetch-transcript.ts';
import type { TranscriptCounts, TranscriptState } from '../../store/ports/transcript-state.ts';
import type { Store } from '../../store/store.ts';
import { nextPollDelay } from '../backoff.ts';

/** Tunables of the background transcript fetch; defaults in {@link DEFAULT_TRANSCRIPT_QUEUE_OPTIONS}. */
export interface TranscriptQueueOptions {
  /** Transcripts fetched at the same time. */
  concurrency: number;
  /** Attempts before a transcript is given up (it is tried again when the feed lists other files). */
  maxAttempts: number;
  /** Retries back off like feed polls at this interval: 30 s first, doubling, up to 8 × this (6 h at most). */
  retryIntervalMs: number;
  /** How often to look for retries that became due while nothing else woke the queue. */
  checkEveryMs: number;
}

/** Two at a time, 8 attempts, retries from 30 s up to 6 h apart, checked every minute. */
export const DEFAULT_TRANSCRIPT_QUEUE_OPTIONS: TranscriptQueueOptions = {
  concurrency: 2,
  maxAttempts: 8,
  retryIntervalMs: 3_600_000,
  checkEveryMs: 60_000,
};

/** Where the fetch stands, after each transcript. */
export interface TranscriptProgress extends TranscriptCounts {
  /** True when nothing is left to fetch now. */
  idle: boolean;
}

/** What the queue needs, passed in. */
export interface TranscriptQueueDeps {
  store: Store;
  /** Where transcripts go (stored and indexed: the library's transcript store). */
  sink: TranscriptSink;
  fetch: TranscriptFetcher;
  log: Logger;
  /** Only the process polling the feeds fetches (the announcer lease holder). */
  isLeader: () => boolean;
  /** The shows whose transcripts to fetch (followed feeds); all when absent. */
  shows?: () => string[];
  onProgress?: (progress: TranscriptProgress) => void;
  now?: () => Date;
  random?: () => number;
}

/**
 * Fetches the transcripts feeds list, in the background: newest episodes
 * first, a few at a time, one network request per file; never awaited by
 * answers or announcements. Each result is recorded in the store's
 * transcript state (src/store/ports/transcript-state.ts) so a restart fetches nothing
 * stored already; failures are retried later with backoff and shown in
 * `/podcast status`. An episode stays searchable without its transcript.
 */
export class TranscriptQueue {
  private readonly options: TranscriptQueueOptions;
  private draining: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(options: Partial<TranscriptQueueOptions>, private readonly deps: TranscriptQueueDeps) {
    this.options = { ...DEFAULT_TRANSCRIPT_QUEUE_OPTIONS, ...options };
  }

  /** Starts: transcripts recorded as stored but missing from the sink are fetched again; then checks periodically. */
  async start(): Promise<void> {
    this.stopped = false;
    try {
      await this.requeueMissing();
    } catch (err) {
      this.deps.log.error({ err }, 'could not check which stored transcripts are missing');
    }
    this.tick();
  }

  /** Fetches what is due now, in the background (after a poll found new episodes). */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drainAll().finally(() => {
      this.draining = null;
    });
  }

  /** Fetches everything due now; resolves when done (tests and `npm run ask` await it). */
  async drain(): Promise<void> {
    if (this.draining) await this.draining;
    this.draining = this.drainAll().finally(() => {
      this.draining = null;
    });
    await this.draining;
  }

  /** Stops checking and waits for the transcripts in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.draining;
  }

  private tick(): void {
    if (this.stopped) return;
    this.wake();
    this.timer = setTimeout(() => this.tick(), this.options.checkEveryMs);
    this.timer.unref?.();
  }

  private async requeueMissing(): Promise<void> {
    const { store, sink } = this.deps;
    const stale: string[] = [];
    for (const id of await store.transcriptState.doneEpisodeIds()) if (!(await sink.hasTranscript(id))) stale.push(id);
    if (stale.length === 0) return;
    await store.transcriptState.reopen(stale);
    this.deps.log.info({ transcripts: stale.length }, 'transcripts recorded as stored but missing from the index: fetching them again');
  }

  private async drainAll(): Promise<void> {
    try {
      do {
        this.again = false;
        if (!this.deps.isLeader()) return;
        let fetched = 0;
        for (;;) {
          const due = await this.deps.store.transcriptState.due(this.now().toISOString(), this.options.concurrency, this.deps.shows?.());
          if (due.length === 0 || this.stopped) break;
          await Promise.all(due.map((t) => this.fetchOne(t)));
          fetched += due.length;
          await this.report(false);
        }
        if (fetched > 0) await this.report(true);
      } while (this.again && !this.stopped);
    } catch (err) {
      // The store failed (gone, busy): what is due stays due, and is tried at the next wake or check.
      this.deps.log.error({ err }, 'transcript queue stopped for now');
    }
  }

  private async fetchOne(t: TranscriptState): Promise<void> {
    const { store, sink, log } = this.deps;
    const started = performance.now();
    let result: Awaited<ReturnType<typeof fetchTranscript>>;
    try {
      result = await fetchTranscript(t.sources, this.deps.fetch);
    } catch (err) {
      result = { ok: false, error: `unexpected error: ${(err as Error).message}` };
      log.error({ err, episode: t.episodeId }, 'transcript fetch failed unexpectedly');
    }
    const now = this.now().toISOString();
    if (result.ok) {
      try {
        await sink.replaceTranscript(t.episodeId, result.segments);
      } catch (err) {
        log.error({ err, episode: t.episodeId }, 'transcript could not be stored');
        await store.transcriptState.markFailed(t.episodeId, `could not be stored: ${(err as Error).message}`, this.retryAt(t.attempts + 1), now);
        return;
      }
      await store.transcriptState.markDone(t.episodeId, { url: result.url, format: result.format, segments: result.segments.length }, now);
      const context = { episode: t.episodeId, url: result.url, format: result.format, segments: result.segments.length, ms: Math.round(performance.now() - started) };
      if (result.notes.length > 0) log.warn({ ...context, notes: result.notes }, 'transcript stored, with repairs');
      else log.debug(context, 'transcript stored');
      return;
    }
    const next = this.retryAt(t.attempts + 1);
    await store.transcriptState.markFailed(t.episodeId, result.error, next, now);
    log.warn({ episode: t.episodeId, error: result.error, attempts: t.attempts + 1, retryAt: next ?? 'given up' }, 'transcript not fetched');
  }

  /** When to try again after `attempts` failures; null once given up. */
  private retryAt(attempts: number): string | null {
    if (attempts >= this.options.maxAttempts) return null;
    const delay = nextPollDelay({ intervalMs: this.options.retryIntervalMs, consecutiveFailures: attempts, random: this.deps.random ?? Math.random });
    return new Date(this.now().getTime() + delay).toISOString();
  }

  private async report(idle: boolean): Promise<void> {
    if (this.deps.onProgress) this.deps.onProgress({ ...(await this.deps.store.transcriptState.counts()), idle });
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}
