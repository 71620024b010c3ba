import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { announcementAnswer } from '../commands/announcement.ts';
import { Dispatcher } from '../commands/dispatcher.ts';
import { parseCommandLine } from '../commands/parse-command-line.ts';
import { podcastCommand } from '../commands/podcast.ts';
import { CommandRegistry } from '../commands/registry.ts';
import type { ChatAdapter } from './adapters/adapter.ts';
import { ConsoleChat } from './adapters/console/console-chat.ts';
import { ANSI, PLAIN, renderText } from './adapters/console/render-text.ts';
import type { DiscordAdapter } from './adapters/discord/discord-adapter.ts';
import type { SlackAdapter } from './adapters/slack/slack-adapter.ts';
import { loadConfig, secretsOf, type Config } from './config.ts';
import type { Episode } from './core/catalog-schema.ts';
import type { Library } from './core/library.ts';
import type { AnnouncementTarget } from './announcer/announce-target.ts';
import { Announcer } from './announcer/announcer.ts';
import { fetchFeed } from './feed/fetch-feed.ts';
import { FeedPoller } from './announcer/feed-poller.ts';
import { FeedService } from './announcer/feed-service.ts';
import { StorePodcastService } from './announcer/podcast-service.ts';
import { titleKey } from './feed/reconcile.ts';
import { loadLibrary, openSearchDatabase } from './index-cache.ts';
import { createLogger, redact } from './log.ts';
import { Store } from './store/store.ts';

/** Exit codes: 0 answered or shut down cleanly; 1 the bot cannot run; 2 bad configuration or usage. */
const EXIT = { ok: 0, cannotRun: 1, badConfig: 2 } as const;

const CONSOLE_CALLER = { platform: 'console', userId: 'console', channelId: 'console', serverId: null, canManage: true } as const;

interface Bot {
  config: Config;
  log: Logger;
  /** The shipped catalog's episode with a title, for feed items that are already in it. */
  inCatalog: (title: string) => Episode | undefined;
  library: Library;
  store: Store | null;
  dispatcher: Dispatcher;
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
  if (!config.FEED_URL && !config.DISCORD_TOKEN && !config.SLACK_BOT_TOKEN) return null;
  try {
    const store = Store.open(config.DATABASE_PATH);
    log.info({ database: config.DATABASE_PATH }, 'database ready');
    return store;
  } catch (err) {
    fatal((err as Error).message, EXIT.cannotRun);
  }
}

function buildBot(config: Config, withStore: boolean): Bot {
  const log = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, secrets: secretsOf(config) });
  const started = performance.now();
  const store = withStore ? openStore(config, log) : null;
  // The search index lives in the bot's database when it has one, else in INDEX_CACHE_PATH (console, ask).
  const searchDb = store ? { db: store.db, note: null } : openSearchDatabase(config.INDEX_CACHE_PATH);
  const indexAt = store ? config.DATABASE_PATH : config.INDEX_CACHE_PATH;
  if (searchDb.note) log.warn({ index: indexAt }, searchDb.note);
  const loaded = loadLibrary(config.CATALOG_PATH, searchDb.db);
  if (!loaded.ok) fatal(`cannot load the catalog:\n${loaded.error}`, EXIT.cannotRun);
  const { library, source, note } = loaded.value;
  if (note) log.info({ index: indexAt }, `index rebuilt: ${note}`);
  const inCatalog = withStore && config.FEED_URL ? catalogTitles(library) : () => undefined;
  if (store) library.upsert(store.episodes.all((id, problem) => log.warn({ id, problem }, 'stored episode skipped')));
  log.debug({ episodes: library.size, from: source, ms: Math.round(performance.now() - started) }, 'catalog ready');
  const extra = store ? [podcastCommand(new StorePodcastService(store, library, config.FEED_URL ?? null))] : [];
  const registry = new CommandRegistry(() => library.podcast.title, extra);
  const dispatcher = new Dispatcher({
    registry,
    library,
    onError: (err, context) => log.error({ err, ...context }, 'command failed'),
  });
  return { config, log, inCatalog, library, store, dispatcher };
}

/** Titles of the shipped catalog (before any feed episode), for matching feed items to it. */
function catalogTitles(library: Library): (title: string) => Episode | undefined {
  const ids = new Map<string, string>();
  for (let offset = 0; offset < library.size; offset += 500) {
    for (const ep of library.latest(offset, 500)) ids.set(titleKey(ep.title), ep.id);
  }
  return (title) => {
    const id = ids.get(titleKey(title));
    return id ? library.get(id) : undefined;
  };
}

