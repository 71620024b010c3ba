import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One endpoint of the process's HTTP server. The server matches the path
 * exactly (the query string is ignored), answers 404 / 405 itself, and for a
 * POST reads the body first: at most the server's body limit (413 beyond),
 * and only of a media type listed in `accepts` (415 otherwise).
 */
export interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** POST only: the media types accepted (`application/json`, ...); parameters such as `charset` are ignored. */
  accepts?: readonly string[];
  /** Answers the request; `body` is the raw body of a POST (empty for a GET). Must not throw for bad input: answer 4xx. */
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void | Promise<void>;
}

/** Writes a JSON answer (no caching: health and errors must be fresh). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Writes a short error answer: `{ "error": "…" }`. */
export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: message }, headers);
}
