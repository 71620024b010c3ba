import type { Answer } from '../src/core/answers/answer.ts';
import type { Library } from '../src/core/search/library.ts';
import type { Suggestion } from '../src/core/search/name-index.ts';

/** An autocomplete choice (a title or a guest), as adapters render it. */
export type { Suggestion };
import type { RandomDeck } from './random-deck.ts';
import type { ShowDirectory } from '../src/core/model/shows.ts';

/** A text option of a command, with the limits every platform enforces. */
export interface CommandOption {
  name: string;
  description: string;
  /**
   * `channel`: a channel of the platform (Discord's channel picker; `#channel` on Slack and in the console);
   * `role`: a Discord role (Slack: a user group typed as `@group`); `boolean`: true or false (`name:true` where typed).
   */
  type: 'string' | 'channel' | 'role' | 'boolean';
  required: boolean;
  /** The only values accepted, when the option is a fixed choice. */
  choices?: readonly string[];
  /** Longest accepted value, in characters. */
  maxLength: number;
  /** What to complete while the user types (`show`: the followed shows' titles; `directory`: podcasts a directory knows), or false for no autocomplete. */
  autocomplete: false | ReadonlyArray<Suggestion['kind'] | 'show' | 'directory'>;
}

/** Who asked, where: adapters fill in what their platform knows. */
export interface Invocation {
  platform: 'console' | 'discord' | 'slack';
  userId: string | null;
  channelId: string | null;
  /** Discord guild or Slack workspace. */
  serverId: string | null;
  /** Whether the caller may manage the server (change subscriptions). */
  canManage: boolean;
  /** Whether the bot can post in a channel, as the platform tells (absent: it cannot ask). */
  channels?: ChannelAccess;
}

/** What a channel lets the bot do: post there (a forum takes a post per episode), or what is missing; null when it cannot tell. */
export type ChannelCheck = { ok: true; forum: boolean } | { ok: false; problem: string } | null;

/** Asks the platform whether the bot can post announcements in a channel (Discord: its permissions there; Slack: membership and scopes). */
export interface ChannelAccess {
  check(channelId: string): Promise<ChannelCheck>;
}

/** What a handler needs: the library, and randomness passed in so tests are deterministic. */
export interface CommandContext {
  library: Library;
  /** The shows the episodes belong to (one, unless several feeds are followed). */
  shows: ShowDirectory;
  random: () => number;
  /** What /random has shown where, so it does not repeat itself. */
  deck: RandomDeck;
  invocation: Invocation;
}

/** A command's input: option values (already trimmed) and the page wanted. */
export interface CommandInput {
  options: Readonly<Record<string, string | undefined>>;
  page: number;
}

/** A slash command, defined once for every platform. */
export interface CommandDefinition {
  name: string;
  description: string;
  options: CommandOption[];
  /** How the command is typed on one line (Slack's usage hint), when the options alone would not say it. */
  usage?: string;
  /** Examples shown in help, e.g. "/episode kubernetes". */
  examples: string[];
  /** Only people who may manage the server can run it. */
  requiresManage?: boolean;
  run(input: CommandInput, ctx: CommandContext): Answer | Promise<Answer>;
  /** Choices for an option whose `autocomplete` asks for something only the command knows (`directory`). */
  complete?(option: string, typed: string): Promise<Array<{ label: string; value: string }>>;
}

/** Longest query or name accepted, in characters: short enough to fit in a button. */
export const MAX_TEXT_LENGTH = 80;

/** Results per page. */
export const PAGE_SIZE = 5;
