import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { announcementAnswer } from '../commands/announcement.ts';
import { prepareDidYouMean } from '../commands/did-you-mean.ts';
import { Dispatcher } from '../commands/dispatcher.ts';
import { parseCommandLine } from '../commands/parse-command-line.ts';
import { podcastCommand } from '../commands/podcast.ts';
import { CommandRegistry } from '../commands/registry.ts';
import type { ChatAdapter } from './adapters/adapter.ts';
import { ConsoleChat } from './adapters/console/console-chat.ts';
import { LogRelay } from './adapters/console/log-relay.ts';
import { ANSI, PLAIN, renderText } from './adapters/console/render-text.ts';
import type { DiscordAdapter } from './adapters/discord/discord-adapter.ts';
import type { SlackAdapter } from './adapters/slack/slack-adapter.ts';
import { parseCliArgs } from './cli-args.ts';
import { feedUrlsOf, loadConfig, secretsOf, type Config } from './config.ts';
import type { Catalog } from './core/catalog-schema.ts';
import type { Library } from './core/library.ts';
import type { ShowDirectory } from './core/shows.ts';
import type { AnnouncementTarget } from './announcer/announce-target.ts';
import type { FeedNetwork } from './announcer/feed-network.ts';
import type { TranscriptQueue } from './announcer/transcript-queue.ts';
import { catalogLibrary, feedLibrary } from './library-source.ts';
import { StorePodcastService } from './announcer/podcast-service.ts';
import { createLogger, redact } from './log.ts';
import { DatabaseError } from './store/database.ts';
import { Store } from './store/store.ts';

/** Exit codes: 0 answered or shut down cleanly; 1 the bot cannot run; 2 bad configuration or usage. */
const EXIT = { ok: 0, cannotRun: 1, badConfig: 2 } as const;

const CONSOLE_CALLER = { platform: 'console', userId: 'console', channelId: 'console', serverId: null, canManage: true } as const;

interface Bot {
  config: Config;
  log: Logger;
  /** The followed feeds (FEED_URL, comma-separated); empty: answer from the catalog file. */
  feedUrls: string[];
  /** With feeds: the catalog file, an overlay for the show it describes. */
  overlay: Catalog | null;
  library: Library;
  shows: ShowDirectory;
  store: Store | null;
  dispatcher: Dispatcher;
  /** Where log lines go: standard error, or above the console chat's prompt once it owns the terminal. */
  logs: LogRelay;
}

function fatal(message: string, code: number): never {
  process.stderr.write(`episode-bot: ${message}\n`);
  process.exit(code);
}

function readConfig(env: NodeJS.ProcessEnv): Config {
  const loaded = loadConfig(env);
  if (loaded.ok) return loaded.config;
  fatal(`configuration error:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}\nSee .env.example for every setting.`, EXIT.badConfig);
}

/** Storage is needed to follow a feed and to keep subscriptions of a chat platform. */
function openStore(config: Config, log: Logger): Store | null {
  if (feedUrlsOf(config).length === 0 && !config.DISCORD_TOKEN && !config.SLACK_BOT_TOKEN) return null;
  try {
    const store = Store.open(config.DATABASE_PATH);
    log.info({ database: config.DATABASE_PATH }, 'database ready');
    return store;
  } catch (err) {
    if (err instanceof DatabaseError && err.kind === 'location') {
      fatal(`DATABASE_PATH: ${err.message}\nSet DATABASE_PATH to a file in a directory episode-bot can create and write.`, EXIT.badConfig);
    }
    fatal(`DATABASE_PATH: ${(err as Error).message}`, EXIT.cannotRun);
  }
}

/**
 * Whether the console chat will own the terminal (a person typing at it): its
 * logs then print above the prompt, warnings and errors only unless LOG_LEVEL is set.
 */
function chatOwnsTerminal(config: Config): boolean {
  return process.stdin.isTTY === true && consoleWanted(config, !hasPlatform(config));
}

function hasPlatform(c: Config): boolean {
  return Boolean((c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID) || c.SLACK_BOT_TOKEN);
}

