import pino, { type Logger } from 'pino';
import type { HttpEndpoint } from '../../src/adapters/adapter.ts';
import { createHttpServer } from '../../src/server/http-server.ts';

/** An adapter's endpoint served by the process's real HTTP server (src/server) on 127.0.0.1, any free port. */
export interface ServedEndpoint {
  /** The endpoint's URL, e.g. `http://127.0.0.1:PORT/slack/events`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Mounts `endpoint` on a new server, as src/app/http-front.ts does, and listens. */
export async function serveEndpoint(endpoint: HttpEndpoint, log: Logger = pino({ level: 'silent' })): Promise<ServedEndpoint> {
  const server = createHttpServer({ routes: [{ method: 'POST', path: endpoint.path, accepts: endpoint.accepts, handle: endpoint.handle }], log });
  await server.listen(0, '127.0.0.1');
  const origin = `http://127.0.0.1:${server.port}`;
  return { url: `${origin}${endpoint.path}`, origin, close: () => server.close(1_000) };
}
