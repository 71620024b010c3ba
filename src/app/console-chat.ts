import { ConsoleChat } from '../adapters/console/console-chat.ts';
import { ANSI, PLAIN } from '../adapters/console/render-text.ts';
import type { Bot } from './build-bot.ts';
import { catalogExamples, firstTries } from '../../commands/catalog-examples.ts';
import { consoleGreeting } from './console-greeting.ts';
import { consoleWanted } from './console-mode.ts';

/** The console chat, when wanted (see {@link consoleWanted}); `alone`: no platform adapter runs. */
export function consoleChat(bot: Bot, alone: boolean): ConsoleChat | null {
  if (!consoleWanted(bot.config, alone)) return null;
  const tries = firstTries(catalogExamples(bot.library));
  const greeting = consoleGreeting({ feeds: bot.feedUrls.length, showName: bot.shows.name(), episodes: bot.library.size, logLevel: String(bot.log.level), tries });
  return new ConsoleChat({
    dispatcher: bot.dispatcher,
    input: process.stdin,
    output: process.stdout,
    style: process.stdout.isTTY ? ANSI : PLAIN,
    interactive: process.stdin.isTTY === true,
    greeting,
  });
}
