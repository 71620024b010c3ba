import { discordChannelAccess } from './channel-access.ts';
import { botUser } from './bot-user.ts';
import { REST, type APIInteraction } from 'discord.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AnnouncementTarget } from '../../announcing/announcement-target.ts';
import type { ChatAdapter, HttpEndpoint } from '../adapter.ts';
import { ANSWER_BUDGET_MS } from '../answer-budget.ts';
import { InFlight } from '../in-flight.ts';
import { discordAnnouncementTarget } from './announcement-target.ts';
import type { DiscordDispatcher } from './handler-deps.ts';
import { processInteraction, type InteractionDeps } from './process-interaction.ts';
import type { InteractionCallback } from './responder.ts';
import { discordSignatureVerifier } from './verify-signature.ts';

/** Where Discord posts interactions (the Interactions Endpoint URL's path). */
export const INTERACTIONS_PATH = '/discord/interactions';

/** How to run the Discord adapter without the gateway. */
export interface DiscordHttpAdapterOptions {
  dispatcher: DiscordDispatcher;
  log: Logger;
  /** The application's public key (64 hex characters): every request's signature is checked with it. */
  publicKey: string;
  applicationId: string;
  /** Bot token: needed only to post announcements (and to register commands); never opens a gateway connection. */
  token?: string;
  /** REST API base without version (default `https://discord.com/api`). */
  apiUrl?: string;
  /** Answer episode results privately, with a "Post to channel" button. */
  ephemeral: boolean;
  /** Defer when an answer takes longer than this (default {@link ANSWER_BUDGET_MS}; Discord wants the HTTP response within 3 s). */
  deferAfterMs?: number;
  /** The clock for the signature's timestamp (tests). */
  now?: () => number;
}

/** The Discord adapter in HTTP mode: Discord posts each interaction to {@link INTERACTIONS_PATH}. */
export interface DiscordHttpAdapter extends ChatAdapter {
  readonly mode: 'http';
  /** Posts announcements over REST; null without a bot token. */
  readonly announcementTarget: AnnouncementTarget | null;
  /** POSTs to {@link INTERACTIONS_PATH}, for the process's HTTP server to mount. */
  readonly httpEndpoint: HttpEndpoint;
}

/**
 * Creates the Discord adapter for the HTTP interactions endpoint: any process
 * behind a balancer can answer any interaction, as no gateway session is
 * held. A request whose Ed25519 signature is missing, wrong or older than 5
 * minutes gets 401 and is never dispatched; a PING gets PONG; commands,
 * autocomplete and buttons take {@link processInteraction}, the gateway mode's
 * path: the answer rides in the HTTP response when ready within the answer
 * budget, else the response defers and the answer follows over REST.
 */
export function createDiscordHttpAdapter(options: DiscordHttpAdapterOptions): DiscordHttpAdapter {
  return new HttpInteractionsAdapter(options);
}

class HttpInteractionsAdapter implements DiscordHttpAdapter {
  readonly name = 'discord';
  readonly mode = 'http';
  readonly announcementTarget: AnnouncementTarget | null;
  private readonly verify: ReturnType<typeof discordSignatureVerifier>;
  private readonly deps: InteractionDeps;
  private readonly inFlight = new InFlight();
  private started = false;
  readonly httpEndpoint: HttpEndpoint = { path: INTERACTIONS_PATH, accepts: ['application/json'], handle: (req, res, body) => this.handle(req, res, body) };

  constructor(private readonly options: DiscordHttpAdapterOptions) {
    this.verify = discordSignatureVerifier(options.publicKey, options.now);
    const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {});
    if (options.token) rest.setToken(options.token);
    this.announcementTarget = options.token ? discordAnnouncementTarget(rest) : null;
    this.deps = {
      dispatcher: options.dispatcher,
      log: options.log,
      ephemeral: options.ephemeral,
      deferAfterMs: options.deferAfterMs ?? ANSWER_BUDGET_MS,
      rest,
      ...(options.token ? { channels: discordChannelAccess(rest, botUser(rest)) } : {}),
    };
  }

  async start(): Promise<void> {
    this.started = true;
    if (!this.options.token) this.options.log.warn('DISCORD_TOKEN is not set: Discord commands are answered, but no announcement is posted to Discord');
    this.options.log.info({ path: INTERACTIONS_PATH }, 'Discord interactions endpoint ready (no gateway connection)');
  }

  private async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const check = this.verify(header(req, 'x-signature-ed25519'), header(req, 'x-signature-timestamp'), body);
    if (!check.ok) {
      this.options.log.debug({ reason: check.reason }, 'refused a Discord request with a bad signature');
      return send(res, 401, { error: 'invalid request signature' });
    }
    const raw = parseInteraction(body);
    if (!raw) return send(res, 400, { error: 'the body is not a Discord interaction' });
    if (!this.started) return send(res, 503, { error: 'not ready' });
    const handled = await this.inFlight.track(processInteraction(raw, httpCallback(res), this.deps));
    if (!handled && !res.headersSent) send(res, 400, { error: 'unsupported interaction type' });
  }

  drain(timeoutMs: number): Promise<boolean> {
    return this.inFlight.drain(timeoutMs);
  }

  async stop(): Promise<void> {
    this.started = false;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The body as an interaction: a JSON object with a numeric type, an id, a token and an application id; else null. */
function parseInteraction(body: Buffer): APIInteraction | null {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const ok = typeof v['type'] === 'number' && typeof v['id'] === 'string' && typeof v['token'] === 'string' && typeof v['application_id'] === 'string';
  return ok ? (value as APIInteraction) : null;
}

/** The interaction's first response written as the HTTP response to Discord's request. */
function httpCallback(res: ServerResponse): InteractionCallback {
  return async (body) => {
    if (res.headersSent) throw new Error('the interaction has already been answered');
    send(res, 200, body);
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}
