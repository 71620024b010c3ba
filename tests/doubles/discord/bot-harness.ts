import type { APIEmbed } from 'discord.js';
import pino, { type Logger } from 'pino';
import { Dispatcher } from '../../../commands/dispatcher.ts';
import { CommandRegistry } from '../../../commands/registry.ts';
import type { CommandDefinition } from '../../../commands/types.ts';
import { createDiscordAdapter, type DiscordAdapter, type DiscordDispatcher } from '../../../src/adapters/discord/discord-adapter.ts';
import { loadCatalogFile } from '../../../src/library/catalog-file.ts';
import type { Library } from '../../../src/core/search/library.ts';
import { memoryLibrary } from '../../helpers/library.ts';
import { startDiscordDouble, type DiscordDouble, type DiscordDoubleOptions, type InteractionCallbackBody } from './index.ts';
import type { OptionsInput } from './interactions.ts';
import type { InteractionOrigin } from './interactions.ts';

/** One pino log line, parsed. */
export type LogLine = Record<string, unknown> & { level: number; msg?: string };

/** The real bot (core + Discord adapter) logged in to a running double. */
export interface DiscordBotHarness {
  double: DiscordDouble;
  adapter: DiscordAdapter;
  library: Library;
  dispatcher: Dispatcher;
  /** Every line the adapter logged. */
  logs: LogLine[];
  /** What the dispatcher reported to `onError`. */
  dispatcherErrors: Array<{ err: unknown; context: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** Options of {@link startDiscordBot}. */
export interface DiscordBotOptions {
  ephemeral?: boolean;
  deferAfterMs?: number;
  /** Extra commands for the registry (e.g. one that throws). */
  extraCommands?: CommandDefinition[];
  /** How the double is set up (guilds and channels). */
  double?: DiscordDoubleOptions;
  /** Wraps the real dispatcher (e.g. to slow it down or make it throw). */
  wrapDispatcher?: (real: Dispatcher) => DiscordDispatcher;
}

let library: Promise<Library> | null = null;

function shippedLibrary(): Promise<Library> {
  if (library) return library;
  const loaded = loadCatalogFile('data/episodes.json');
  if (!loaded.ok) throw new Error(loaded.error);
  library = memoryLibrary(loaded.value);
  return library;
}

/** A pino logger that keeps its lines in `lines`. */
export function memoryLogger(lines: LogLine[]): Logger {
  return pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
}

/** Starts a double and the real bot on it: real Library, CommandRegistry, Dispatcher and discord.js Client. */
export async function startDiscordBot(options: DiscordBotOptions = {}): Promise<DiscordBotHarness> {
  const lib = await shippedLibrary();
  const dispatcherErrors: DiscordBotHarness['dispatcherErrors'] = [];
  const registry = new CommandRegistry(() => lib.podcast.title, options.extraCommands ?? []);
  const dispatcher = new Dispatcher({ registry, library: lib, random: () => 0, onError: (err, context) => dispatcherErrors.push({ err, context }) });
  const double = await startDiscordDouble(options.double);
  const logs: LogLine[] = [];
  const adapter = createDiscordAdapter({
    dispatcher: options.wrapDispatcher ? options.wrapDispatcher(dispatcher) : dispatcher,
    log: memoryLogger(logs),
    token: double.token,
    applicationId: double.applicationId,
    apiUrl: double.apiUrl,
    ephemeral: options.ephemeral ?? true,
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  try {
    await adapter.start();
  } catch (err) {
    await adapter.stop();
    await double.close();
    throw err;
  }
  return {
    double,
    adapter,
    library: lib,
    dispatcher,
    logs,
    dispatcherErrors,
    close: async () => {
      await adapter.stop();
      await double.close();
    },
  };
}

/** The `data` of a message callback (type 4 or 7), as the bot sent it. */
export interface MessageData {
  content?: string;
  embeds: APIEmbed[];
  components: Array<{ type: number; components: Array<{ type: number; style: number; label: string; custom_id: string }> }>;
  flags?: number;
  allowed_mentions?: unknown;
  [key: string]: unknown;
}

/** A callback the bot POSTed, with its message data typed. */
export interface Callback {
  id: string;
  token: string;
  type: number;
  data: MessageData;
  body: InteractionCallbackBody;
}

/** Sends a slash command as `origin`'s user and resolves with the bot's callback. */
export async function runCommand(double: DiscordDouble, name: string, options: OptionsInput = {}, origin: InteractionOrigin = {}): Promise<Callback> {
  const sent = double.sendInteraction(double.chatInputInteraction({ name, options, ...origin }));
  return callbackOf(double, sent);
}

/** Presses a button on a message the bot sent earlier (its callback `data`; ephemeral when its flags say so). */
export async function pressButton(double: DiscordDouble, customId: string, on: MessageData | null, origin: InteractionOrigin = {}): Promise<Callback> {
  const message = on ? { content: on.content ?? '', embeds: on.embeds, components: on.components, flags: on.flags ?? 0 } : undefined;
  const sent = double.sendInteraction(double.componentInteraction({ customId, ...(message ? { message: message as never } : {}), ...origin }));
  return callbackOf(double, sent);
}

/** The custom id of the button labelled `label` in a message. */
export function buttonId(data: MessageData, label: string): string {
  const button = data.components.flatMap((row) => row.components).find((b) => b.label === label);
  if (!button) throw new Error(`No button “${label}” in ${JSON.stringify(data.components)}`);
  return button.custom_id;
}

async function callbackOf(double: DiscordDouble, sent: { id: string; token: string }): Promise<Callback> {
  const callback = await double.waitForCallback(sent.id);
  return { ...sent, type: callback.body.type, data: (callback.body.data ?? {}) as MessageData, body: callback.body };
}
