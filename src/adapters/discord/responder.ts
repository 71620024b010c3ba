import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIApplicationCommandOptionChoice,
  type APIInteraction,
  type APIInteractionResponse,
  type REST,
} from 'discord.js';
import type { DiscordMessage } from './render-embeds.ts';

/**
 * Sends an interaction's first response (Discord's "interaction callback"):
 * in HTTP mode it is the HTTP response to Discord's request, in gateway
 * mode a REST call. Called at most once per interaction.
 */
export type InteractionCallback = (body: APIInteractionResponse) => Promise<void>;

/** How an interaction has been acknowledged so far. */
type Stage = 'fresh' | 'deferred-ephemeral' | 'deferred-public' | 'deferred-update' | 'answered';

/** A message as Discord's API takes it (snake case), private when `ephemeral`. */
function apiMessage(message: DiscordMessage, ephemeral?: boolean): Record<string, unknown> {
  const { allowedMentions, ...rest } = message;
  return { ...rest, allowed_mentions: allowedMentions, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/**
 * Answers one interaction exactly once, whatever happened before: a first
 * reply (type 4), a message update (type 7), autocomplete choices (type 8),
 * an edit of a deferred reply, or a follow-up when the first answer is
 * already spent. The first response goes through `callback`; edits and
 * follow-ups go to the interaction's webhook over REST, which needs no bot
 * token (the interaction token in the URL is the credential, valid 15 min).
 */
export class Responder {
  private stage: Stage = 'fresh';

  constructor(
    private readonly raw: APIInteraction,
    private readonly callback: InteractionCallback,
    private readonly rest: REST,
  ) {}

  /** Whether the first response has been sent. */
  get responded(): boolean {
    return this.stage !== 'fresh';
  }

  private get isButton(): boolean {
    return this.raw.type === InteractionType.MessageComponent;
  }

  /** Acknowledges now (Discord wants an answer within 3 s): a loading reply, or, for a button, an update to come. */
  async defer(as: 'ephemeral' | 'public' | 'update'): Promise<void> {
    if (this.stage !== 'fresh') return;
    if (as === 'update' && this.isButton) {
      await this.first({ type: InteractionResponseType.DeferredMessageUpdate }, 'deferred-update');
      return;
    }
    const ephemeral = as === 'ephemeral';
    await this.first(
      { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: (ephemeral ? MessageFlags.Ephemeral : 0) as MessageFlags } },
      ephemeral ? 'deferred-ephemeral' : 'deferred-public',
    );
  }

  /** Sends `message` as a reply, privately (`ephemeral`) or for the whole channel. */
  async reply(message: DiscordMessage, ephemeral: boolean): Promise<void> {
    const stage = this.stage;
    if (stage === 'fresh') {
      await this.first({ type: InteractionResponseType.ChannelMessageWithSource, data: apiMessage(message, ephemeral) }, 'answered');
      return;
    }
    this.stage = 'answered';
    if (stage === 'answered' || stage === 'deferred-update') {
      await this.followUp(message, ephemeral);
    } else if ((stage === 'deferred-ephemeral') === ephemeral) {
      await this.rest.patch(this.original(), { body: apiMessage(message), auth: false });
    } else {
      await this.rest.delete(this.original(), { auth: false });
      await this.followUp(message, ephemeral);
    }
  }

  /** Replaces the message the button was on (keeping it ephemeral or public, as it was). */
  async update(message: DiscordMessage): Promise<void> {
    const stage = this.stage;
    if (!this.isButton || (stage !== 'fresh' && stage !== 'deferred-update')) {
      await this.reply(message, true);
      return;
    }
    if (stage === 'fresh') {
      await this.first({ type: InteractionResponseType.UpdateMessage, data: apiMessage(message) }, 'answered');
      return;
    }
    this.stage = 'answered';
    await this.rest.patch(this.original(), { body: apiMessage(message), auth: false });
  }

  /** Answers an autocomplete request with these choices (none: an empty list). */
  async choices(choices: APIApplicationCommandOptionChoice[]): Promise<void> {
    if (this.stage !== 'fresh') return;
    await this.first({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } }, 'answered');
  }

  // A deferral counts once sent (if it fails, the apology can still be the first response); an answer counts at once.
  private async first(body: APIInteractionResponse, next: Stage): Promise<void> {
    if (next === 'answered') this.stage = next;
    await this.callback(body);
    this.stage = next;
  }

  private followUp(message: DiscordMessage, ephemeral: boolean): Promise<unknown> {
    return this.rest.post(Routes.webhook(this.raw.application_id, this.raw.token), { body: apiMessage(message, ephemeral), auth: false });
  }

  private original(): `/${string}` {
    return Routes.webhookMessage(this.raw.application_id, this.raw.token, '@original');
  }
}