function consoleWanted(config: Config, alone: boolean): boolean {
  return config.CONSOLE === 'on' || (config.CONSOLE === 'auto' && (alone || process.stdin.isTTY === true));
}

/** LOG_LEVEL when set; otherwise `warn` for a one-shot answer or a console chat in a terminal (the person reads the chat, not the log). */
function logLevel(config: Config, quiet: boolean): string {
  return quiet && process.env.LOG_LEVEL === undefined ? 'warn' : config.LOG_LEVEL;
}

function buildBot(config: Config, withStore: boolean, quietLogs: boolean): Bot {
  const logs = new LogRelay(process.stderr);
  const log = createLogger({ level: logLevel(config, quietLogs), format: config.LOG_FORMAT, secrets: secretsOf(config), destination: logs });
  const started = performance.now();
  const feedUrls = feedUrlsOf(config);
  const store = withStore || feedUrls.length > 0 ? openStore(config, log) : null;
  const built = feedUrls.length > 0 && store ? feedLibrary(config.CATALOG_PATH, feedUrls, store, log) : catalogLibrary(config, store, log);
  if (!built.ok) fatal(`cannot load the catalog:\n${built.error}`, EXIT.cannotRun);
  const { library, shows, overlay } = built.value;
  log.debug({ episodes: library.size, shows: shows.all().length, ms: Math.round(performance.now() - started) }, 'catalog ready');
  const extra = store ? [podcastCommand(new StorePodcastService(store, library, feedUrls, undefined, shows))] : [];
  const registry = new CommandRegistry(() => shows.name(), extra);
  const dispatcher = new Dispatcher({
    registry,
    library,
    shows,
    onError: (err, context) => log.error({ err, ...context }, 'command failed'),
  });
  return { config, log, feedUrls, overlay, library, shows, store, dispatcher, logs };
}

/** One command answered on standard output, as text (no console keys: there is no next line to type them on) or JSON. */
async function ask(bot: Bot, line: string, json: boolean): Promise<void> {
  const parsed = parseCommandLine(line, bot.dispatcher.commands);
  const answer = await bot.dispatcher.command(parsed.name, parsed.options, CONSOLE_CALLER);
  const text = json ? JSON.stringify(answer, null, 2) : renderText({ ...answer, actions: [] }, process.stdout.isTTY ? ANSI : PLAIN);
  process.stdout.write(text + '\n');
}

/** The configured platforms' adapters; discord.js and Bolt are loaded only when configured (faster console starts). */
async function platformAdapters(bot: Bot): Promise<Array<DiscordAdapter | SlackAdapter>> {
  const c = bot.config;
  const adapters: Array<DiscordAdapter | SlackAdapter> = [];
  if (c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID) {
    const { createDiscordAdapter } = await import('./adapters/discord/discord-adapter.ts');
    adapters.push(
      createDiscordAdapter({
        dispatcher: bot.dispatcher,
        log: bot.log.child({ adapter: 'discord' }),
        token: c.DISCORD_TOKEN,
        applicationId: c.DISCORD_APPLICATION_ID,
        ...(c.DISCORD_API_URL ? { apiUrl: c.DISCORD_API_URL } : {}),
        ephemeral: c.DISCORD_EPHEMERAL,
      }),
    );
  }
  if (c.SLACK_BOT_TOKEN) {
    const { createSlackAdapter } = await import('./adapters/slack/slack-adapter.ts');
    adapters.push(
      createSlackAdapter({
        dispatcher: bot.dispatcher,
        log: bot.log.child({ adapter: 'slack' }),
        botToken: c.SLACK_BOT_TOKEN,
        ...(c.SLACK_APP_TOKEN ? { appToken: c.SLACK_APP_TOKEN } : {}),
        ...(c.SLACK_SIGNING_SECRET ? { signingSecret: c.SLACK_SIGNING_SECRET } : {}),
        port: c.SLACK_PORT,
        ...(c.SLACK_API_URL ? { apiUrl: c.SLACK_API_URL } : {}),
        ephemeral: c.SLACK_EPHEMERAL,
        adminUserIds: c.SLACK_ADMIN_USER_IDS,
      }),
    );
  }
  return adapters;
}

