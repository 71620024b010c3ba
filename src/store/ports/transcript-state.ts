import type { TranscriptSource } from '../../core/model/transcript-source.ts';

/**
 * Where fetching one episode's transcript stands. `pending`: not fetched yet,
 * or failed and waiting for `nextAttemptAt`; `done`: stored (a restart
 * re-fetches nothing); `failed`: given up after too many attempts (tried
 * again only when the feed lists other transcript files).
 */
export interface TranscriptState {
  episodeId: string;
  showKey: string | null;
  publishedAt: string | null;
  sources: TranscriptSource[];
  state: 'pending' | 'done' | 'failed';
  /** The file fetched, once done. */
  url: string | null;
  format: string | null;
  segments: number;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

/** Counts of one show's (or every show's) transcripts, for status and progress. */
export interface TranscriptCounts {
  /** Episodes whose feed item lists a transcript. */
  listed: number;
  done: number;
  /** Not tried yet. */
  waiting: number;
  /** Failed at least once, to be tried again. */
  retrying: number;
  /** Given up. */
  failed: number;
}

/** An episode's transcript files, as {@link TranscriptStateRepository.track} records them. */
export interface TrackedTranscript {
  episodeId: string;
  showKey: string | null;
  publishedAt: string | null;
  sources: readonly TranscriptSource[];
}

/** Transcript fetch state, one row per episode with `podcast:transcript` tags. */
export interface TranscriptStateRepository {
  /**
   * Records an episode's transcript files. New episodes start `pending`; an
   * episode whose files changed is tried again unless its transcript is
   * already stored.
   */
  track(e: TrackedTranscript, now: string): Promise<void>;
  /** One episode's state. */
  get(episodeId: string): Promise<TranscriptState | undefined>;
  /** Up to `limit` transcripts to fetch now, newest episodes first (undated last); `shows` limits them to followed shows. */
  due(now: string, limit: number, shows?: readonly string[]): Promise<TranscriptState[]>;
  /** The earliest time a waiting transcript may be tried ('' for one to try at once), null when none is waiting. */
  nextDue(): Promise<string | null>;
  /** Records a stored transcript. */
  markDone(episodeId: string, done: { url: string; format: string; segments: number }, now: string): Promise<void>;
  /** Records a failed attempt: tried again at `nextAttemptAt`, or given up when that is null. */
  markFailed(episodeId: string, error: string, nextAttemptAt: string | null, now: string): Promise<void>;
  /** Counts, of one show when given. */
  counts(showKey?: string): Promise<TranscriptCounts>;
  /** The latest failures (retrying or given up), of one show when given, newest episodes first. */
  failures(showKey: string | undefined, limit: number): Promise<TranscriptState[]>;
  /** The episodes whose transcript is recorded as stored (`done`). */
  doneEpisodeIds(): Promise<string[]>;
  /** Makes these episodes' transcripts `pending` again, as never tried (their segments went missing). */
  reopen(episodeIds: readonly string[]): Promise<void>;
}
