import type { IncomingMessage } from 'node:http';

/** Why a body could not be read: too large (413), or the client went away / sent garbage (400). */
export class BodyError extends Error {
  constructor(
    readonly status: 413 | 400,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a request body of at most `limit` bytes. Rejects with a 413
 * {@link BodyError} as soon as the declared or received length passes the
 * limit (the rest is not buffered), and with a 400 one when the stream fails.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyError(413, `the body is larger than ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: BodyError | null) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(new BodyError(413, `the body is larger than ${limit} bytes`));
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish(null));
    req.once('error', () => finish(new BodyError(400, 'the request body could not be read')));
    req.once('aborted', () => finish(new BodyError(400, 'the request was aborted')));
  });
}

/** The media type of a `Content-Type` header, lower-cased, without parameters (`application/json`). */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}