function consoleChat(bot: Bot, alone: boolean): ConsoleChat | null {
  const interactive = process.stdin.isTTY === true;
  if (!consoleWanted(bot.config, alone)) return null;
  const feeds = bot.feedUrls.length;
  const feed = feeds > 0 ? ` New episodes from the feed${feeds > 1 ? 's' : ''} are announced here.` : '';
  const tries = feeds > 0 ? 'Try /episode <a topic>, /latest, /random' : 'Try /episode chaos, /recommend istio, /latest';
  const what = feeds > 0 && bot.library.size === 0 ? `Following ${feeds} feed${feeds > 1 ? 's' : ''}: fetching episodes…` : `${bot.shows.name()}: ${bot.library.size} episodes.`;
  const level = bot.log.level === 'warn' ? 'Warnings and errors' : `Logs (${bot.log.level} and up)`;
  const greeting = [
    `${what} ${tries} or /help. /quit leaves.${feed}`,
    `${level} print above the prompt${bot.log.level === 'warn' ? '; LOG_LEVEL=info shows more' : ''}.`,
  ].join('\n');
  return new ConsoleChat({
    dispatcher: bot.dispatcher,
    input: process.stdin,
    output: process.stdout,
    style: process.stdout.isTTY ? ANSI : PLAIN,
    interactive,
    greeting,
  });
}

/** The followed feeds and their transcripts, to stop together. */
interface Following {
  stop(): Promise<void>;
}

/**
 * Background transcript fetching (src/announcer/transcript-queue.ts), with a
 * progress line in the console every few seconds and when it is done.
 * Segments go to the library's FTS5 transcript index, in the bot's database:
 * searchable at once, and kept across restarts.
 */
async function startTranscripts(bot: Bot, network: FeedNetwork, chat: ConsoleChat | null): Promise<TranscriptQueue> {
  const [{ TranscriptQueue }, { progressLine }, { fetchFeed }, { showKeyOf }] = await Promise.all([
    import('./announcer/transcript-queue.ts'),
    import('./announcer/transcript-progress.ts'),
    import('./feed/fetch-feed.ts'),
    import('./feed/show-key.ts'),
  ]);
  const style = process.stdout.isTTY ? ANSI : PLAIN;
  let lastPrinted = 0;
  const queue = new TranscriptQueue(
    {},
    {
      store: bot.store!,
      sink: bot.library.transcripts,
      fetch: (source, validators) => fetchFeed(source, validators),
      log: bot.log.child({ part: 'transcripts' }),
      isLeader: () => network.leadership.leading,
      shows: () => bot.feedUrls.map(showKeyOf),
      onProgress: (p) => {
        if (!p.idle && Date.now() - lastPrinted < 3000) return;
        lastPrinted = Date.now();
        chat?.print(style.dim(progressLine(p)) + '\n');
        if (p.idle) bot.log.info({ ...p }, 'transcripts fetched for now');
      },
    },
  );
  queue.start();
  return queue;
}

