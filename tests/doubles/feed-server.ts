import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the server answers; change it between requests with `setMode`. */
export type FeedServerMode =
  /** Serve the current feed with ETag and Last-Modified; 304 on a matching conditional request. */
  | { kind: 'feed' }
  /** Answer this status (with optional headers, e.g. `retry-after`, and body). */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  /** Read the request and never answer (for timeouts). */
  | { kind: 'hang' }
  /** 200 headers at once, then one body byte every `everyMs` (default 50 ms), never ending (for body timeouts). */
  | { kind: 'trickle'; everyMs?: number }
  /** 200 with a body that is not a feed. */
  | { kind: 'garbage'; body?: string | Uint8Array }
  /** 200 with `bytes` of filler (default 50 MB), streamed in chunks; `contentLength: true` declares the honest length. */
  | { kind: 'huge'; bytes?: number; contentLength: boolean }
  /** Redirect to `location` (sent as given, so it may be relative to `/feed.xml`); a request for the location itself gets the feed. */
  | { kind: 'redirect'; location: string; status?: 301 | 302 | 303 | 307 | 308 }
  /** Redirect `/hop/1` → `/hop/2` → … → `/hop/<hops>`, which serves the feed; other paths go to `/hop/1`. */
  | { kind: 'redirect-chain'; hops: number }
  /** Redirect forever: `/loop-a` → `/loop-b` → `/loop-a`; other paths go to `/loop-a`. */
  | { kind: 'redirect-loop' };

/** One request the server received, updated live while it is answered. */
export interface RecordedFeedRequest {
  method: string;
  /** Path and query, as requested. */
  url: string;
  /** Lower-case header names, as Node received them. */
  headers: IncomingHttpHeaders;
  mode: FeedServerMode['kind'];
  /** Status answered; null while hanging. */
  status: number | null;
  /** Body bytes handed to the socket so far. */
  bytesSent: number;
  /** Resolves when the exchange ends: 'finished' (all sent) or 'closed-early' (the client went away first). */
  ended: Promise<'finished' | 'closed-early'>;
}

/** Headers of the served feed; `null` leaves a header out. */
export interface FeedOptions {
  /** Default: a quoted hash of the body. */
  etag?: string | null;
  /** Default: now, at least one second after the previous feed's (HTTP dates have whole seconds). */
  lastModified?: Date | null;
  /** Default: `application/rss+xml; charset=utf-8`. */
  contentType?: string;
}

/** A local feed host for tests. */
export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The feed's URL: `<origin>/feed.xml`. */
  readonly url: string;
  /** Every request so far, oldest first. */
  readonly requests: readonly RecordedFeedRequest[];
  /** The latest request. */
  readonly lastRequest: RecordedFeedRequest | undefined;
  /** The validators currently served. */
  readonly validators: { etag: string | null; lastModified: string | null };
  /** `<origin><path>`. */
  urlFor(path: string): string;
  /** Serves `body` at `path` too (transcripts, chapters), with this content type; `null` body answers 404. */
  setFile(path: string, body: string | Uint8Array | null, contentType?: string): void;
  /** Replaces the feed (and its validators); the next request sees it. */
  setFeed(body: string | Uint8Array, options?: FeedOptions): void;
  /** Changes how requests are answered; with `times`, only for that many requests, then back to `{ kind: 'feed' }`. */
  setMode(mode: FeedServerMode, options?: { times?: number }): void;
  clearRequests(): void;
  /** Stops the server, destroying open sockets (hanging requests included). */
  close(): Promise<void>;
}

/** A tiny valid RSS feed, served until `setFeed` is called. */
export const DEFAULT_FEED_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Test Show</title>' +
  '<item><title>Episode 1</title><guid>ep-1</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item></channel></rss>\n';

const FEED_PATH = '/feed.xml';
const CHUNK = Buffer.alloc(64 * 1024, '<!-- filler -->\n');
const DEFAULT_HUGE_BYTES = 50 * 1000 * 1000;
const GARBAGE = Buffer.concat([Buffer.from('\u0000<html>not a feed</html>\n'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80])]);

interface Feed {
  body: Buffer;
  etag: string | null;
  lastModified: Date | null;
  contentType: string;
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  record: RecordedFeedRequest;
  feed: Feed;
}

function send(ex: Exchange, status: number, headers: Record<string, string | number>, body?: Uint8Array): void {
  ex.record.status = status;
  ex.res.writeHead(status, headers);
  const bytes = body === undefined || status === 304 || status === 204 ? undefined : body;
  ex.record.bytesSent += bytes?.byteLength ?? 0;
  ex.res.end(bytes);
}

function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const weakless = (tag: string): string => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || weakless(tag) === weakless(etag));
}

/** RFC 9110: If-None-Match wins over If-Modified-Since when both are sent. */
function unchanged(headers: IncomingHttpHeaders, feed: Feed): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) return feed.etag !== null && etagMatches(ifNoneMatch, feed.etag);
  const since = Date.parse(headers['if-modified-since'] ?? '');
  return feed.lastModified !== null && !Number.isNaN(since) && feed.lastModified.getTime() <= since;
}

function serveFeed(ex: Exchange): void {
  const { feed } = ex;
  const headers: Record<string, string | number> = { 'content-type': feed.contentType };
  if (feed.etag !== null) headers.etag = feed.etag;
  if (feed.lastModified !== null) headers['last-modified'] = feed.lastModified.toUTCString();
  if (unchanged(ex.req.headers, feed)) return send(ex, 304, headers);
  send(ex, 200, { ...headers, 'content-length': feed.body.byteLength }, feed.body);
}

