/**
 * What the previous fetch of a feed returned, sent back so an unchanged feed costs nothing.
 * For HTTP these are the response's `ETag` and `Last-Modified` headers. For a local file,
 * `etag` holds `file:<size>:<mtimeMs>` (sub-millisecond mtime, so two writes in one second
 * are told apart) and `lastModified` holds the mtime as an HTTP date, for display only.
 */
export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

/** Limits on one fetch. */
export interface FetchLimits {
  /** Whole fetch, every redirect hop and the body included. */
  timeoutMs: number;
  /** Most bytes of (decoded) body to accept. */
  maxBytes: number;
  /** Most redirects to follow; 0 follows none. */
  maxRedirects: number;
}

/** Default limits: 10 s, 10 MiB, 5 redirects. */
export const DEFAULT_FETCH_LIMITS: Readonly<FetchLimits> = Object.freeze({
  timeoutMs: 10_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
});

/** A failed fetch: `error` is a plain sentence naming the URL (or file) and the problem. */
export interface FetchFailure {
  kind: 'failed';
  error: string;
  /** True when polling again later may succeed (timeouts, 5xx, 429, 404, network errors). */
  retryable: boolean;
  /** HTTP status, when the server answered. */
  status?: number;
  /** From a `Retry-After` header (seconds or HTTP date), for `nextPollDelay`. */
  retryAfterMs?: number;
  /** True when the URL (or a redirect) led to an address the bot refuses (see address-policy.ts). */
  refused?: boolean;
}

/** Result of `fetchFeed`; never an exception. */
export type FetchOutcome =
  | { kind: 'fetched'; body: string; validators: FeedValidators; finalUrl: string; status: number }
  | { kind: 'not-modified'; validators: FeedValidators }
  | FetchFailure;

/** What `fetchFeed` needs from a file system; `node:fs/promises` fits. */
export interface FileStat {
  size: number;
  mtimeMs: number;
  isFile(): boolean;
}

/** Replaceable effects, for tests. */
export interface FetchDeps {
  fetch?: typeof fetch;
  readFile?: (path: string) => Promise<Uint8Array>;
  stat?: (path: string) => Promise<FileStat>;
  /** Clock for `Retry-After` dates; `Date.now` by default. */
  now?: () => number;
}

/** No validators: the first fetch of a feed. */
export const NO_VALIDATORS: Readonly<FeedValidators> = Object.freeze({ etag: null, lastModified: null });

/** Shorthand for a failure outcome. */
export function failure(error: string, retryable: boolean, extra: { status?: number; retryAfterMs?: number; refused?: boolean } = {}): FetchFailure {
  return { kind: 'failed', error, retryable, ...extra };
}
