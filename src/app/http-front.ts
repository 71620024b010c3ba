import type { ChatAdapter } from '../adapters/adapter.ts';
import { httpPortOf } from '../config.ts';
import type { Readiness } from '../server/health.ts';
import type { BotMetrics } from '../server/metrics.ts';
import type { Route } from '../server/route.ts';
import type { Bot } from './build-bot.ts';

/** The process's HTTP server with its metrics, once listening. */
export interface HttpFront {
  readonly metrics: BotMetrics;
  readonly port: number | null;
  close(timeoutMs?: number): Promise<void>;
}

/** What the health and metrics endpoints read, supplied by the wiring (serve.ts). */
export interface FrontSources {
  /** Readiness: started, not draining, dependencies answering. */
  readiness(): Promise<Readiness>;
  /** Whether this process leads (holds the announcer lease). */
  leading(): boolean;
}

/**
 * Starts the one HTTP server of the process on `PORT` (else `SLACK_PORT`,
 * else 3000): the platforms' endpoints (Slack's `/slack/events` in HTTP
 * mode, Discord's `/discord/interactions`), `/healthz`, `/readyz` and
 * `/metrics`. The dispatcher's answers are counted from here on. Rejects
 * with an error naming `PORT` when the port cannot be had. prom-client is
 * loaded only here, so the console chat and `npm run ask` never pay for it.
 */
export async function startHttpFront(bot: Bot, adapters: readonly ChatAdapter[], sources: FrontSources): Promise<HttpFront> {
  const [{ createHttpServer }, { healthRoutes }, { createBotMetrics, metricsRoute }] = await Promise.all([
    import('../server/http-server.ts'),
    import('../server/health.ts'),
    import('../server/metrics.ts'),
  ]);
  const metrics = createBotMetrics({ leading: sources.leading, transcriptQueue: () => transcriptQueue(bot) });
  bot.answerObservers.push((event) => metrics.answered(event));
  const endpoints: Route[] = adapters.flatMap((a) =>
    a.httpEndpoint ? [{ method: 'POST' as const, path: a.httpEndpoint.path, accepts: a.httpEndpoint.accepts, handle: a.httpEndpoint.handle }] : [],
  );
  const routes = [...endpoints, ...healthRoutes(sources.readiness), metricsRoute(metrics.registry)];
  const server = createHttpServer({ routes, log: bot.log.child({ part: 'http' }) });
  const port = httpPortOf(bot.config);
  try {
    await server.listen(port);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'the port is already in use' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new Error(`PORT: cannot listen on port ${port}: ${why}${code ? ` (${code})` : ''}; set PORT to a free port`, { cause: err });
  }
  bot.log.info({ port: server.port, paths: routes.map((r) => r.path) }, 'HTTP server listening');
  return { metrics, get port() { return server.port; }, close: (timeoutMs) => server.close(timeoutMs) };
}

/** Transcripts waiting or to be retried, when feeds are followed (FEED_URL or from chat). */
async function transcriptQueue(bot: Bot): Promise<number | null> {
  if (!bot.store || (bot.feedUrls.length === 0 && (await bot.store.followedFeeds.list()).length === 0)) return null;
  const counts = await bot.store.transcriptState.counts();
  return counts.waiting + counts.retrying;
}

/** Whether the process runs the HTTP server: as a service (a chat platform, or feeds without the console chat); never for the console chat alone. */
export function wantsHttpServer(bot: Bot, platforms: number, consoleRuns: boolean): boolean {
  return platforms > 0 || (bot.feedUrls.length > 0 && !consoleRuns);
}
