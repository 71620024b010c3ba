import { fileURLToPath } from 'node:url';
import { fetchFileFeed } from './fetch-file.ts';
import { fetchHttpFeed } from './fetch-http.ts';
import { DEFAULT_FETCH_LIMITS, failure } from './fetch-types.ts';
import type { FeedValidators, FetchDeps, FetchLimits, FetchOutcome } from './fetch-types.ts';
import { displayUrl, maskCredentials } from './fetch-wording.ts';

export { DEFAULT_FETCH_LIMITS, NO_VALIDATORS } from './fetch-types.ts';
export type { FeedValidators, FetchDeps, FetchFailure, FetchLimits, FetchOutcome, FileStat } from './fetch-types.ts';
export { FEED_USER_AGENT } from './user-agent.ts';

type Source = { kind: 'http'; url: URL } | { kind: 'file'; path: string } | { kind: 'invalid'; error: string };

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function classifySource(raw: string): Source {
  const source = raw.trim();
  if (source === '') return { kind: 'invalid', error: 'Feed source is empty: give an http(s) URL, a file:// URL or a file path.' };
  if (!HAS_SCHEME.test(source)) return { kind: 'file', path: source };
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return { kind: 'invalid', error: `Feed "${maskCredentials(source)}" is not a valid URL.` };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return { kind: 'http', url };
  if (url.protocol !== 'file:') {
    return { kind: 'invalid', error: `Feed "${displayUrl(url)}" uses ${url.protocol}, but only http:, https: and file: are supported.` };
  }
  try {
    return { kind: 'file', path: fileURLToPath(url) };
  } catch {
    return { kind: 'invalid', error: `Feed "${maskCredentials(source)}" is not a file URL this system can open.` };
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Requested limits over the defaults; a missing, NaN or out-of-range limit keeps its default. */
export function resolveLimits(limits: Partial<FetchLimits> = {}): FetchLimits {
  const redirects = limits.maxRedirects;
  return {
    timeoutMs: positive(limits.timeoutMs, DEFAULT_FETCH_LIMITS.timeoutMs),
    maxBytes: Math.floor(positive(limits.maxBytes, DEFAULT_FETCH_LIMITS.maxBytes)),
    maxRedirects: redirects !== undefined && Number.isInteger(redirects) && redirects >= 0 ? redirects : DEFAULT_FETCH_LIMITS.maxRedirects,
  };
}

/**
 * Fetches a feed's text from an http(s) URL, a `file://` URL or a local file path.
 * Pass the validators of the last successful fetch (or `NO_VALIDATORS`): an unchanged feed is
 * 'not-modified'. Never throws; failures say whether polling again may help.
 */
export async function fetchFeed(
  source: string,
  validators: FeedValidators,
  limits: Partial<FetchLimits> = {},
  deps: FetchDeps = {},
): Promise<FetchOutcome> {
  const resolved = resolveLimits(limits);
  try {
    const target = classifySource(source);
    if (target.kind === 'invalid') return failure(target.error, false);
    if (target.kind === 'file') return await fetchFileFeed(target.path, { validators, maxBytes: resolved.maxBytes, deps });
    const context = { validators, limits: resolved, fetch: deps.fetch ?? globalThis.fetch, now: deps.now ?? Date.now };
    return await fetchHttpFeed(target.url, context);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return failure(`Feed "${maskCredentials(source)}" could not be fetched: ${detail}.`, true);
  }
}
