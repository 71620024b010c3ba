import { App, webApi } from '@slack/bolt';
import type { AddressInfo, Server } from 'node:net';
import type { Logger } from 'pino';
import type { AnnouncementTarget } from '../../announcing/announcement-target.ts';
import type { ChatAdapter } from '../adapter.ts';
import { ANSWER_BUDGET_MS } from '../answer-budget.ts';
import { registerActionListener } from './action-listener.ts';
import { slackAnnouncementTarget } from './announcement-target.ts';
import { boltLevelOf, createBoltLogger } from './bolt-logger.ts';
import { registerCommandListener } from './command-listener.ts';
import { createManageCheck } from './invocation.ts';
import type { SlackDispatcher } from './reply.ts';
import { checkSlackConnection, socketModeStartError, type SlackIdentity, START_RETRIES } from './start-check.ts';

/** How to connect the Slack adapter. */
export interface SlackAdapterOptions {
  dispatcher: SlackDispatcher;
  log: Logger;
  /** Bot token, `xoxb-…`. */
  botToken: string;
  /** App-level token, `xapp-…`: when set, Socket Mode (no public URL needed). */
  appToken?: string;
  /** Required in HTTP mode: Bolt verifies every request's signature with it. */
  signingSecret?: string;
  /** HTTP mode: the port to listen on (0: any free port). */
  port: number;
  /** HTTP mode: the interface to listen on; all interfaces when unset. */
  host?: string;
  /** Web API base URL (default `https://slack.com/api/`); tests point it at a double. */
  apiUrl?: string;
  /** Episode results privately, with "Share in channel", rather than in the channel; see `commandVisibility`. */
  ephemeral: boolean;
  /** Slack user ids allowed to run manager-only commands. */
  adminUserIds: readonly string[];
  /**
   * With `botUserId`: the bot's identity, known already, so `start()` skips its
   * `auth.test` check (tests, the bench). Otherwise `start()` asks `auth.test`.
   */
  botId?: string;
  botUserId?: string;
  /** Retries of the start check (`auth.test`); default {@link START_RETRIES}: 4 attempts in about 3.5 s. */
  startRetries?: webApi.RetryOptions;
  /** Web API retries (`@slack/web-api` defaults when unset). */
  retryConfig?: webApi.RetryOptions;
  /**
   * A slash command's answer ready within this many milliseconds is sent in the
   * acknowledgement; a slower one through `response_url`. Default {@link ANSWER_BUDGET_MS} (1.5 s, shared with Discord).
   */
  answerBudgetMs?: number;
  /** The fetch used for the Web API and response URLs (tests record every outbound URL). */
  fetch?: typeof fetch;
}

/** The Slack adapter: a Bolt app wired to the dispatcher. */
export interface SlackAdapter extends ChatAdapter {
  readonly mode: 'socket' | 'http';
  /**
   * HTTP mode, once started: the events URL, e.g. `http://127.0.0.1:3000/slack/events` (127.0.0.1 standing
   * for "all interfaces" when no `host` was given); null otherwise.
   */
  readonly url: string | null;
  /** HTTP mode, once started: the bound port; null otherwise. */
  readonly port: number | null;
  /** Posts new-episode announcements to channels with `chat.postMessage`. */
  readonly announcementTarget: AnnouncementTarget;
}

/** Bolt's extended error handler (the last overload of `App#error`), which gets the request body. */
type ExtendedErrorHandler = Parameters<App['error']>[0];

/** Bolt's default HTTP endpoint for commands and interactivity. */
export const EVENTS_PATH = '/slack/events';

