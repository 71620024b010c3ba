import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AddressRefusedError, refusalOf } from './address-policy.ts';

/** Statuses whose responses have no body (the `Response` constructor refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/** Resolves a host name to all its addresses (`dns.lookup` with `all: true` by default). */
export type Resolve = (hostname: string, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolve: Resolve = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

/**
 * A DNS lookup for `net.connect` that drops every address {@link refusalOf}
 * refuses, and fails with {@link AddressRefusedError} when none is left: the
 * check is on the address the connection is actually made to, after DNS, so a
 * name that resolves to 127.0.0.1 or 169.254.169.254 (or changes its answer
 * between two lookups) never gets a request. Answers both the one-address and
 * the `all: true` form (Node asks for all when it races IPv4 and IPv6).
 */
export function guardedLookup(resolve: Resolve = systemResolve, refusal: (address: string) => string | null = refusalOf): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
      const wanted = addresses.filter((a) => !family || a.family === family);
      const allowed = wanted.filter((a) => refusal(a.address) === null);
      if (allowed.length === 0) {
        const first = wanted[0] ?? addresses[0];
        const error = first ? new AddressRefusedError(hostname, first.address, refusal(first.address) ?? 'not usable') : Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
        return callback(error, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/** What a guarded fetch checks with (tests replace both). */
export interface GuardOptions {
  resolve?: Resolve;
  /** Why an address is refused, null when allowed; default {@link refusalOf}. */
  refusal?: (address: string) => string | null;
}

/** The host of a URL as an IP literal (brackets removed), or null for a name. */
function literalHost(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) === 0 ? null : host;
}

/**
 * A `fetch` for URLs the bot did not get from its operator (typed in chat,
 * found inside a feed): plain `node:http`/`node:https` whose connections go
 * only to public addresses (an IP literal in the URL is checked before, a name
 * through {@link guardedLookup}). Every call is one request: redirects come
 * back as responses (the caller follows them, and each hop is checked again).
 * No connection is reused, so none was checked for another host. Compressed
 * bodies (gzip, deflate, br) are decoded; the caller's size cap counts
 * decoded bytes.
 */
export function guardedFetch(options: GuardOptions = {}): typeof fetch {
  const refusal = options.refusal ?? refusalOf;
  const lookup = guardedLookup(options.resolve, refusal);
  const run = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
    new Promise((done, fail) => {
      const url = new URL(input instanceof Request ? input.url : input);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail(new TypeError(`${url.protocol} URLs are not fetched`));
      const literal = literalHost(url);
      const refused = literal === null ? null : refusal(literal);
      if (literal !== null && refused !== null) return fail(new TypeError('fetch failed', { cause: new AddressRefusedError(literal, literal, refused) }));
      const headers = { ...(init.headers as Record<string, string> | undefined), 'accept-encoding': 'gzip, deflate, br' };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method: init.method ?? 'GET', headers, lookup, agent: false, ...(init.signal ? { signal: init.signal } : {}) }, (res) => {
        try {
          done(toResponse(res));
        } catch (err) {
          res.destroy();
          fail(err);
        }
      });
      req.on('error', (err) => fail(new TypeError('fetch failed', { cause: err })));
      req.end();
    });
  return run as typeof fetch;
}

/** A web `Response` over a Node response: headers as sent, the body decoded and streamed. */
function toResponse(res: IncomingMessage): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  const status = res.statusCode ?? 500;
  if (NULL_BODY.has(status)) {
    res.resume();
    return new Response(null, { status, statusText: res.statusMessage ?? '', headers });
  }
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  let body: Readable = res;
  if (decoder) {
    res.on('error', (err) => decoder.destroy(err));
    body = res.pipe(decoder);
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status, statusText: res.statusMessage ?? '', headers });
}