function serveHuge(ex: Exchange, total: number, declareLength: boolean): void {
  const { res, record } = ex;
  record.status = 200;
  res.writeHead(200, { 'content-type': 'application/rss+xml', ...(declareLength ? { 'content-length': total } : {}) });
  const pump = (): void => {
    while (!res.destroyed && record.bytesSent < total) {
      const chunk = CHUNK.subarray(0, Math.min(CHUNK.byteLength, total - record.bytesSent));
      record.bytesSent += chunk.byteLength;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

function serveTrickle(ex: Exchange, everyMs: number): void {
  const { res, record } = ex;
  record.status = 200;
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  res.write('<');
  const timer = setInterval(() => { record.bytesSent += 1; res.write(' '); }, everyMs);
  res.once('close', () => clearInterval(timer));
}

function redirectTo(ex: Exchange, location: string, status = 302): void {
  send(ex, status, { location, 'content-type': 'text/plain' }, Buffer.from(`Moved to ${location}\n`));
}

function redirectOrServe(ex: Exchange, path: string, location: string, status?: number): void {
  const target = new URL(location, `http://feed.test${FEED_PATH}`).pathname;
  if (path === target) serveFeed(ex);
  else redirectTo(ex, location, status);
}

function serveChain(ex: Exchange, path: string, hops: number): void {
  const at = /^\/hop\/(\d+)$/.exec(path);
  const step = at === null ? 0 : Number(at[1]);
  if (step >= hops) serveFeed(ex);
  else redirectTo(ex, `/hop/${step + 1}`);
}

function answer(ex: Exchange, mode: FeedServerMode, files: ReadonlyMap<string, { body: Buffer | null; contentType: string }>): void {
  const path = new URL(ex.req.url ?? '/', 'http://feed.test').pathname;
  const file = files.get(path);
  if (file && mode.kind === 'feed') {
    if (file.body === null) return send(ex, 404, { 'content-type': 'text/plain' }, Buffer.from('Not Found\n'));
    return send(ex, 200, { 'content-type': file.contentType, 'content-length': file.body.byteLength }, file.body);
  }
  switch (mode.kind) {
    case 'feed': return serveFeed(ex);
    case 'status': return send(ex, mode.status, { 'content-type': 'text/plain', ...mode.headers }, Buffer.from(mode.body ?? `HTTP ${mode.status}\n`));
    case 'hang': return;
    case 'trickle': return serveTrickle(ex, mode.everyMs ?? 50);
    case 'garbage': return send(ex, 200, { 'content-type': 'text/html' }, mode.body === undefined ? GARBAGE : Buffer.from(mode.body));
    case 'huge': return serveHuge(ex, mode.bytes ?? DEFAULT_HUGE_BYTES, mode.contentLength);
    case 'redirect': return redirectOrServe(ex, path, mode.location, mode.status);
    case 'redirect-chain': return serveChain(ex, path, mode.hops);
    case 'redirect-loop': return redirectTo(ex, path === '/loop-a' ? '/loop-b' : '/loop-a');
  }
}

function recordOf(req: IncomingMessage, res: ServerResponse, mode: FeedServerMode): RecordedFeedRequest {
  const record: RecordedFeedRequest = {
    method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, mode: mode.kind, status: null, bytesSent: 0,
    ended: new Promise((resolve) => res.once('close', () => resolve(res.writableFinished ? 'finished' : 'closed-early'))),
  };
  return record;
}

function makeFeed(body: string | Uint8Array, options: FeedOptions, previous: Feed | null): Feed {
  const bytes = Buffer.from(body);
  const now = Math.floor(Date.now() / 1000) * 1000;
  const after = previous?.lastModified ? previous.lastModified.getTime() + 1000 : 0;
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return {
    body: bytes,
    etag: options.etag === undefined ? `"${hash}"` : options.etag,
    lastModified: options.lastModified === undefined ? new Date(Math.max(now, after)) : options.lastModified,
    contentType: options.contentType ?? 'application/rss+xml; charset=utf-8',
  };
}

/** Starts a feed host on 127.0.0.1 with an ephemeral port, serving `DEFAULT_FEED_XML` (or `initialFeed`) at `/feed.xml`. */
export async function startFeedServer(initialFeed: string | Uint8Array = DEFAULT_FEED_XML): Promise<FeedServer> {
  let feed = makeFeed(initialFeed, {}, null);
  let mode: FeedServerMode = { kind: 'feed' };
  let remaining = Infinity;
  const requests: RecordedFeedRequest[] = [];
  const sockets = new Set<Socket>();
  const files = new Map<string, { body: Buffer | null; contentType: string }>();

  const server = createServer((req, res) => {
    const current = mode;
    if (--remaining <= 0) [mode, remaining] = [{ kind: 'feed' }, Infinity];
    const record = recordOf(req, res, current);
    requests.push(record);
    req.resume();
    answer({ req, res, record, feed }, current, files);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    url: `${origin}${FEED_PATH}`,
    requests,
    get lastRequest() { return requests.at(-1); },
    get validators() { return { etag: feed.etag, lastModified: feed.lastModified?.toUTCString() ?? null }; },
    urlFor: (path) => new URL(path, origin).href,
    setFeed(body, options = {}) { feed = makeFeed(body, options, feed); },
    setFile(path, body, contentType = 'text/plain; charset=utf-8') { files.set(path, { body: body === null ? null : Buffer.from(body), contentType }); },
    setMode(next, options = {}) { [mode, remaining] = [next, options.times ?? Infinity]; },
    clearRequests() { requests.length = 0; },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An http URL on 127.0.0.1 where nothing listens (a port that was free a moment ago), for "connection refused". */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/feed.xml`;
}
