import { PermissionFlagsBits, type Interaction } from 'discord.js';
import type { Invocation } from '../../../commands/types.ts';

/**
 * Who asked and where, for the dispatcher. `canManage` is true only in a
 * server, for members with Manage Server; never in DMs.
 */
export function invocationOf(interaction: Interaction): Invocation {
  return {
    platform: 'discord',
    userId: interaction.user.id,
    channelId: interaction.channelId,
    serverId: interaction.guildId,
    canManage: interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false),
  };
}

/** What to log about an interaction when something goes wrong (no tokens). */
export function interactionContext(interaction: Interaction): Record<string, unknown> {
  const context: Record<string, unknown> = {
    interactionId: interaction.id,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
  };
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    context['command'] = interaction.commandName;
    context['options'] = Object.fromEntries(interaction.options.data.map((o) => [o.name, String(o.value ?? '').slice(0, 200)]));
  }
  if (interaction.isMessageComponent()) context['customId'] = interaction.customId;
  return context;
}
