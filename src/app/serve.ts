import { prepareDidYouMean } from '../../commands/did-you-mean.ts';
import type { ChatAdapter } from '../adapters/adapter.ts';
import type { Readiness } from '../server/health.ts';
import type { Bot } from './build-bot.ts';
import { consoleChat } from './console-chat.ts';
import { EXIT } from './exit-codes.ts';
import { followFeeds, type Following } from './follow-feeds.ts';
import { startHttpFront, wantsHttpServer, type HttpFront } from './http-front.ts';
import { platformAdapters } from './platform-adapters.ts';

/** On SIGTERM, answers in progress get this long to finish before the adapters close. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Runs the bot until it is stopped: the HTTP server (when a service: health,
 * metrics, the platforms' endpoints), the platform adapters and the console
 * chat, then the feeds. SIGINT, SIGTERM, or leaving the chat in a terminal
 * shut everything down in order: `/readyz` turns 503 at once, the feeds stop
 * (the announcer lease is given up) while answers in progress finish (at most
 * {@link DRAIN_TIMEOUT_MS}), then the adapters, the server and the store close.
 */
export async function serve(bot: Bot): Promise<void> {
  const adapters = await platformAdapters(bot);
  const chat = consoleChat(bot, adapters.length === 0);
  const all: ChatAdapter[] = chat ? [...adapters, chat] : [...adapters];
  const interactive = chat !== null && process.stdin.isTTY === true;
  const state = { started: false, draining: false };
  let feed: Following | null = null;
  let front: HttpFront | null = null;
  let stopping = false;
  const shutdown = async (reason: string, code: number = EXIT.ok) => {
    if (stopping) return;
    stopping = true;
    state.draining = true;
    bot.log.info({ reason }, 'shutting down');
    const drained = Promise.all(all.map((a) => a.drain?.(DRAIN_TIMEOUT_MS).catch(() => false) ?? true));
    const [feeds] = await Promise.allSettled([feed?.stop(), drained]);
    if (feeds.status === 'rejected') bot.log.error({ err: feeds.reason }, 'the feeds did not stop cleanly');
    if (!(await drained).every(Boolean)) bot.log.warn(`answers still in progress after ${DRAIN_TIMEOUT_MS / 1000} s; stopping anyway`);
    await Promise.allSettled(all.map((a) => a.stop()));
    await front?.close(1_000);
    await bot.store?.close().catch((err: unknown) => bot.log.error({ err }, 'the store did not close cleanly'));
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  if (wantsHttpServer(bot, adapters.length, chat !== null)) {
    try {
      front = await startHttpFront(bot, adapters, { readiness: () => readiness(bot, state), leading: () => feed?.leading() ?? false });
    } catch (err) {
      bot.log.fatal({ err }, (err as Error).message);
      await shutdown('start failed', EXIT.cannotRun);
      return;
    }
  }
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
  const targets = adapters.flatMap((a) => (a.announcementTarget ? [a.announcementTarget] : []));
  feed = await followFeeds(bot, targets, chat, front?.metrics);
  followLeadership(adapters, () => feed?.leading() ?? true, (err) => {
    bot.log.fatal({ err, adapter: 'discord' }, `the discord adapter could not start: ${(err as Error)?.message ?? String(err)}`);
    void shutdown('start failed', EXIT.cannotRun);
  });
  state.started = true;
  // What the first transcript search and "did you mean" need, loaded once the bot answers rather than on the first query.
  setImmediate(() => {
    bot.library.warmUp().catch((err: unknown) => bot.log.error({ err }, 'could not load the transcript vocabulary ahead of the first search'));
    prepareDidYouMean(bot.library).catch((err: unknown) => bot.log.error({ err }, 'could not gather the catalog topics "did you mean" offers'));
  });
  // Leaving the chat in a terminal (/quit, Ctrl-D, Ctrl-C twice) stops the bot; piped input ending stops it only when it is alone.
  if (chat && (adapters.length === 0 || interactive)) {
    await chat.closed;
    bot.logs.detach();
    await shutdown('console closed');
  }
}

/** Adapters held only by the leader (Discord's gateway) connect and disconnect as this process gains and loses the lease. */
function followLeadership(adapters: readonly ChatAdapter[], leading: () => boolean, onFailure: (err: unknown) => void): void {
  for (const adapter of adapters) {
    const follower = adapter as ChatAdapter & { followLeadership?: (leading: () => boolean, onFailure: (err: unknown) => void) => void };
    follower.followLeadership?.(leading, onFailure);
  }
}

/**
 * Ready when started and not draining, and the database answers. The library
 * is loaded before serve() runs. READINESS SEAM: a store that offers `ping()`
 * (the PostgreSQL store: database reachable, schema current) is asked here.
 */
async function readiness(bot: Bot, state: { started: boolean; draining: boolean }): Promise<Readiness> {
  const reasons: string[] = [];
  if (!state.started) reasons.push('starting');
  if (state.draining) reasons.push('draining');
  const store = bot.store as { ping?: () => unknown } | null;
  if (store?.ping) {
    try {
      await store.ping();
    } catch {
      reasons.push('database unavailable');
    }
  }
  return { ready: reasons.length === 0, reasons };
}
