import type { Logger } from 'pino';
import type { Dispatcher } from '../../../commands/dispatcher.ts';

/** The part of the dispatcher the Discord adapter uses (tests pass their own). */
export type DiscordDispatcher = Pick<Dispatcher, 'command' | 'action' | 'suggest' | 'commands'>;

/** What the interaction handlers need. */
export interface HandlerDeps {
  dispatcher: DiscordDispatcher;
  log: Logger;
  /** Episode results privately, with "Post to channel"; see `commandVisibility`. */
  ephemeral: boolean;
  /** Defer when the dispatcher has not answered within this many milliseconds. */
  deferAfterMs: number;
}
