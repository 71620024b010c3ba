/**
 * What every chat adapter (console, Discord, Slack) offers the process:
 * start listening, stop cleanly. Each turns its platform's events into
 * `Dispatcher` calls and renders the answers; none holds search logic.
 */
export interface ChatAdapter {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
