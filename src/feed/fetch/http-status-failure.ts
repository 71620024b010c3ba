import { STATUS_CODES } from 'node:http';
import { failure } from './fetch-types.ts';
import type { FetchFailure } from './fetch-types.ts';
import { formatDuration } from './fetch-wording.ts';

/** 4xx statuses worth polling again: the feed may come back without anyone touching the bot. */
const RETRYABLE_CLIENT_STATUSES = new Set([
  404, // many podcast hosts answer 404 for minutes while a feed is regenerated or a CDN is reconfigured
  408, // request timeout
  425, // too early
  429, // rate limited
]);

function reason(status: number): string {
  const text = STATUS_CODES[status];
  return text === undefined ? `HTTP ${status}` : `HTTP ${status} ${text}`;
}

function problem(status: number): string {
  if (status === 404) return `was not found (${reason(status)})`;
  if (status === 410) return `is gone (${reason(status)}): the publisher removed it`;
  if (status === 401 || status === 403) return `refused access (${reason(status)})`;
  if (status === 429) return `is rate-limiting the bot (${reason(status)})`;
  if (status >= 500) return `had a server error (${reason(status)})`;
  return `answered ${reason(status)}`;
}

/**
 * The failure for a final response that is not 200, 203 or 304. Retryable: 5xx, 404, 408, 425, 429.
 * Not retryable: 410 (the publisher says the feed is gone for good), other 4xx, odd 1xx/2xx/3xx.
 * The poller keeps backing off on retryable failures, so a lasting 404 costs one request per backoff cap.
 */
export function statusFailure(label: string, status: number, retryAfterMs: number | undefined): FetchFailure {
  const retryable = status >= 500 || RETRYABLE_CLIENT_STATUSES.has(status);
  const wait = retryable && retryAfterMs !== undefined ? `; the server asks to retry after ${formatDuration(retryAfterMs)}` : '';
  const extra = retryable && retryAfterMs !== undefined ? { status, retryAfterMs } : { status };
  return failure(`${label} ${problem(status)}${wait}.`, retryable, extra);
}
