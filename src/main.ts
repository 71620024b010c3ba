import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { Dispatcher } from '../commands/dispatcher.ts';
import { parseCommandLine } from '../commands/parse-command-line.ts';
import { CommandRegistry } from '../commands/registry.ts';
import type { ChatAdapter } from './adapters/adapter.ts';
import { ConsoleChat } from './adapters/console/console-chat.ts';
import { ANSI, PLAIN, renderText } from './adapters/console/render-text.ts';
import { loadCatalogFile } from './catalog-file.ts';
import { loadConfig, secretsOf, type Config } from './config.ts';
import { Library } from './core/library.ts';
import { createLogger, redact } from './log.ts';

/** Exit codes: 0 answered or shut down cleanly; 1 the bot cannot run; 2 bad configuration or usage. */
const EXIT = { ok: 0, cannotRun: 1, badConfig: 2 } as const;

interface Bot {
  config: Config;
  log: Logger;
  library: Library;
  dispatcher: Dispatcher;
}

function fatal(message: string, code: number): never {
  process.stderr.write(`episode-bot: ${message}\n`);
  process.exit(code);
}

function buildBot(env: NodeJS.ProcessEnv): Bot {
  const loaded = loadConfig(env);
  if (!loaded.ok) fatal(`configuration error:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}\nSee .env.example for every setting.`, EXIT.badConfig);
  const config = loaded.config;
  const log = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT, secrets: secretsOf(config) });
  const catalog = loadCatalogFile(config.CATALOG_PATH);
  if (!catalog.ok) fatal(`cannot load the catalog:\n${catalog.error}`, EXIT.cannotRun);
  const started = performance.now();
  const library = new Library(catalog.value);
  log.debug({ episodes: library.size, ms: Math.round(performance.now() - started) }, 'catalog indexed');
  const registry = new CommandRegistry(() => library.podcast.title);
  const dispatcher = new Dispatcher({
    registry,
    library,
    onError: (err, context) => log.error({ err, ...context }, 'command failed'),
  });
  return { config, log, library, dispatcher };
}

async function ask(bot: Bot, args: string[]): Promise<void> {
  const json = args.includes('--json');
  const line = args.filter((a) => a !== '--json').join(' ').trim();
  if (line === '') fatal('usage: npm run ask -- "/episode istio" [--json]', EXIT.badConfig);
  const parsed = parseCommandLine(line, bot.dispatcher.commands);
  const answer = await bot.dispatcher.command(parsed.name, parsed.options, {
    platform: 'console', userId: 'console', channelId: 'console', serverId: null, canManage: true,
  });
  process.stdout.write(json ? JSON.stringify(answer, null, 2) + '\n' : renderText(answer, process.stdout.isTTY ? ANSI : PLAIN) + '\n');
}

function platformAdapters(_bot: Bot): ChatAdapter[] {
  return [];
}

function consoleChat(bot: Bot, alone: boolean): ConsoleChat | null {
  const interactive = process.stdin.isTTY === true;
  const wanted = bot.config.CONSOLE === 'on' || (bot.config.CONSOLE === 'auto' && (alone || interactive));
  if (!wanted) return null;
  const greeting = `${bot.library.podcast.title}: ${bot.library.size} episodes. Try /episode chaos, /recommend istio, /latest or /help. /quit leaves.`;
  return new ConsoleChat({
    dispatcher: bot.dispatcher,
    input: process.stdin,
    output: process.stdout,
    style: process.stdout.isTTY ? ANSI : PLAIN,
    interactive,
    greeting,
  });
}

async function serve(bot: Bot): Promise<void> {
  const adapters = platformAdapters(bot);
  const chat = consoleChat(bot, adapters.length === 0);
  const all: ChatAdapter[] = chat ? [...adapters, chat] : adapters;
  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    bot.log.info({ reason }, 'shutting down');
    await Promise.allSettled(all.map((a) => a.stop()));
    process.exit(EXIT.ok);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  for (const adapter of all) {
    await adapter.start();
    bot.log.info({ adapter: adapter.name }, 'adapter started');
  }
  if (adapters.length === 0 && chat) {
    await chat.closed;
    await shutdown('console closed');
  }
}

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const bot = buildBot(process.env);
  const args = process.argv.slice(2);
  const secrets = secretsOf(bot.config);
  process.on('unhandledRejection', (err) => bot.log.error({ err: redactError(err, secrets) }, 'unhandled rejection'));
  if (args[0] === '--ask') await ask(bot, args.slice(1));
  else await serve(bot);
}

function redactError(err: unknown, secrets: readonly string[]): unknown {
  return err instanceof Error ? Object.assign(new Error(redact(err.message, secrets)), { stack: redact(err.stack ?? '', secrets) }) : err;
}

main().catch((err: unknown) => fatal(`unexpected error: ${(err as Error)?.stack ?? String(err)}`, EXIT.cannotRun));
