import { Client, Events, GatewayIntentBits, Partials, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { AnnouncementTarget } from '../../announcing/announcement-target.ts';
import type { ChatAdapter } from '../adapter.ts';
import { ANSWER_BUDGET_MS } from '../answer-budget.ts';
import { discordAnnouncementTarget } from './announcement-target.ts';
import { apologyAnswer } from '../../../commands/dispatcher.ts';
import { handleAutocomplete } from './autocomplete-handler.ts';
import { handleButton } from './button-handler.ts';
import { handleCommand } from './command-handler.ts';
import type { DiscordDispatcher, HandlerDeps } from './handler-deps.ts';
import { interactionContext } from './invocation.ts';
import { renderAnswer } from './render-embeds.ts';
import { Responder } from './responder.ts';
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

/** The Discord adapter: a discord.js client wired to the dispatcher. */
export interface DiscordAdapter extends ChatAdapter {
  /** The underlying client (for tests and announcements); logged in once `start()` resolves. */
  readonly client: Client;
  /** Posts new-episode announcements to subscribed channels (once started). */
  readonly announcementTarget: AnnouncementTarget;
}

/**
 * Creates the Discord adapter: gateway with the Guilds intent only, slash
 * commands, buttons and autocomplete turned into dispatcher calls, answers
 * rendered as embeds. It never registers commands (see `register-cli.ts`).
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
  const deps: HandlerDeps = {
    dispatcher: options.dispatcher,
    log: options.log,
    ephemeral: options.ephemeral,
    deferAfterMs: options.deferAfterMs ?? ANSWER_BUDGET_MS,
  };
  client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction, deps));
  client.on(Events.Error, (err) => options.log.error({ err }, 'Discord client error'));
  client.on(Events.ShardError, (err, shardId) => options.log.error({ err, shardId }, 'Discord gateway error'));
  client.on(Events.Warn, (message) => options.log.warn(message));
  return new DiscordJsAdapter(client, options);
}

// Routes one interaction; whatever fails is logged with its context and the user gets an apology.
async function onInteraction(interaction: Interaction, deps: HandlerDeps): Promise<void> {
  if (interaction.isAutocomplete()) return handleAutocomplete(interaction, deps);
  if (!interaction.isChatInputCommand() && !interaction.isButton()) return;
  const responder = new Responder(interaction);
  try {
    if (interaction.isChatInputCommand()) await handleCommand(interaction, responder, deps);
    else await handleButton(interaction, responder, deps);
  } catch (err) {
    deps.log.error({ err, ...interactionContext(interaction) }, 'Discord interaction failed');
    await responder
      .reply(renderAnswer(apologyAnswer(), { shareable: false }), true)
      .catch((e: unknown) => deps.log.warn({ err: e, ...interactionContext(interaction) }, 'Discord apology not delivered'));
  }
}

class DiscordJsAdapter implements DiscordAdapter {
  readonly name = 'discord';
  readonly announcementTarget: AnnouncementTarget;

  constructor(
    readonly client: Client,
    private readonly options: DiscordAdapterOptions,
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

  async stop(): Promise<void> {
    await this.client.destroy();
  }
}
