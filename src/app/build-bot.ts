import type { Logger } from 'pino';
import { Dispatcher, type AnswerEvent } from '../../commands/dispatcher.ts';
import { podcastCommand } from '../../commands/podcast.ts';
import { RandomDeck } from '../../commands/random-deck.ts';
import { CommandRegistry } from '../../commands/registry.ts';
import { LogRelay } from '../adapters/console/log-relay.ts';
import { feedUrlsOf, secretsOf, type Config } from '../config.ts';
import type { Catalog } from '../core/model/catalog-schema.ts';
import type { ShowDirectory } from '../core/model/shows.ts';
import type { Library } from '../core/search/library.ts';
import { catalogLibrary, feedLibrary } from '../library/load-library.ts';
import { createLogger } from '../log.ts';
import { StorePodcastService } from '../podcast-admin/podcast-service.ts';
import { lazyFollowService } from './lazy-follows.ts';
import { showKeyOf } from '../core/model/show-key.ts';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { StoreError } from '../store/store-error.ts';
import type { Store } from '../store/store.ts';
import { EXIT, fatal } from './exit-codes.ts';
import { openStore } from './open-store.ts';
import { outageLog } from './outage-log.ts';
import { storeDeckMemory } from './store-deck.ts';
import type { ChangeVersions } from '../store/ports/changes.ts';

/** Everything a running bot is made of, built once at start. */
export interface Bot {
  config: Config;
  log: Logger;
  /** The followed feeds (FEED_URL, comma-separated); empty: answer from the catalog file. */
  feedUrls: string[];
  /** With feeds: the catalog file, an overlay for the show it describes. */
  overlay: Catalog | null;
  library: Library;
  shows: ShowDirectory;
  store: Store | null;
  /** The store's change versions read before the library was loaded from it (what the library holds); null without a store. */
  loadedVersions: ChangeVersions | null;
  dispatcher: Dispatcher;
  /** Where log lines go: standard error, or above the console chat's prompt once it owns the terminal. */
  logs: LogRelay;
  /** Told of every answer the dispatcher gives (the metrics add theirs when the HTTP server runs). */
  answerObservers: Array<(event: AnswerEvent) => void>;
  /** Called when a follow or unfollow from chat changed the followed feeds (the feeds read the list again at once; set once they run). */
  followsChanged: { notify: () => void };
}

/**
 * The bot's store: it keeps followed feeds, subscriptions and the delivery ledger, so every running bot
 * has one (the console chat too: its operator may follow a podcast from it); `npm run ask` has none.
 */
async function botStore(config: Config, log: Logger): Promise<Store> {
  try {
    const onIdleError = (err: Error) => log.warn({ error: err.message }, 'a PostgreSQL connection was lost; the next call connects again');
    const store = await openStore({ path: config.DATABASE_PATH, databaseUrl: config.DATABASE_URL }, onIdleError);
    if (store instanceof PostgresStore) log.info({ database: store.url.where, engine: 'postgresql' }, 'database ready');
    else log.info({ database: config.DATABASE_PATH, engine: 'sqlite' }, 'database ready');
    return store;
  } catch (err) {
    // PostgreSQL: the URL was checked with the configuration (exit 2); a server that stayed out of reach is no setting to fix.
    if (config.DATABASE_URL) fatal(`DATABASE_URL: ${(err as Error).message}`, EXIT.cannotRun);
    if (err instanceof StoreError && err.kind === 'location') {
      fatal(`DATABASE_PATH: ${err.message}\nSet DATABASE_PATH to a file in a directory episode-bot can create and write.`, EXIT.badConfig);
    }
    fatal(`DATABASE_PATH: ${(err as Error).message}`, EXIT.cannotRun);
  }
}

/** LOG_LEVEL when set; otherwise `warn` for a one-shot answer or a console chat in a terminal (the person reads the chat, not the log). */
function logLevel(config: Config, quiet: boolean): string {
  return quiet && process.env.LOG_LEVEL === undefined ? 'warn' : config.LOG_LEVEL;
}

/**
 * Builds the bot: logger, store (when following feeds or serving a platform),
 * the library with its shows, and the dispatcher every adapter calls.
 * Exits naming the setting when the store or the catalog cannot be used.
 */
export async function buildBot(config: Config, withStore: boolean, quietLogs: boolean): Promise<Bot> {
  const logs = new LogRelay(process.stderr);
  const log = createLogger({ level: logLevel(config, quietLogs), format: config.LOG_FORMAT, secrets: secretsOf(config), destination: logs });
  const started = performance.now();
  const feedUrls = feedUrlsOf(config);
  const store = withStore || feedUrls.length > 0 ? await botStore(config, log) : null;
  const loadedVersions = store ? await store.changes.versions() : null;
  const followed = store ? await followedUrls(feedUrls, store) : [];
  const built = followed.length > 0 && store ? await feedLibrary(config.CATALOG_PATH, followed, store, log) : await catalogLibrary({ catalogPath: config.CATALOG_PATH, indexCachePath: config.INDEX_CACHE_PATH }, store, log, openStore);
  if (!built.ok) fatal(`cannot load the catalog:\n${built.error}`, EXIT.cannotRun);
  const { library, shows, overlay } = built.value;
  log.debug({ episodes: library.size, shows: shows.all().length, ms: Math.round(performance.now() - started) }, 'catalog ready');
  const followsChanged = { notify: () => {} };
  const follows = store ? lazyFollowService(config, store, feedUrls, shows, () => followsChanged.notify()) : null;
  const extra = store ? [podcastCommand(new StorePodcastService(store, library, feedUrls, undefined, shows), follows)] : [];
  const registry = new CommandRegistry(() => shows.name(), extra);
  const answerObservers: Bot['answerObservers'] = [];
  const dispatcher = new Dispatcher({
    registry,
    library,
    shows,
    ...(store ? { deck: new RandomDeck(storeDeckMemory(store)) } : {}),
    onError: (err, context) => log.error({ err, ...context }, 'command failed'),
    isUnavailable: (err) => err instanceof StoreError,
    onUnavailable: outageLog(log),
    observe: (event) => answerObservers.forEach((observe) => observe(event)),
  });
  return { config, log, feedUrls, overlay, library, shows, store, loadedVersions, dispatcher, logs, answerObservers, followsChanged };
}

/** The operator's feeds, then those followed from chat (stored), without repeats. */
async function followedUrls(feedUrls: readonly string[], store: Store): Promise<string[]> {
  const keys = new Set(feedUrls.map(showKeyOf));
  return [...feedUrls, ...(await store.followedFeeds.list()).filter((f) => !keys.has(f.showKey)).map((f) => f.feedUrl)];
}
