import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What every chat adapter (console, Discord, Slack) offers the process:
 * start listening, stop cleanly. Each turns its platform's events into
 * `Dispatcher` calls and renders the answers; none holds search logic.
 */
export interface ChatAdapter {
  readonly name: string;
  /** An endpoint the platform posts to, for the process's HTTP server to mount (Slack's HTTP mode, Discord's interactions endpoint). */
  readonly httpEndpoint?: HttpEndpoint | null;
  start(): Promise<void>;
  /** Waits for the answers in progress (at most `timeoutMs`) before a shutdown; says whether all finished. */
  drain?(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

/** A POST endpoint of a platform; the server reads and limits the body, then calls `handle`. */
export interface HttpEndpoint {
  path: string;
  /** The media types the platform sends (others get 415). */
  accepts: readonly string[];
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): void | Promise<void>;
}
