// A test harness for episode-bot's Slack adapter: the real Bolt app (through `createSlackAdapter`) in HTTP mode, mounted
// on the process's real HTTP server (src/server) on 127.0.0.1, the real dispatcher over the shipped catalog, the Web API and response URLs served by the double, and
// every log line and outbound URL recorded. Not part of the double's generic API (index.ts).
import { Writable } from 'node:stream';
import { Dispatcher } from '../../../commands/dispatcher.ts';
import { CommandRegistry } from '../../../commands/registry.ts';
import type { CommandDefinition } from '../../../commands/types.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import type { SlackDispatcher } from '../../../src/adapters/slack/reply.ts';
import { loadCatalogFile } from '../../../src/library/catalog-file.ts';
import type { Library } from '../../../src/core/search/library.ts';
import { memoryLibrary } from '../../helpers/library.ts';
import { createLogger } from '../../../src/log.ts';
import { serveEndpoint, type ServedEndpoint } from '../../helpers/http-endpoint.ts';
import { postToBolt, type BoltResponse } from './bolt-client.ts';
import { blockActionBody, slashCommandBody, type BlockActionOptions, type SlashCommandOptions } from './payloads.ts';
import { signSlackRequest } from './signing.ts';
import { startSlackApiDouble } from './api-server.ts';
import type { SlackApiDouble, SlackApiDoubleOptions } from './types.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-fake-test-token';

/** One JSON line our pino logger wrote. */
export type LogRecord = Record<string, unknown> & { level: number; msg: string };

/** What `onError` of the real dispatcher received. */
export interface DispatcherError {
  err: unknown;
  context: Record<string, unknown>;
}

/** Options for {@link startAdapterHarness}. */
export interface HarnessOptions {
  ephemeral?: boolean;
  adminUserIds?: string[];
  /** Extra commands for the registry (e.g. one that throws). */
  extraCommands?: CommandDefinition[];
  /** Wraps the real dispatcher (e.g. to make it throw). */
  wrapDispatcher?: (real: Dispatcher) => SlackDispatcher;
  double?: SlackApiDoubleOptions;
  /** The adapter's answer budget (default: the shipped one, 1.5 s). */
  answerBudgetMs?: number;
  /** Socket Mode with this app-level token (then `command`, `press` and `post` are unavailable). */
  appToken?: string;
  /** Milliseconds between two `conversations.history` calls of the announcement target (default 0: tests look freely; the bot's is 60 s). */
  historyIntervalMs?: number;
  /** The library the dispatcher answers from (default: the shipped catalog's, shared). */
  library?: Library;
}

/** A running adapter plus everything a test inspects. */
export interface AdapterHarness {
  double: SlackApiDouble;
  adapter: SlackAdapter;
  library: Library;
  logs: LogRecord[];
  dispatcherErrors: DispatcherError[];
  /** Every URL the adapter fetched (Web API and response URLs). */
  outbound: string[];
  /** POSTs a signed slash command; see {@link commandAnswer} for its answer. */
  command(text: string, options?: Partial<SlashCommandOptions>): Promise<{ res: BoltResponse; responseId: string }>;
  /** POSTs a signed button press. */
  press(actionId: string, options?: Partial<BlockActionOptions>): Promise<{ res: BoltResponse; responseId: string }>;
  /** POSTs a raw body with the given headers. */
  post(body: string, headers: Record<string, string>): Promise<BoltResponse>;
  close(): Promise<void>;
}

let library: Promise<Library> | null = null;
let counter = 0;

function shippedLibrary(): Promise<Library> {
  if (library) return library;
  const catalog = loadCatalogFile('data/episodes.json');
  if (!catalog.ok) throw new Error(catalog.error);
  library = memoryLibrary(catalog.value);
  return library;
}

