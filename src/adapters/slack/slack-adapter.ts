import { slackChannelAccess } from './channel-access.ts';
import { App, HTTPReceiver, webApi, type BufferedIncomingMessage } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AnnouncementTarget } from '../../announcing/announcement-target.ts';
import type { ChatAdapter, HttpEndpoint } from '../adapter.ts';
import { ANSWER_BUDGET_MS } from '../answer-budget.ts';
import { InFlight } from '../in-flight.ts';
import { registerActionListener } from './action-listener.ts';
import { slackAnnouncementTarget, type SlackTargetOptions } from './announcement-target.ts';
import { createBoltLogger } from './bolt-logger.ts';
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
  /** How announcements are paced (default: Slack's limits, e.g. one `conversations.history` call a minute); tests shorten it. */
  announcementPacing?: SlackTargetOptions;
}

/** The Slack adapter: a Bolt app wired to the dispatcher. */
export interface SlackAdapter extends ChatAdapter {
  readonly mode: 'socket' | 'http';
  /**
   * HTTP mode: POSTs to {@link EVENTS_PATH} (slash commands, buttons, events), for the process's HTTP server
   * to mount. Null in Socket Mode.
   */
  readonly httpEndpoint: HttpEndpoint | null;
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

/**
 * The Bolt app with every listener, for a bot whose identity is known (so Bolt never calls `auth.test` itself).
 * HTTP mode gets an `HTTPReceiver` that never listens itself: its request listener is mounted on the process's server.
 * Every listener's work is tracked in `inFlight`, so a shutdown can let answers finish.
 */
function createApp(options: SlackAdapterOptions, receiver: HTTPReceiver | null, identity: SlackIdentity, client: webApi.WebClient, inFlight: InFlight): App {
  const logger = createBoltLogger(options.log);
  const app = new App({
    token: options.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    tokenVerificationEnabled: false,
    logger,
    logLevel: logger.getLevel(),
    extendedErrorHandler: true,
    ...(receiver ? { receiver } : { socketMode: true, appToken: options.appToken }),
    clientOptions: clientOptions(options),
  });
  app.use(({ next }) => inFlight.track(next()));
  const deps = { dispatcher: options.dispatcher, log: options.log, ephemeral: options.ephemeral };
  const manage = createManageCheck(options.adminUserIds, client, options.log);
  registerCommandListener(app, { ...deps, manage, channels: slackChannelAccess(client), answerBudgetMs: options.answerBudgetMs ?? ANSWER_BUDGET_MS });
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

/** Slash commands and interactivity come form-encoded, Events API callbacks as JSON. */
const SLACK_MEDIA_TYPES = ['application/x-www-form-urlencoded', 'application/json'] as const;

/** Largest request body Bolt reads (the server's own limit comes first). */
const BODY_LIMIT = 1024 * 1024;

class BoltSlackAdapter implements SlackAdapter {
  readonly name = 'slack';
  readonly announcementTarget: AnnouncementTarget;
  readonly httpEndpoint: HttpEndpoint | null;
  /** The Web API client for announcements and admin look-ups (Bolt keeps its own for listeners). */
  private readonly client: webApi.WebClient;
  private readonly inFlight = new InFlight();
  private app: App | null = null;
  private receiver: HTTPReceiver | null = null;
  private started = false;

  constructor(
    readonly mode: 'socket' | 'http',
    private readonly options: SlackAdapterOptions,
  ) {
    this.client = new webApi.WebClient(options.botToken, { logger: createBoltLogger(options.log), ...clientOptions(options) });
    this.announcementTarget = slackAnnouncementTarget(this.client, options.announcementPacing);
    this.httpEndpoint = mode === 'http' ? { path: EVENTS_PATH, accepts: SLACK_MEDIA_TYPES, handle: (req, res, body) => this.onRequest(req, res, body) } : null;
  }

  /**
   * Checks the Web API and the bot token (bounded retries, unless the
   * identity was given), then starts Bolt: Socket Mode connects; HTTP mode
   * starts answering requests handed to `handleEvents`. Rejects with an
   * error naming the setting or the network problem when Slack cannot be reached.
   */
  async start(): Promise<void> {
    if (this.started) return;
    const identity = await this.identity();
    const receiver = this.mode === 'http' ? this.httpReceiver() : null;
    const app = createApp(this.options, receiver, identity, this.client, this.inFlight);
    if (this.mode === 'socket') await app.start().catch((err: unknown) => Promise.reject(socketModeStartError(err)));
    this.app = app;
    this.receiver = receiver;
    this.started = true;
    this.options.log.info({ mode: this.mode, ...(receiver ? { path: EVENTS_PATH } : {}) }, 'Slack adapter listening');
  }

  private httpReceiver(): HTTPReceiver {
    const logger = createBoltLogger(this.options.log);
    return new HTTPReceiver({
      signingSecret: this.options.signingSecret!,
      endpoints: EVENTS_PATH,
      logger,
      processBeforeResponse: false,
      bodyLimit: BODY_LIMIT,
    });
  }

  // Bolt reads a body already buffered in `rawBody` (BufferedIncomingMessage) instead of the stream, then verifies its signature.
  private onRequest(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    const receiver = this.receiver;
    if (!receiver) {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"not ready"}');
      return;
    }
    (req as BufferedIncomingMessage).rawBody = body;
    receiver.requestListener(req, res);
  }

  drain(timeoutMs: number): Promise<boolean> {
    return this.inFlight.drain(timeoutMs);
  }

  private async identity(): Promise<SlackIdentity> {
    const { botId, botUserId, startRetries } = this.options;
    if (botId && botUserId) return { botId, botUserId };
    return checkSlackConnection({ ...this.options, logger: createBoltLogger(this.options.log), retries: startRetries });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.mode === 'socket') await this.app?.stop();
    this.app = null;
    this.receiver = null;
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
