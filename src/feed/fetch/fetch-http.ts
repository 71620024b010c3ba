import { decodeFeedBytes } from './decode-feed-bytes.ts';
import { failure } from './fetch-types.ts';
import type { FeedValidators, FetchFailure, FetchLimits, FetchOutcome } from './fetch-types.ts';
import { displayUrl, feedLabel, formatBytes, formatDuration } from './fetch-wording.ts';
import { statusFailure } from './http-status-failure.ts';
import { describeNetworkError } from '../../core/model/network-failure.ts';
import { findAddressRefusal } from './address-policy.ts';
import { discardBody, readCapped } from './read-capped.ts';
import { parseRetryAfter } from './retry-after.ts';
import { splitCredentials } from './url-credentials.ts';
import { FEED_USER_AGENT } from './user-agent.ts';

/** Why a private address is refused, and which setting allows it: the end of every such failure. */
export const PRIVATE_ADDRESS_RULE =
  'The bot never fetches a URL typed in chat or found inside a feed from a private, loopback, link-local or cloud-metadata address; the operator can allow that with ALLOW_PRIVATE_FEED_URLS=true.';

const ACCEPT = 'application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** A header value undici accepts (no CR, LF or NUL), so odd stored validators cannot break a request. */
const SAFE_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]+$/;

/** Everything one HTTP fetch needs, shared by its redirect hops. */
export interface HttpFetchContext {
  validators: FeedValidators;
  limits: FetchLimits;
  fetch: typeof fetch;
  now: () => number;
}

interface Hop {
  url: URL;
  /** Every URL requested so far, in order. */
  chain: URL[];
}

interface RunState extends HttpFetchContext {
  signal: AbortSignal;
  /** Basic credentials from the feed URL, sent only to `authOrigin`. */
  authorization: string | null;
  authOrigin: string;
}

type NextHop = { kind: 'hop'; url: URL } | FetchFailure;

/**
 * Fetches an http(s) feed: conditional request, redirects followed by hand up to
 * `limits.maxRedirects`, one deadline for all hops and the body, and a byte cap.
 */
export async function fetchHttpFeed(target: URL, context: HttpFetchContext): Promise<FetchOutcome> {
  const { url, authorization } = splitCredentials(target);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), context.limits.timeoutMs);
  const state: RunState = { ...context, signal: controller.signal, authorization, authOrigin: url.origin };
  const hop: Hop = { url, chain: [url] };
  try {
    return await followRedirects(state, hop);
  } catch (error) {
    return errorFailure(state, hop, error);
  } finally {
    clearTimeout(timer);
  }
}

async function followRedirects(state: RunState, hop: Hop): Promise<FetchOutcome> {
  for (;;) {
    const response = await request(state, hop.url);
    if (!REDIRECT_STATUSES.has(response.status)) return finalResponse(state, hop, response);
    await discardBody(response);
    const next = nextHop(state, hop, response);
    if (next.kind === 'failed') return next;
    hop.url = next.url;
    hop.chain.push(next.url);
  }
}

function request(state: RunState, url: URL): Promise<Response> {
  const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': FEED_USER_AGENT };
  const { etag, lastModified } = state.validators;
  if (etag !== null && SAFE_HEADER_VALUE.test(etag)) headers['if-none-match'] = etag;
  if (lastModified !== null && SAFE_HEADER_VALUE.test(lastModified)) headers['if-modified-since'] = lastModified;
  if (state.authorization !== null && url.origin === state.authOrigin) headers.authorization = state.authorization;
  return state.fetch(url, { method: 'GET', headers, redirect: 'manual', signal: state.signal });
}

function label(hop: Hop): string {
  return feedLabel(hop.url, hop.chain[0] ?? hop.url);
}

