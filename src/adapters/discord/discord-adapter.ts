import { discordChannelAccess } from './channel-access.ts';
import { botUser } from './bot-user.ts';
import { Client, Events, GatewayDispatchEvents, GatewayIntentBits, Partials, Routes, type APIInteraction, type REST } from 'discord.js';
import type { Logger } from 'pino';
import type { AnnouncementTarget } from '../../announcing/announcement-target.ts';
import type { ChatAdapter } from '../adapter.ts';
import { ANSWER_BUDGET_MS } from '../answer-budget.ts';
import { InFlight } from '../in-flight.ts';
import { discordAnnouncementTarget } from './announcement-target.ts';
import type { DiscordDispatcher } from './handler-deps.ts';
import { processInteraction, type InteractionDeps } from './process-interaction.ts';
import type { InteractionCallback } from './responder.ts';
import { discordStartError } from './start-failure.ts';

export type { DiscordDispatcher } from './handler-deps.ts';

/** How to connect the Discord adapter. */
export interface DiscordAdapterOptions {
  dispatcher: DiscordDispatcher;
  log: Logger;
  /** Bot token (Developer Portal > Bot). */
  token: string;
  /** The application the token belongs to; a mismatch is logged at start. */
  applicationId: string;
  /** REST API base without version (default `https://discord.com/api`); the gateway URL comes from its `/gateway/bot`. */
  apiUrl?: string;
  /** Episode results privately, with a "Post to channel" button; see `commandVisibility`. */
  ephemeral: boolean;
  /** Gateway shards this process runs (all of them, 0…n-1); default 1. */
  shardCount?: number;
  /** Defer the reply when an answer takes longer than this (default {@link ANSWER_BUDGET_MS}, 1.5 s; Discord allows 3 s). */
  deferAfterMs?: number;
}

/** The Discord adapter in gateway mode: a discord.js client wired to the dispatcher. */
export interface DiscordAdapter extends ChatAdapter {
  readonly mode: 'gateway';
  /** The underlying client (for tests and announcements); logged in once `start()` resolves. */
  readonly client: Client;
  /** Posts new-episode announcements to subscribed channels (once started). */
  readonly announcementTarget: AnnouncementTarget;
}

/**
 * Creates the Discord adapter in gateway mode: a WebSocket session with the
 * Guilds intent only. Interactions are taken raw from the gateway's
 * INTERACTION_CREATE dispatch and handled by {@link processInteraction}, the
 * same path the HTTP interactions endpoint uses; the first response goes
 * back as a REST interaction callback. It never registers commands (see
 * `npm run register:discord`).
 *
 * One process per bot: Discord allows one session per shard. With several
 * processes, use the HTTP interactions endpoint (`DISCORD_PUBLIC_KEY`), or
 * let only the leader hold the gateway: `start()` connects and `stop()`
 * disconnects, so leadership can call them as it is gained and lost.
 */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const shardCount = options.shardCount ?? 1;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    rest: options.apiUrl ? { api: options.apiUrl } : {},
    shards: Array.from({ length: shardCount }, (_, i) => i),
    shardCount,
  });
  const deps: InteractionDeps = {
    dispatcher: options.dispatcher,
    log: options.log,
    ephemeral: options.ephemeral,
    deferAfterMs: options.deferAfterMs ?? ANSWER_BUDGET_MS,
    rest: client.rest,
    channels: discordChannelAccess(client.rest, botUser(client.rest)),
  };
  const inFlight = new InFlight();
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (raw: APIInteraction) => {
    void inFlight.track(processInteraction(raw, restCallback(client.rest, raw), deps));
  });
  client.on(Events.Error, (err) => options.log.error({ err }, 'Discord client error'));
  client.on(Events.ShardError, (err, shardId) => options.log.error({ err, shardId }, 'Discord gateway error'));
  client.on(Events.Warn, (message) => options.log.warn(message));
  return new DiscordJsAdapter(client, options, inFlight);
}

/** The interaction's first response as a REST call (`POST /interactions/{id}/{token}/callback`, no bot token needed). */
function restCallback(rest: REST, raw: APIInteraction): InteractionCallback {
  return async (body) => {
    await rest.post(Routes.interactionCallback(raw.id, raw.token), { body, auth: false });
  };
}

class DiscordJsAdapter implements DiscordAdapter {
  readonly name = 'discord';
  readonly mode = 'gateway';
  readonly announcementTarget: AnnouncementTarget;

  constructor(
    readonly client: Client,
    private readonly options: DiscordAdapterOptions,
    private readonly inFlight: InFlight,
  ) {
    this.announcementTarget = discordAnnouncementTarget(client.rest);
  }

  /** Logs in (discord.js retries a failed request a few times); rejects with an error naming the setting or the network problem. */
  async start(): Promise<void> {
    if (this.client.isReady()) return;
    const ready = new Promise<Client<true>>((resolve) => this.client.once(Events.ClientReady, resolve));
    try {
      await this.client.login(this.options.token);
    } catch (err) {
      throw discordStartError(err, this.options.apiUrl);
    }
    const client = await ready;
    const appId = client.application.id;
    if (appId !== this.options.applicationId) {
      this.options.log.warn({ tokenApplicationId: appId }, 'DISCORD_APPLICATION_ID does not match the token’s application; commands may be registered on another app');
    }
    this.options.log.info({ user: client.user.tag, guilds: client.guilds.cache.size }, 'Discord bot connected');
  }

  drain(timeoutMs: number): Promise<boolean> {
    return this.inFlight.drain(timeoutMs);
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }
}
