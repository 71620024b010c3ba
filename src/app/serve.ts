import { prepareDidYouMean } from '../../commands/did-you-mean.ts';
import type { ChatAdapter } from '../adapters/adapter.ts';
import type { Bot } from './build-bot.ts';
import { consoleChat } from './console-chat.ts';
import { EXIT } from './exit-codes.ts';
import { followFeeds, type Following } from './follow-feeds.ts';
import { platformAdapters } from './platform-adapters.ts';

/**
 * Runs the bot until it is stopped: starts the platform adapters and the
 * console chat, then follows the feeds; SIGINT, SIGTERM, or leaving the chat
 * in a terminal shut everything down in order (feeds, adapters, store).
 */
export async function serve(bot: Bot): Promise<void> {
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
    await bot.store?.close().catch((err: unknown) => bot.log.error({ err }, 'the store did not close cleanly'));
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
  feed = await followFeeds(bot, adapters.map((a) => a.announcementTarget), chat);
  // What the first transcript search and "did you mean" need, loaded once the bot answers rather than on the first query.
  setImmediate(() => {
    bot.library.warmUp().catch((err: unknown) => bot.log.error({ err }, 'could not load the transcript vocabulary ahead of the first search'));
    prepareDidYouMean(bot.library);
  });
  // Leaving the chat in a terminal (/quit, Ctrl-D, Ctrl-C twice) stops the bot; piped input ending stops it only when it is alone.
  if (chat && (adapters.length === 0 || interactive)) {
    await chat.closed;
    bot.logs.detach();
    await shutdown('console closed');
  }
}
