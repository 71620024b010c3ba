const SECOND = 1000;
const HOUR = 3600 * SECOND;
/** 2^40 × 30 s is far past any cap; stops the power from overflowing to Infinity early. */
const MAX_EXPONENT = 40;

/** Tunables of the poll schedule. */
export interface BackoffPolicy {
  /** Upper bound of the delay after the first failure; it doubles with every further failure. */
  firstDelayMs: number;
  /** Absolute cap of a failure delay (a `Retry-After` may go beyond it, up to `maxRetryAfterMs`). */
  maxDelayMs: number;
  /** Failure delays are also capped at this many poll intervals (but never below one interval). */
  intervalMultiple: number;
  /** No delay is shorter than this. */
  floorMs: number;
  /** A server's `Retry-After` is honoured up to this, so a broken header cannot silence a feed for months. */
  maxRetryAfterMs: number;
}

/** 30 s first, doubling, capped at min(6 h, 8 × interval) but never below one interval; floor 10 s; Retry-After up to 24 h. */
export const DEFAULT_BACKOFF_POLICY: Readonly<BackoffPolicy> = Object.freeze({
  firstDelayMs: 30 * SECOND,
  maxDelayMs: 6 * HOUR,
  intervalMultiple: 8,
  floorMs: 10 * SECOND,
  maxRetryAfterMs: 24 * HOUR,
});

/** Input of `nextPollDelay`. */
export interface PollDelayInput {
  /** The normal poll interval. */
  intervalMs: number;
  /** Failed polls since the last success; 0 right after a success. */
  consecutiveFailures: number;
  /** From a failed fetch's `Retry-After`. */
  retryAfterMs?: number;
  /** Uniform in [0, 1): `Math.random` in production, a constant in tests. */
  random: () => number;
  /** A local file (no server to spare): failures are retried on the interval, without backoff. Default false. */
  local?: boolean;
}

/** Whether a feed source is a local file (a path or a file:// URL) rather than an http(s) URL. */
export function isLocalFeed(source: string): boolean {
  return !/^https?:\/\//i.test(source.trim());
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

/** The longest failure delay for this interval: min(maxDelayMs, intervalMultiple × interval), at least one interval. */
export function failureDelayCap(intervalMs: number, policy: BackoffPolicy = DEFAULT_BACKOFF_POLICY): number {
  const interval = Math.max(policy.floorMs, finiteOr(intervalMs, policy.floorMs));
  return Math.max(interval, Math.min(policy.maxDelayMs, policy.intervalMultiple * interval));
}

/** Upper bound of the jittered delay after `failures` failures: firstDelayMs × 2^(failures − 1), capped. */
export function backoffCeiling(intervalMs: number, failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF_POLICY): number {
  const exponent = Math.min(MAX_EXPONENT, Math.max(0, Math.floor(failures) - 1));
  const uncapped = policy.firstDelayMs * 2 ** exponent;
  return Math.max(policy.floorMs, Math.min(failureDelayCap(intervalMs, policy), uncapped));
}

function unitRandom(random: () => number): number {
  const value = random();
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 1;
}

/**
 * Milliseconds until the next poll of a feed.
 * - After a success (`consecutiveFailures` 0): the configured interval, no jitter (the operator chose it).
 * - After n failures: "full jitter" (AWS Architecture Blog, "Exponential Backoff and Jitter"),
 *   uniform in [floor, ceiling] with ceiling = firstDelayMs × 2^(n−1), capped by `failureDelayCap`.
 *   Full rather than decorrelated jitter: it needs no previous delay, so the schedule follows
 *   from the failure count alone, and it spreads many bots retrying one host the widest.
 * - A `retryAfterMs` larger than that wins (up to `maxRetryAfterMs`).
 * - A local file (`local`) is retried on the interval: a file that is missing or half-written
 *   now is usually fine a moment later, and reading it costs no one anything.
 */
export function nextPollDelay(input: PollDelayInput, policy: BackoffPolicy = DEFAULT_BACKOFF_POLICY): number {
  const interval = Math.max(1, finiteOr(input.intervalMs, policy.floorMs));
  let delay = interval;
  if (input.consecutiveFailures > 0 && !input.local) {
    const ceiling = backoffCeiling(interval, input.consecutiveFailures, policy);
    delay = policy.floorMs + unitRandom(input.random) * (ceiling - policy.floorMs);
  }
  const retryAfter = input.retryAfterMs;
  if (retryAfter !== undefined && Number.isFinite(retryAfter)) delay = Math.max(delay, Math.min(retryAfter, policy.maxRetryAfterMs));
  return Math.round(delay);
}
