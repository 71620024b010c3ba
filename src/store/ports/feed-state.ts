/** What is known about polling one feed: validators for conditional GET, and its health. */
export interface FeedState {
  feedUrl: string;
  etag: string | null;
  lastModified: string | null;
  initialized: boolean;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  lastEpisodeId: string | null;
}

/** The state of a feed never polled. */
export function blankFeedState(feedUrl: string): FeedState {
  return {
    feedUrl, etag: null, lastModified: null, initialized: false, lastAttemptAt: null, lastSuccessAt: null,
    lastError: null, lastErrorAt: null, consecutiveFailures: 0, nextPollAt: null, lastEpisodeId: null,
  };
}

/** Feed polling state, one row per feed URL. */
export interface FeedStateRepository {
  /** The state of a feed; a never-polled feed gets a blank state. */
  get(feedUrl: string): Promise<FeedState>;
  /** Writes the whole state of a feed. */
  put(state: FeedState): Promise<void>;
}
