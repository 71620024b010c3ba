import type { FeedValidators } from '../feed/fetch/fetch-feed.ts';
import type { FeedState } from '../store/ports/feed-state.ts';

/** How a poll went, for the feed's health: a success (with the validators to send next time) or a failure. */
export type PollHealth =
  | { ok: true; validators: FeedValidators; initialized?: boolean; lastEpisodeId?: string | null }
  | { ok: false; error: string };

/**
 * A feed's state after a poll at `now`: a success keeps the new validators and
 * clears the failure count; a failure records the error and counts it (the
 * last error stays on record after a success, for status).
 */
export function healthAfter(state: FeedState, poll: PollHealth, now: string): FeedState {
  if (!poll.ok) return { ...state, lastAttemptAt: now, lastError: poll.error, lastErrorAt: now, consecutiveFailures: state.consecutiveFailures + 1 };
  return {
    ...state,
    etag: poll.validators.etag,
    lastModified: poll.validators.lastModified,
    initialized: poll.initialized ?? state.initialized,
    lastEpisodeId: poll.lastEpisodeId ?? state.lastEpisodeId,
    lastAttemptAt: now,
    lastSuccessAt: now,
    consecutiveFailures: 0,
  };
}
