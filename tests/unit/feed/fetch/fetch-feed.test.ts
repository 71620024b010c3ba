import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FETCH_LIMITS, FEED_USER_AGENT, NO_VALIDATORS, fetchFeed } from '../../../../src/feed/fetch/fetch-feed.ts';
import type { FetchFailure, FetchOutcome } from '../../../../src/feed/fetch/fetch-feed.ts';
import { refusedUrl, startFeedServer } from '../../../doubles/feed-server.ts';
import type { FeedServer } from '../../../doubles/feed-server.ts';

const MIB = 1024 * 1024;

function expectKind<K extends FetchOutcome['kind']>(outcome: FetchOutcome, kind: K): Extract<FetchOutcome, { kind: K }> {
  if (outcome.kind !== kind) throw new Error(`expected ${kind}, got ${JSON.stringify(outcome)}`);
  return outcome as Extract<FetchOutcome, { kind: K }>;
}
const failed = (outcome: FetchOutcome): FetchFailure => expectKind(outcome, 'failed');

/** A fetch double answering one canned response, for header-level cases the real server cannot fake. */
function fakeFetch(response: () => Response): typeof fetch {
  return (() => Promise.resolve(response())) as typeof fetch;
}

describe('fetchFeed over HTTP', () => {
  let server: FeedServer;
  beforeEach(async () => { server = await startFeedServer(); });
  afterEach(async () => { await server.close(); });

  it('fetches a feed with its validators, identifying itself and asking for RSS', async () => {
    const outcome = expectKind(await fetchFeed(server.url, NO_VALIDATORS), 'fetched');
    expect(outcome).toMatchObject({ status: 200, finalUrl: server.url, validators: server.validators });
    expect(outcome.body).toContain('<title>Test Show</title>');
    const { headers } = server.lastRequest!;
    expect(headers['user-agent']).toBe(FEED_USER_AGENT);
    expect(FEED_USER_AGENT).toMatch(/^episode-bot\/\d+\.\d+\.\d+ \(\+feed poller\)$/);
    expect(headers.accept).toBe('application/rss+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5');
    expect(headers['if-none-match']).toBeUndefined();
  });

  it('sends the stored validators and reports an unchanged feed as not-modified, then refetches once it changes', async () => {
    const first = expectKind(await fetchFeed(server.url, NO_VALIDATORS), 'fetched');
    const second = await fetchFeed(server.url, first.validators);
    expect(second).toEqual({ kind: 'not-modified', validators: first.validators });
    const conditional = { 'if-none-match': first.validators.etag, 'if-modified-since': first.validators.lastModified };
    expect(server.lastRequest).toMatchObject({ status: 304, headers: conditional });

    server.setFeed('<rss><channel><title>Changed</title></channel></rss>');
    const third = expectKind(await fetchFeed(server.url, first.validators), 'fetched');
    expect(third.body).toContain('Changed');
    expect(third.validators.etag).not.toBe(first.validators.etag);
  });

  it('uses If-Modified-Since alone when the server sends no ETag', async () => {
    server.setFeed('<rss/>', { etag: null });
    const first = expectKind(await fetchFeed(server.url, NO_VALIDATORS), 'fetched');
    expect(first.validators.etag).toBeNull();
    expect((await fetchFeed(server.url, first.validators)).kind).toBe('not-modified');
    expect(server.lastRequest!.headers['if-none-match']).toBeUndefined();
  });

  it('reports a 500 as a retryable failure naming the URL and status', async () => {
    server.setMode({ kind: 'status', status: 500 });
    const outcome = failed(await fetchFeed(server.url, NO_VALIDATORS));
    expect(outcome).toMatchObject({ retryable: true, status: 500 });
    expect(outcome.error).toBe(`Feed "${server.url}" had a server error (HTTP 500 Internal Server Error).`);
  });

  it('passes a 429 Retry-After through as retryAfterMs', async () => {
    server.setMode({ kind: 'status', status: 429, headers: { 'retry-after': '120' } });
    const outcome = failed(await fetchFeed(server.url, NO_VALIDATORS));
    expect(outcome).toMatchObject({ retryable: true, status: 429, retryAfterMs: 120_000 });
    expect(outcome.error).toContain('retry after 120 s');
  });

  it('treats 404 as retryable (hosts blip) and 410 Gone and 403 as permanent', async () => {
    for (const [status, retryable] of [[404, true], [410, false], [403, false]] as const) {
      server.setMode({ kind: 'status', status });
      expect(failed(await fetchFeed(server.url, NO_VALIDATORS))).toMatchObject({ status, retryable });
    }
  });

  it('gives up on a server that never answers after timeoutMs, as a retryable failure naming the URL', async () => {
    server.setMode({ kind: 'hang' });
    const started = Date.now();
    const outcome = failed(await fetchFeed(server.url, NO_VALIDATORS, { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcome).toEqual({ kind: 'failed', retryable: true, error: `Feed "${server.url}" timed out after 300 ms.` });
    expect(await server.lastRequest!.ended).toBe('closed-early');
  });

  it('counts the body against the same deadline, so a body that trickles in forever times out too', async () => {
    server.setMode({ kind: 'trickle' });
    const outcome = failed(await fetchFeed(server.url, NO_VALIDATORS, { timeoutMs: 300 }));
    expect(outcome).toMatchObject({ retryable: true, error: `Feed "${server.url}" timed out after 300 ms.` });
    expect(await server.lastRequest!.ended).toBe('closed-early');
  });

  it('stops reading a 50 MB chunked body past maxBytes and closes the connection', async () => {
    server.setMode({ kind: 'huge', contentLength: false });
    const started = Date.now();
    const outcome = failed(await fetchFeed(server.url, NO_VALIDATORS, { maxBytes: MIB }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcome).toMatchObject({ retryable: false, status: 200 });
    expect(outcome.error).toMatch(new RegExp(`^Feed "${server.url}" is larger than 1 MiB; the download was stopped after`));
    const request = server.lastRequest!;
    expect(await request.ended).toBe('closed-early');
    expect(request.bytesSent).toBeLessThan(20 * MIB);
  });

  it('refuses a body whose Content-Length exceeds maxBytes without reading it', async () => {
    server.setMode({ kind: 'huge', contentLength: true });
    const outcome = failed(await fetchFeed(server.url, NO_VALIDATORS, { maxBytes: MIB }));
    expect(outcome.error).toBe(`Feed "${server.url}" is larger than 1 MiB (its Content-Length says 47.7 MiB); it was not downloaded.`);
    expect(outcome.retryable).toBe(false);
    expect(await server.lastRequest!.ended).toBe('closed-early');

    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({ pull: () => void pulls++ }, { highWaterMark: 0 });
    const response = () => new Response(body, { headers: { 'content-length': String(2 * MIB) } });
    const outcome2 = failed(await fetchFeed('https://feeds.test/big', NO_VALIDATORS, { maxBytes: MIB }, { fetch: fakeFetch(response) }));
    expect(outcome2.error).toContain('it was not downloaded');
    expect(pulls).toBe(0);
  });

  it('follows a relative redirect and reports the final URL', async () => {
    server.setMode({ kind: 'redirect', location: 'moved/feed.xml', status: 301 });
    const outcome = expectKind(await fetchFeed(server.url, NO_VALIDATORS), 'fetched');
    expect(outcome.finalUrl).toBe(server.urlFor('/moved/feed.xml'));
    expect(server.requests.map((r) => [r.url, r.status])).toEqual([['/feed.xml', 301], ['/moved/feed.xml', 200]]);
  });

  it('fails without retry on a redirect loop, showing the loop', async () => {
    server.setMode({ kind: 'redirect-loop' });
    const outcome = failed(await fetchFeed(server.url, NO_VALIDATORS));
    expect(outcome.retryable).toBe(false);
    const loop = [server.url, server.urlFor('/loop-a'), server.urlFor('/loop-b'), server.urlFor('/loop-a')].join(' → ');
    expect(outcome.error).toContain(`redirects in a loop: ${loop}.`);
    expect(server.requests).toHaveLength(3);
  });

  it('follows at most maxRedirects redirects', async () => {
    server.setMode({ kind: 'redirect-chain', hops: 3 });
    expect((await fetchFeed(server.url, NO_VALIDATORS, { maxRedirects: 3 })).kind).toBe('fetched');
    server.clearRequests();
    const outcome = failed(await fetchFeed(server.url, NO_VALIDATORS, { maxRedirects: 2 }));
    expect(outcome.error).toBe(`Feed "${server.url}" redirects again to "${server.urlFor('/hop/3')}", but the bot follows at most 2 redirects.`);
    expect(server.requests).toHaveLength(3);
  });

  it('returns a garbage body as fetched: parsing is not the fetcher’s job', async () => {
    server.setMode({ kind: 'garbage' });
    const outcome = expectKind(await fetchFeed(server.url, NO_VALIDATORS), 'fetched');
    expect(outcome.body).toContain('<html>not a feed</html>');
    expect(outcome.body).toContain('\uFFFD');
  });

  it('reports a refused connection as a retryable failure in the words the start checks use', async () => {
    const url = await refusedUrl();
    expect(failed(await fetchFeed(url, NO_VALIDATORS))).toEqual({
      kind: 'failed', retryable: true, error: `Feed "${url}" could not be fetched: connection refused (ECONNREFUSED).`,
    });
  });

  it('sends URL credentials as Basic auth and keeps the password out of messages', async () => {
    server.setMode({ kind: 'status', status: 401 });
    const url = server.url.replace('http://', 'http://ann:s3cret@');
    const outcome = failed(await fetchFeed(url, NO_VALIDATORS));
    expect(server.lastRequest!.headers.authorization).toBe(`Basic ${Buffer.from('ann:s3cret').toString('base64')}`);
    expect(outcome).toMatchObject({ retryable: false, status: 401 });
    expect(outcome.error).not.toContain('s3cret');
  });
});

describe('fetchFeed decoding', () => {
  const fetchBytes = (bytes: Uint8Array, contentType?: string) => {
    const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
    return fetchFeed('https://feeds.test/feed', NO_VALIDATORS, {}, { fetch: fakeFetch(() => new Response(Uint8Array.from(bytes), { headers })) });
  };
  const bodyOf = async (bytes: Uint8Array, contentType?: string) => expectKind(await fetchBytes(bytes, contentType), 'fetched').body;

  it('strips a UTF-8 BOM and decodes UTF-8 by default', async () => {
    expect(await bodyOf(Buffer.from('\uFEFF<rss>Jérôme</rss>'))).toBe('<rss>Jérôme</rss>');
  });

  it('honours the Content-Type charset, then the XML declaration', async () => {
    const latin1 = Buffer.from('<rss>Jérôme</rss>', 'latin1');
    expect(await bodyOf(latin1, 'application/xml; charset="ISO-8859-1"')).toBe('<rss>Jérôme</rss>');
    const declared = Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss>caf\u00e9</rss>', 'latin1');
    expect(await bodyOf(declared, 'text/xml')).toContain('<rss>café</rss>');
  });

  it('passes a 503 HTTP-date Retry-After through as milliseconds from now', async () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    const response = () => new Response('down', { status: 503, headers: { 'retry-after': 'Mon, 01 Jan 2024 00:05:00 GMT' } });
    const outcome = await fetchFeed('https://feeds.test/feed', NO_VALIDATORS, {}, { fetch: fakeFetch(response), now: () => now });
    expect(outcome).toMatchObject({ kind: 'failed', retryable: true, status: 503, retryAfterMs: 300_000 });
  });
});

describe('fetchFeed from a local file', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'feed-fetch-'));
    file = join(dir, 'feed.xml');
  });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('fetches a path, reports it unchanged by size and mtime, and refetches after a same-size rewrite', async () => {
    await writeFile(file, '<rss>one</rss>');
    const first = expectKind(await fetchFeed(file, NO_VALIDATORS), 'fetched');
    expect(first).toMatchObject({ body: '<rss>one</rss>', finalUrl: pathToFileURL(file).href, status: 200 });
    expect(first.validators.etag).toMatch(/^file:14:/);
    expect(await fetchFeed(pathToFileURL(file).href, first.validators)).toEqual({ kind: 'not-modified', validators: first.validators });

    await writeFile(file, '<rss>two</rss>');
    const { mtime } = await stat(file);
    await utimes(file, mtime, new Date(mtime.getTime() + 1500));
    expect(expectKind(await fetchFeed(file, first.validators), 'fetched').body).toBe('<rss>two</rss>');
  });

  it('refuses a file larger than maxBytes before reading it', async () => {
    await writeFile(file, 'x'.repeat(2048));
    const outcome = failed(await fetchFeed(file, NO_VALIDATORS, { maxBytes: 1024 }, { readFile: () => { throw new Error('read'); } }));
    expect(outcome).toEqual({ kind: 'failed', retryable: false, error: `Feed file "${file}" is larger than 1 KiB (2 KiB).` });
  });

  it('reports a missing file as retryable, naming the path', async () => {
    const missing = join(dir, 'nope.xml');
    expect(failed(await fetchFeed(missing, NO_VALIDATORS))).toEqual({ kind: 'failed', retryable: true, error: `Feed file "${missing}" does not exist.` });
  });
});

describe('fetchFeed sources and limits', () => {
  it('refuses unsupported schemes without retry', async () => {
    expect(failed(await fetchFeed('ftp://example.com/feed.xml', NO_VALIDATORS))).toMatchObject({ retryable: false });
  });

  it('defaults to 10 s, 10 MiB and 5 redirects', () => {
    expect(DEFAULT_FETCH_LIMITS).toEqual({ timeoutMs: 10_000, maxBytes: 10 * MIB, maxRedirects: 5 });
  });
});
