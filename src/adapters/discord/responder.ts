import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { DiscordMessage } from './render-embeds.ts';

/** How an interaction has been acknowledged so far. */
type Stage = 'fresh' | 'deferred-ephemeral' | 'deferred-public' | 'deferred-update' | 'answered';

/**
 * Answers one command or button interaction exactly once, whatever happened
 * before: a first reply (type 4), a message update (type 7), an edit of a
 * deferred reply, or a follow-up when the first answer is already spent.
 */
export class Responder {
  private stage: Stage = 'fresh';

  constructor(private readonly interaction: ChatInputCommandInteraction | ButtonInteraction) {}

  /** Acknowledges now (Discord wants an answer within 3 s): a loading reply, or, for a button, an update to come. */
  async defer(as: 'ephemeral' | 'public' | 'update'): Promise<void> {
    if (this.stage !== 'fresh') return;
    if (as === 'update' && this.interaction.isButton()) {
      await this.interaction.deferUpdate();
      this.stage = 'deferred-update';
      return;
    }
    const ephemeral = as === 'ephemeral';
    await this.interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    this.stage = ephemeral ? 'deferred-ephemeral' : 'deferred-public';
  }

  /** Sends `message` as a reply, privately (`ephemeral`) or for the whole channel. */
  async reply(message: DiscordMessage, ephemeral: boolean): Promise<void> {
    const flags = ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
    const stage = this.stage;
    this.stage = 'answered';
    if (stage === 'fresh') {
      await this.interaction.reply({ ...message, ...flags });
    } else if (stage === 'answered' || stage === 'deferred-update') {
      await this.interaction.followUp({ ...message, ...flags });
    } else if ((stage === 'deferred-ephemeral') === ephemeral) {
      await this.interaction.editReply(message);
    } else {
      await this.interaction.deleteReply();
      await this.interaction.followUp({ ...message, ...flags });
    }
  }

  /** Replaces the message the button was on (keeping it ephemeral or public, as it was). */
  async update(message: DiscordMessage): Promise<void> {
    const stage = this.stage;
    if (!this.interaction.isButton() || (stage !== 'fresh' && stage !== 'deferred-update')) {
      await this.reply(message, true);
      return;
    }
    this.stage = 'answered';
    if (stage === 'fresh') await this.interaction.update(message);
    else await this.interaction.editReply(message);
  }
}
