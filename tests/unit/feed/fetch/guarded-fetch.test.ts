import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_VALIDATORS, fetchFeed, type FetchOutcome } from '../../../../src/feed/fetch/fetch-feed.ts';
import { refusalOf } from '../../../../src/feed/fetch/address-policy.ts';
import { guardedFetch, type Resolve } from '../../../../src/feed/fetch/guarded-fetch.ts';
import { startFeedServer, type FeedServer } from '../../../doubles/feed-server.ts';

/** A resolver of test names: each maps to the addresses given; anything else is not found. */
function names(table: Record<string, string[]>): Resolve {
  return (hostname, callback) => {
    const addresses = table[hostname];
    if (!addresses) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
}

/** The test server lives on 127.0.0.1: this policy treats that one address as public, every other as the real policy says. */
const servedAsPublic = (address: string) => (address === '127.0.0.1' ? null : refusalOf(address));

function failure(outcome: FetchOutcome) {
  if (outcome.kind !== 'failed') throw new Error(`expected a failure, got ${outcome.kind}`);
  return outcome;
}

describe('guardedFetch: the address actually connected to, on every hop', () => {
  let server: FeedServer;
  beforeEach(async () => {
    server = await startFeedServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('refuses a loopback URL before any request leaves, saying why and which setting allows it', async () => {
    const outcome = failure(await fetchFeed(server.url, NO_VALIDATORS, {}, { fetch: guardedFetch() }));
    expect(outcome.refused).toBe(true);
    expect(outcome.retryable).toBe(false);
    expect(outcome.error).toMatch(/was refused: 127\.0\.0\.1 is a loopback address/);
    expect(outcome.error).toContain('ALLOW_PRIVATE_FEED_URLS=true');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a name that resolves to a private address (checked after DNS)', async () => {
    const fetch = guardedFetch({ resolve: names({ 'feeds.example': ['10.0.0.7'], localhost: ['127.0.0.1', '::1'] }) });
    expect(failure(await fetchFeed('http://feeds.example/feed.xml', NO_VALIDATORS, {}, { fetch })).error).toMatch(/feeds\.example resolves to 10\.0\.0\.7, a private network address/);
    expect(failure(await fetchFeed(`http://localhost:${new URL(server.url).port}/feed.xml`, NO_VALIDATORS, {}, { fetch })).error).toMatch(/localhost resolves to 127\.0\.0\.1, a loopback/);
    expect(server.requests).toHaveLength(0);
  });

  it('connects only to the allowed addresses of a name that resolves to both kinds', async () => {
    const fetch = guardedFetch({ resolve: names({ 'mixed.example': ['169.254.169.254', '127.0.0.1'] }), refusal: servedAsPublic });
    const outcome = await fetchFeed(`http://mixed.example:${new URL(server.url).port}/feed.xml`, NO_VALIDATORS, {}, { fetch });
    expect(outcome.kind).toBe('fetched');
    expect(server.requests).toHaveLength(1);
  });

  it('fetches a public feed, and decodes a gzip body', async () => {
    const fetch = guardedFetch({ resolve: names({ 'public.example': ['127.0.0.1'] }), refusal: servedAsPublic });
    const outcome = await fetchFeed(`http://public.example:${new URL(server.url).port}/feed.xml`, NO_VALIDATORS, {}, { fetch });
    expect(outcome.kind === 'fetched' && outcome.body).toContain('<title>Test Show</title>');
    expect(server.lastRequest?.headers['host']).toBe(`public.example:${new URL(server.url).port}`);
  });

  it.each([
    ['an IP literal of the metadata service', 'http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
    ['a name resolving to loopback', 'http://metadata.example/computeMetadata/v1/', /metadata\.example resolves to 127\.0\.0\.2, a loopback address/],
    ['an IPv4-mapped IPv6 literal', 'http://[::ffff:169.254.169.254]/', /link-local/],
    ['the unspecified address', 'http://0.0.0.0/', /this network/],
  ])('checks a redirect again: a public feed redirecting to %s is refused', async (_what, location, why) => {
    const fetch = guardedFetch({ resolve: names({ 'public.example': ['127.0.0.1'], 'metadata.example': ['127.0.0.2'] }), refusal: servedAsPublic });
    server.setMode({ kind: 'redirect', location });
    const outcome = failure(await fetchFeed(`http://public.example:${new URL(server.url).port}/feed.xml`, NO_VALIDATORS, {}, { fetch }));
    expect(outcome.error).toMatch(why);
    expect(outcome.error).toContain('redirected from');
    expect(server.requests).toHaveLength(1);
  });

  it('still follows at most 5 redirects between public addresses', async () => {
    const fetch = guardedFetch({ resolve: names({ 'public.example': ['127.0.0.1'] }), refusal: servedAsPublic });
    server.setMode({ kind: 'redirect-chain', hops: 7 });
    const outcome = failure(await fetchFeed(`http://public.example:${new URL(server.url).port}/feed.xml`, NO_VALIDATORS, {}, { fetch }));
    expect(outcome.error).toMatch(/at most 5 redirects/);
  });
});
