import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, CommandOption } from '../../../commands/types.ts';

/** Where commands are registered: in every server and DM (global) or in one server (guild). */
export type CommandScope = 'global' | 'guild';

/** A slash command as Discord's JSON. */
export type CommandPayload = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Discord's limits on command fields. */
const DESCRIPTION_MAX = 100;
const STRING_MAX_LENGTH = 6000;
const CHOICES_MAX = 25;

/**
 * The bot's commands as Discord application commands (type 1, chat input).
 * String options carry `max_length` and `autocomplete` or `choices`; channel
 * options offer text and announcement channels. Manager-only commands get
 * `default_member_permissions` = Manage Server. Global commands declare
 * `integration_types` (server install) and `contexts` (servers and bot DMs;
 * manager-only ones servers only); `dm_permission` is deprecated in favour
 * of `contexts`, and guild commands take neither.
 */
export function commandPayloads(commands: readonly CommandDefinition[], scope: CommandScope): CommandPayload[] {
  return commands.map((command) => commandPayload(command, scope));
}

function commandPayload(command: CommandDefinition, scope: CommandScope): CommandPayload {
  // Discord wants required options before optional ones.
  const options = [...command.options].sort((a, b) => Number(b.required) - Number(a.required)).map(optionPayload);
  const payload: CommandPayload = {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: cut(command.description, DESCRIPTION_MAX),
    options,
  };
  if (command.requiresManage) payload.default_member_permissions = PermissionFlagsBits.ManageGuild.toString();
  if (scope === 'global') {
    payload.integration_types = [ApplicationIntegrationType.GuildInstall];
    payload.contexts = command.requiresManage ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM];
  }
  return payload;
}

function optionPayload(option: CommandOption): APIApplicationCommandBasicOption {
  const base = { name: option.name, description: cut(option.description, DESCRIPTION_MAX), required: option.required };
  if (option.type === 'channel') {
    return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum] };
  }
  if (option.type === 'role') return { ...base, type: ApplicationCommandOptionType.Role };
  if (option.type === 'boolean') return { ...base, type: ApplicationCommandOptionType.Boolean };
  const maxLength = Math.min(Math.max(1, Math.floor(option.maxLength)), STRING_MAX_LENGTH);
  if (option.choices && option.choices.length > 0) {
    const choices = option.choices.slice(0, CHOICES_MAX).map((c) => ({ name: cut(c, 100), value: cut(c, maxLength) }));
    return { ...base, type: ApplicationCommandOptionType.String, max_length: maxLength, choices };
  }
  return { ...base, type: ApplicationCommandOptionType.String, max_length: maxLength, ...(option.autocomplete ? { autocomplete: true } : {}) };
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
