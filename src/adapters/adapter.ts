/**
 * What every chat adapter (console, Discord, Slack) offers the process:
 * start listening, stop cleanly. Each turns its platform's events into
 * `Dispatcher` calls and renders the answers; none holds search logic.
 */
export interface ChatAdapter {
  readonly name: string;
  start(): Promise<void>;
  /** Waits for the answers in progress (at most `timeoutMs`) before a shutdown; says whether all finished. */
  drain?(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}
