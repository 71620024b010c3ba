import type { APIInteraction } from 'discord.js';
import type { Logger } from 'pino';
import type { Dispatcher } from '../../../commands/dispatcher.ts';
import type { ChannelAccess } from '../../../commands/types.ts';

/** The part of the dispatcher the Discord adapter uses (tests pass their own). */
export type DiscordDispatcher = Pick<Dispatcher, 'command' | 'action' | 'suggest' | 'commands'> & Partial<Pick<Dispatcher, 'complete'>>;

/** What the interaction handlers need. */
export interface HandlerDeps {
  dispatcher: DiscordDispatcher;
  log: Logger;
  /** Episode results privately, with "Post to channel"; see `commandVisibility`. */
  ephemeral: boolean;
  /** Defer when the dispatcher has not answered within this many milliseconds. */
  deferAfterMs: number;
  /** Whether the bot can post in a channel of the interaction's server (absent: without a bot token it cannot ask). */
  channels?: (interaction: APIInteraction) => ChannelAccess;
}