/** Where a redirect leads, or why it is not followed. */
function nextHop(state: RunState, hop: Hop, response: Response): NextHop {
  const location = response.headers.get('location');
  const status = response.status;
  if (location === null) return failure(`${label(hop)} answered HTTP ${status} without a Location to redirect to.`, false, { status });
  let next: URL;
  try {
    next = new URL(location, hop.url);
  } catch {
    return failure(`${label(hop)} redirects to an invalid URL (${JSON.stringify(location)}).`, false, { status });
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    return failure(`${label(hop)} redirects to "${displayUrl(next)}", which is not an http(s) URL.`, false, { status });
  }
  const split = splitCredentials(next);
  if (split.authorization !== null) {
    state.authorization = split.authorization;
    state.authOrigin = split.url.origin;
  }
  return redirectAllowed(state, hop, split.url, status);
}

function redirectAllowed(state: RunState, hop: Hop, next: URL, status: number): NextHop {
  if (hop.chain.some((seen) => seen.href === next.href)) {
    const path = [...hop.chain, next].map((u) => displayUrl(u)).join(' → ');
    return failure(`${label(hop)} redirects in a loop: ${path}.`, false, { status });
  }
  const max = state.limits.maxRedirects;
  if (hop.chain.length > max) {
    const plural = max === 1 ? '' : 's';
    const why = max === 0 ? 'redirects are not followed (maxRedirects is 0)' : `the bot follows at most ${max} redirect${plural}`;
    return failure(`Feed "${displayUrl(hop.chain[0] ?? hop.url)}" redirects again to "${displayUrl(next)}", but ${why}.`, false, { status });
  }
  return { kind: 'hop', url: next };
}

async function finalResponse(state: RunState, hop: Hop, response: Response): Promise<FetchOutcome> {
  if (response.status === 200 || response.status === 203) return readBody(state, hop, response);
  await discardBody(response);
  if (response.status === 304) return notModified(state, hop, response);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), state.now());
  return statusFailure(label(hop), response.status, retryAfterMs);
}

/** 304: nothing to do. Validators the 304 repeats or updates win over the stored ones. */
function notModified(state: RunState, hop: Hop, response: Response): FetchOutcome {
  const { etag, lastModified } = state.validators;
  if (etag === null && lastModified === null) {
    return failure(`${label(hop)} answered HTTP 304 Not Modified to a request without validators.`, true, { status: 304 });
  }
  const headers = response.headers;
  return { kind: 'not-modified', validators: { etag: headers.get('etag') ?? etag, lastModified: headers.get('last-modified') ?? lastModified } };
}

function declaredLength(response: Response): number | null {
  const value = response.headers.get('content-length');
  const length = value === null ? NaN : Number(value);
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

async function readBody(state: RunState, hop: Hop, response: Response): Promise<FetchOutcome> {
  const max = state.limits.maxBytes;
  const status = response.status;
  const declared = declaredLength(response);
  if (declared !== null && declared > max) {
    await discardBody(response);
    const says = `its Content-Length says ${formatBytes(declared)}`;
    return failure(`${label(hop)} is larger than ${formatBytes(max)} (${says}); it was not downloaded.`, false, { status });
  }
  const read = await readCapped(response.body, max);
  if (read.kind === 'error') return errorFailure(state, hop, read.error);
  if (read.kind === 'too-large') {
    return failure(`${label(hop)} is larger than ${formatBytes(max)}; the download was stopped after ${formatBytes(read.bytesRead)}.`, false, { status });
  }
  const body = decodeFeedBytes(read.bytes, response.headers.get('content-type'));
  const validators = { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
  return { kind: 'fetched', body, validators, finalUrl: hop.url.href, status };
}

/** A rejected `fetch` or a failed body read: our deadline, or the network. Both may pass. */
function errorFailure(state: RunState, hop: Hop, error: unknown): FetchFailure {
  if (state.signal.aborted) return failure(`${label(hop)} timed out after ${formatDuration(state.limits.timeoutMs)}.`, true);
  const refused = findAddressRefusal(error);
  if (refused) return failure(`${label(hop)} was refused: ${refused.message}. ${PRIVATE_ADDRESS_RULE}`, false, { refused: true });
  return failure(`${label(hop)} could not be fetched: ${describeNetworkError(error)}.`, true);
}