/**
 * Creates the Slack adapter. Socket Mode when `appToken` is set; HTTP mode
 * otherwise, which needs `signingSecret`. Throws when neither is given.
 * The Bolt app is built by `start()`, once the bot's identity is known.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const mode = options.appToken ? 'socket' : 'http';
  if (mode === 'http' && !options.signingSecret) {
    throw new Error('Slack HTTP mode needs a signing secret (SLACK_SIGNING_SECRET), or set an app token (SLACK_APP_TOKEN) for Socket Mode');
  }
  return new BoltSlackAdapter(mode, options);
}

/** The Bolt app with every listener, for a bot whose identity is known (so Bolt never calls `auth.test` itself). */
function createApp(options: SlackAdapterOptions, mode: 'socket' | 'http', identity: SlackIdentity, client: webApi.WebClient): App {
  const logger = createBoltLogger(options.log);
  const app = new App({
    token: options.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    tokenVerificationEnabled: false,
    logger,
    logLevel: logger.getLevel(),
    extendedErrorHandler: true,
    ...(mode === 'socket'
      ? { socketMode: true, appToken: options.appToken }
      : { signingSecret: options.signingSecret, port: options.port, processBeforeResponse: false }),
    clientOptions: clientOptions(options),
  });
  const deps = { dispatcher: options.dispatcher, log: options.log, ephemeral: options.ephemeral };
  const manage = createManageCheck(options.adminUserIds, client, options.log);
  registerCommandListener(app, { ...deps, manage, answerBudgetMs: options.answerBudgetMs ?? ANSWER_BUDGET_MS });
  registerActionListener(app, { ...deps, manage });
  const onError: ExtendedErrorHandler = async ({ error, body }) => {
    options.log.error({ err: error, ...bodyFields(body) }, 'Slack app error');
  };
  app.error(onError);
  return app;
}

function clientOptions(options: SlackAdapterOptions): webApi.WebClientOptions {
  return {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    ...(options.retryConfig ? { retryConfig: options.retryConfig } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

class BoltSlackAdapter implements SlackAdapter {
  readonly name = 'slack';
  readonly announcementTarget: AnnouncementTarget;
  /** The Web API client for announcements and admin look-ups (Bolt keeps its own for listeners). */
  private readonly client: webApi.WebClient;
  private app: App | null = null;
  private server: Server | null = null;
  private started = false;

  constructor(
    readonly mode: 'socket' | 'http',
    private readonly options: SlackAdapterOptions,
  ) {
    this.client = new webApi.WebClient(options.botToken, { logger: createBoltLogger(options.log), ...clientOptions(options) });
    this.announcementTarget = slackAnnouncementTarget(this.client);
  }

  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  get url(): string | null {
    const port = this.port;
    if (port === null) return null;
    const host = this.options.host ?? '127.0.0.1';
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}${EVENTS_PATH}`;
  }

  /**
   * Checks the Web API and the bot token (bounded retries, unless the
   * identity was given), then starts Bolt. Rejects with an error naming the
   * setting or the network problem when Slack cannot be reached.
   */
  async start(): Promise<void> {
    if (this.started) return;
    const identity = await this.identity();
    const app = createApp(this.options, this.mode, identity, this.client);
    if (this.mode === 'socket') await app.start().catch((err: unknown) => Promise.reject(socketModeStartError(err)));
    else this.server = (await app.start({ port: this.options.port, host: this.options.host })) as Server;
    this.app = app;
    this.started = true;
    this.options.log.info({ mode: this.mode, url: this.url ?? undefined }, 'Slack adapter listening');
  }

  private async identity(): Promise<SlackIdentity> {
    const { botId, botUserId, startRetries } = this.options;
    if (botId && botUserId) return { botId, botUserId };
    return checkSlackConnection({ ...this.options, logger: createBoltLogger(this.options.log), retries: startRetries });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.app?.stop();
    this.app = null;
    this.server = null;
  }
}

function bodyFields(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, any>;
  return {
    command: b['command'],
    action: b['actions']?.[0]?.action_id,
    user: b['user_id'] ?? b['user']?.id,
    channel: b['channel_id'] ?? b['channel']?.id,
    team: b['team_id'] ?? b['team']?.id,
  };
}