/** Follows the feeds, if any are configured; their modules (XML and HTML parsing, transcripts) are loaded only then (faster console starts). */
async function startFeed(bot: Bot, targets: AnnouncementTarget[], chat: ConsoleChat | null): Promise<Following | null> {
  const { config, store, library, log, shows } = bot;
  if (bot.feedUrls.length === 0 || !store) return null;
  const [{ fetchFeed }, { Announcer }, { catalogOverlay }, { FeedNetwork }] = await Promise.all([
    import('./feed/fetch-feed.ts'),
    import('./announcer/announcer.ts'),
    import('./announcer/catalog-overlay.ts'),
    import('./announcer/feed-network.ts'),
  ]);
  const announcer = new Announcer(store, library, log, undefined, (ep) => shows.titleOf(ep) || library.podcast.title);
  for (const target of targets) announcer.addTarget(target);
  let transcripts: TranscriptQueue | null = null;
  const network = new FeedNetwork(
    { feedUrls: bot.feedUrls, intervalMs: config.FEED_POLL_INTERVAL, announceOnFirstPoll: config.ANNOUNCE_ON_FIRST_POLL, maxBacklog: config.ANNOUNCE_MAX_BACKLOG },
    {
      store,
      library,
      announcer,
      fetch: (source, validators) => fetchFeed(source, validators),
      log,
      ...(bot.overlay ? { overlay: catalogOverlay(bot.overlay) } : {}),
      onShow: (show) => shows.put({ ...show, followed: true }),
      afterPoll: (_feed, report) => {
        if (report) transcripts?.wake();
      },
      onAnnounce: (episodes) => {
        for (const ep of episodes) chat?.announce(announcementAnswer(ep, shows.titleOf(ep)));
      },
    },
  );
  transcripts = await startTranscripts(bot, network, chat);
  network.start();
  log.info({ feeds: bot.feedUrls, every: `${config.FEED_POLL_INTERVAL / 1000}s` }, `following ${bot.feedUrls.length} feed(s)`);
  return {
    async stop() {
      await network.stop();
      await transcripts?.stop();
    },
  };
}

async function serve(bot: Bot): Promise<void> {
  const adapters = await platformAdapters(bot);
  const chat = consoleChat(bot, adapters.length === 0);
  const all: ChatAdapter[] = chat ? [...adapters, chat] : [...adapters];
  const interactive = chat !== null && process.stdin.isTTY === true;
  let feed: Following | null = null;
  let stopping = false;
  const shutdown = async (reason: string, code: number = EXIT.ok) => {
    if (stopping) return;
    stopping = true;
    bot.log.info({ reason }, 'shutting down');
    await feed?.stop();
    await Promise.allSettled(all.map((a) => a.stop()));
    bot.store?.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  for (const adapter of all) {
    try {
      await adapter.start();
      if (adapter === chat && interactive) bot.logs.attach((text) => chat.print(text));
    } catch (err) {
      // The adapters' start errors name the setting to check or the network problem (bounded retries, then this).
      bot.log.fatal({ err, adapter: adapter.name }, `the ${adapter.name} adapter could not start: ${(err as Error)?.message ?? String(err)}`);
      await shutdown('start failed', EXIT.cannotRun);
      return;
    }
    bot.log.info({ adapter: adapter.name }, 'adapter started');
  }
  feed = await startFeed(bot, adapters.map((a) => a.announcementTarget), chat);
  // What the first transcript search and "did you mean" need, loaded once the bot answers rather than on the first query.
  setImmediate(() => {
    bot.library.warmUp();
    prepareDidYouMean(bot.library);
  });
  // Leaving the chat in a terminal (/quit, Ctrl-D, Ctrl-C twice) stops the bot; piped input ending stops it only when it is alone.
  if (chat && (adapters.length === 0 || interactive)) {
    await chat.closed;
    bot.logs.detach();
    await shutdown('console closed');
  }
}

function redactError(err: unknown, secrets: readonly string[]): unknown {
  return err instanceof Error ? Object.assign(new Error(redact(err.message, secrets)), { stack: redact(err.stack ?? '', secrets) }) : err;
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const request = parseCliArgs(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
  if (request.kind === 'exit') {
    process.exitCode = request.code;
    return;
  }
  const config = readConfig(process.env);
  const secrets = secretsOf(config);
  try {
    const asking = request.kind === 'ask';
    const bot = buildBot(config, !asking, asking || chatOwnsTerminal(config));
    process.on('unhandledRejection', (err) => bot.log.error({ err: redactError(err, secrets) }, 'unhandled rejection'));
    if (request.kind === 'ask') await ask(bot, request.line, request.json);
    else await serve(bot);
  } catch (err) {
    fatal(`unexpected error: ${redact((err as Error)?.stack ?? String(err), secrets)}`, EXIT.cannotRun);
  }
}

void main();