/** Starts the double and the adapter (HTTP mode, 127.0.0.1, any free port). */
export async function startAdapterHarness(options: HarnessOptions = {}): Promise<AdapterHarness> {
  const double = await startSlackApiDouble(options.double);
  const logs: LogRecord[] = [];
  const dispatcherErrors: DispatcherError[] = [];
  const outbound: string[] = [];
  const secrets = [BOT_TOKEN, SIGNING_SECRET, ...(options.appToken ? [options.appToken] : [])];
  const log = createLogger({ level: 'debug', format: 'json', secrets, destination: collect(logs) });
  const lib = options.library ?? (await shippedLibrary());
  const registry = new CommandRegistry(() => lib.podcast.title, options.extraCommands ?? []);
  const real = new Dispatcher({ registry, library: lib, random: () => 0, onError: (err, context) => dispatcherErrors.push({ err, context }) });
  const adapter = createSlackAdapter({
    dispatcher: options.wrapDispatcher ? options.wrapDispatcher(real) : real,
    log,
    botToken: BOT_TOKEN,
    signingSecret: options.appToken ? undefined : SIGNING_SECRET,
    appToken: options.appToken,
    apiUrl: double.apiUrl,
    ephemeral: options.ephemeral ?? true,
    adminUserIds: options.adminUserIds ?? [],
    botId: 'B123',
    botUserId: 'U_BOT',
    retryConfig: { retries: 0 },
    announcementPacing: { historyIntervalMs: options.historyIntervalMs ?? 0 },
    ...(options.answerBudgetMs === undefined ? {} : { answerBudgetMs: options.answerBudgetMs }),
    fetch: (url, init) => {
      outbound.push(String(url instanceof Request ? url.url : url));
      return fetch(url, init);
    },
  });
  await adapter.start();
  const front: ServedEndpoint | null = adapter.httpEndpoint ? await serveEndpoint(adapter.httpEndpoint, log) : null;
  const post = (body: string, headers: Record<string, string>) => {
    if (front === null) throw new Error('the adapter is not listening over HTTP (Socket Mode?)');
    return postToBolt(front.url, body, headers);
  };
  const signed = (body: string) => post(body, signSlackRequest(SIGNING_SECRET, body));
  return {
    double, adapter, library: lib, logs, dispatcherErrors, outbound, post,
    async command(text, extra = {}) {
      const responseId = `cmd-${++counter}`;
      const body = slashCommandBody({ command: '/episode', text, responseUrl: double.responseUrl(responseId), ...extra });
      return { res: await signed(body), responseId };
    },
    async press(actionId, extra = {}) {
      const responseId = `act-${++counter}`;
      const body = blockActionBody({ actionId, value: actionId, responseUrl: double.responseUrl(responseId), ...extra });
      return { res: await signed(body), responseId };
    },
    async close() {
      await front?.close();
      await adapter.stop();
      await double.close();
    },
  };
}

function collect(into: LogRecord[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) into.push(JSON.parse(line) as LogRecord);
      done();
    },
  });
}

type Json = Record<string, unknown>;

/** Where a slash command's answer reached Slack, and the message. */
export interface CommandAnswer {
  /** `ack`: in the HTTP response body (or the Socket Mode ack payload); `response_url`: posted after an empty ack. */
  via: 'ack' | 'response_url';
  message: Json;
}

/**
 * The answer to a slash command sent with `h.command()`: the acknowledgement's
 * JSON body when it has one, else the first body posted to its response URL.
 */
export async function commandAnswer(h: AdapterHarness, sent: { res: BoltResponse; responseId: string }): Promise<CommandAnswer> {
  const json = sent.res.json;
  if (json && typeof json === 'object') return { via: 'ack', message: json as Json };
  return { via: 'response_url', message: await h.double.waitForResponse(sent.responseId) };
}

/** The buttons of a message body posted to a response URL. */
export function buttonsOf(message: Json): Array<{ text: string; action_id: string; value: string; style?: string }> {
  const blocks = (message['blocks'] ?? []) as Json[];
  return blocks
    .filter((b) => b['type'] === 'actions')
    .flatMap((b) => b['elements'] as Json[])
    .map((e) => ({ ...(e as { action_id: string; value: string; style?: string }), text: (e['text'] as Json)['text'] as string }));
}

/** Every text of a message: the fallback, then each section's and context element's, then button labels. */
export function textsOf(message: Json): string[] {
  const out = [String(message['text'] ?? '')];
  for (const block of (message['blocks'] ?? []) as Json[]) {
    const text = block['text'] as Json | undefined;
    if (text) out.push(String(text['text']));
    for (const el of (block['elements'] ?? []) as Json[]) {
      const t = el['text'];
      out.push(typeof t === 'string' ? t : String((t as Json)['text']));
    }
  }
  return out;
}

/** The mrkdwn of the message's blocks, joined by newlines (for `toContain` checks). */
export function blockText(message: Json): string {
  return textsOf(message).slice(1).join('\n');
}

/** Closes a harness (if any) and checks that nothing the adapter did left the machine: every URL went to the double. */
export async function closeHarness(h: AdapterHarness | null): Promise<void> {
  if (!h) return;
  const { double, outbound } = h;
  await h.close();
  const elsewhere = outbound.filter((url) => !url.startsWith(double.origin));
  if (elsewhere.length > 0) throw new Error(`the adapter reached outside the double: ${elsewhere.join(', ')}`);
}