async function ask(bot: Bot, args: string[]): Promise<void> {
  const json = args.includes('--json');
  const line = args.filter((a) => a !== '--json').join(' ').trim();
  if (line === '') fatal('usage: npm run ask -- "/episode istio" [--json]', EXIT.badConfig);
  const parsed = parseCommandLine(line, bot.dispatcher.commands);
  const answer = await bot.dispatcher.command(parsed.name, parsed.options, CONSOLE_CALLER);
  process.stdout.write(json ? JSON.stringify(answer, null, 2) + '\n' : renderText(answer, process.stdout.isTTY ? ANSI : PLAIN) + '\n');
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
  const wanted = bot.config.CONSOLE === 'on' || (bot.config.CONSOLE === 'auto' && (alone || interactive));
  if (!wanted) return null;
  const feed = bot.config.FEED_URL ? ' New episodes from the feed are announced here.' : '';
  const greeting = `${bot.library.podcast.title}: ${bot.library.size} episodes. Try /episode chaos, /recommend istio, /latest or /help. /quit leaves.${feed}`;
  return new ConsoleChat({
    dispatcher: bot.dispatcher,
    input: process.stdin,
    output: process.stdout,
    style: process.stdout.isTTY ? ANSI : PLAIN,
    interactive,
    greeting,
  });
}

function startFeed(bot: Bot, targets: AnnouncementTarget[], chat: ConsoleChat | null): FeedService | null {
  const { config, store, library, log } = bot;
  if (!config.FEED_URL || !store) return null;
  const feedLog = log.child({ feed: config.FEED_URL });
  const style = process.stdout.isTTY ? ANSI : PLAIN;
  const poller = new FeedPoller(
    {
      feedUrl: config.FEED_URL,
      announceOnFirstPoll: config.ANNOUNCE_ON_FIRST_POLL,
      maxBacklog: config.ANNOUNCE_MAX_BACKLOG,
      backCatalogToleranceMs: 2 * 86_400_000,
    },
    {
      store,
      library,
      inCatalog: bot.inCatalog,
      fetch: (source, validators) => fetchFeed(source, validators),
      log: feedLog,
      onAnnounce: (episodes) => {
        for (const ep of episodes) chat?.print(renderText(announcementAnswer(ep, library.podcast.title), style) + '\n');
      },
    },
  );
  const announcer = new Announcer(store, library, feedLog);
  for (const target of targets) announcer.addTarget(target);
  const service = new FeedService({ feedUrl: config.FEED_URL, intervalMs: config.FEED_POLL_INTERVAL }, { store, library, poller, announcer, log: feedLog });
  service.start();
  feedLog.info({ every: `${config.FEED_POLL_INTERVAL / 1000}s` }, 'following the feed');
  return service;
}

async function serve(bot: Bot): Promise<void> {
  const adapters = await platformAdapters(bot);
  const chat = consoleChat(bot, adapters.length === 0);
  const all: ChatAdapter[] = chat ? [...adapters, chat] : [...adapters];
  let feed: FeedService | null = null;
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
  try {
    for (const adapter of all) {
      await adapter.start();
      bot.log.info({ adapter: adapter.name }, 'adapter started');
    }
  } catch (err) {
    bot.log.fatal({ err }, 'an adapter could not start');
    await shutdown('start failed', EXIT.cannotRun);
  }
  feed = startFeed(bot, adapters.map((a) => a.announcementTarget), chat);
  if (adapters.length === 0 && chat) {
    await chat.closed;
    await shutdown('console closed');
  }
}

function redactError(err: unknown, secrets: readonly string[]): unknown {
  return err instanceof Error ? Object.assign(new Error(redact(err.message, secrets)), { stack: redact(err.stack ?? '', secrets) }) : err;
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const args = process.argv.slice(2);
  const config = readConfig(process.env);
  const secrets = secretsOf(config);
  try {
    const asking = args[0] === '--ask';
    const bot = buildBot(config, !asking);
    process.on('unhandledRejection', (err) => bot.log.error({ err: redactError(err, secrets) }, 'unhandled rejection'));
    if (asking) await ask(bot, args.slice(1));
    else await serve(bot);
  } catch (err) {
    fatal(`unexpected error: ${redact((err as Error)?.stack ?? String(err), secrets)}`, EXIT.cannotRun);
  }
}

void main();
