/** Result of `readCapped`. */
export type CappedRead =
  | { kind: 'complete'; bytes: Uint8Array }
  | { kind: 'too-large'; bytesRead: number }
  | { kind: 'error'; error: unknown };

/**
 * Reads a body stream, counting bytes as they arrive, and stops as soon as more than
 * `maxBytes` came in: the stream is cancelled, which for `fetch` closes the connection, so
 * a huge, chunked or lying body is never read to the end. Stream errors (an abort, a reset
 * connection) come back as values.
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<CappedRead> {
  if (body === null) return { kind: 'complete', bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { kind: 'complete', bytes: Buffer.concat(chunks, total) };
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { kind: 'too-large', bytesRead: total };
      }
      chunks.push(value);
    }
  } catch (error) {
    return { kind: 'error', error };
  }
}

/** Throws a body away without reading it, closing the connection if it is still streaming. */
export async function discardBody(response: Response): Promise<void> {
  if (response.body !== null && !response.bodyUsed) await response.body.cancel().catch(() => undefined);
}
