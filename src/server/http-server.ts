import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { BodyError, mediaTypeOf, readBody } from './read-body.ts';
import { sendError, type Route } from './route.ts';

/** Bodies above this size are refused with 413 (Slack's and Discord's payloads are a few kilobytes). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** How to build the server. */
export interface HttpServerOptions {
  routes: readonly Route[];
  log: Logger;
  /** Largest request body accepted, in bytes (default {@link DEFAULT_BODY_LIMIT}, 1 MiB). */
  bodyLimit?: number;
}

/** The process's one HTTP server: Slack events, Discord interactions, health and metrics. */
export interface HttpServer {
  /** Listens on `port` (0: any free port) and `host` (all interfaces when unset); rejects with Node's error (e.g. `EADDRINUSE`). */
  listen(port: number, host?: string): Promise<void>;
  /** The bound port once listening, else null. */
  readonly port: number | null;
  /** Stops accepting connections, closes idle ones and waits for the open requests (at most `timeoutMs`, then drops them). */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Creates the server with plain `node:http`. Routing is by exact path; a
 * wrong method gets 405 with `Allow`, an unknown path 404, an oversized body
 * 413, an unlisted content type 415, and a route that throws 500 (logged
 * without the body). Nothing a client sends can crash the process.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const server = createServer((req, res) => void dispatch(req, res, options.routes, limit, options.log));
  // A client that trickles its headers or body is cut off; a balancer's idle keep-alive outlives ours (ALB: 60 s).
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 65_000;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return new NodeHttpServer(server);
}

async function dispatch(req: IncomingMessage, res: ServerResponse, routes: readonly Route[], limit: number, log: Logger): Promise<void> {
  res.on('error', () => undefined);
  req.on('error', () => undefined);
  try {
    const path = pathOf(req.url);
    const candidates = routes.filter((r) => r.path === path);
    if (candidates.length === 0) return sendError(res, 404, 'not found');
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const route = candidates.find((r) => r.method === method);
    if (!route) return sendError(res, 405, 'method not allowed', { allow: allowed(candidates) });
    let body: Buffer = Buffer.alloc(0);
    if (route.method === 'POST') {
      if (route.accepts && !route.accepts.includes(mediaTypeOf(req.headers['content-type']))) {
        return refuseBody(req, res, 415, `the content type must be ${route.accepts.join(' or ')}`);
      }
      body = await readBody(req, limit);
    }
    await route.handle(req, res, body);
  } catch (err) {
    if (err instanceof BodyError) return refuseBody(req, res, err.status, err.message);
    log.error({ err, method: req.method, path: pathOf(req.url) }, 'HTTP request failed');
    if (!res.headersSent) sendError(res, 500, 'internal error');
    else res.destroy();
  }
}

// Answers before (or without) reading the whole body, then closes the connection so the unread rest is dropped.
function refuseBody(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  sendError(res, status, message, { connection: 'close' });
  req.resume();
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return '';
  }
}

function allowed(routes: readonly Route[]): string {
  const methods = new Set(routes.map((r) => r.method));
  if (methods.has('GET')) methods.add('HEAD' as never);
  return [...methods].join(', ');
}

class NodeHttpServer implements HttpServer {
  constructor(private readonly server: Server) {}

  get port(): number | null {
    const address = this.server.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  listen(port: number, host?: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen({ port, ...(host ? { host } : {}) }, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
  }

  async close(timeoutMs = 5_000): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const timer = setTimeout(() => this.server.closeAllConnections(), timeoutMs);
    await closed;
    clearTimeout(timer);
  }
}
