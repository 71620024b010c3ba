import { ApplicationCommandOptionType, InteractionType, PermissionFlagsBits, type APIInteraction, type APIUser } from 'discord.js';
import type { Invocation } from '../../../commands/types.ts';

/** The user who caused the interaction (a member's user in a server, the user in a DM). */
export function userOf(raw: APIInteraction): APIUser | undefined {
  return raw.member?.user ?? raw.user;
}

/** The channel the interaction happened in. */
export function channelIdOf(raw: APIInteraction): string | null {
  return raw.channel?.id ?? raw.channel_id ?? null;
}

/**
 * Who asked and where, for the dispatcher. `canManage` is true only in a
 * server, for members with Manage Server (or Administrator) in the
 * interaction's `member.permissions` bitfield; never in DMs.
 */
export function invocationOf(raw: APIInteraction): Invocation {
  return {
    platform: 'discord',
    userId: userOf(raw)?.id ?? null,
    channelId: channelIdOf(raw),
    serverId: raw.guild_id ?? null,
    canManage: raw.guild_id !== undefined && raw.member !== undefined && mayManage(raw.member.permissions),
  };
}

function mayManage(permissions: string): boolean {
  try {
    return (BigInt(permissions) & (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator)) !== 0n;
  } catch {
    return false;
  }
}

/** What to log about an interaction when something goes wrong (no tokens). */
export function interactionContext(raw: APIInteraction): Record<string, unknown> {
  const context: Record<string, unknown> = {
    interactionId: raw.id,
    userId: userOf(raw)?.id ?? null,
    guildId: raw.guild_id ?? null,
    channelId: channelIdOf(raw),
  };
  if (raw.type === InteractionType.ApplicationCommand || raw.type === InteractionType.ApplicationCommandAutocomplete) {
    context['command'] = raw.data.name;
    const options = 'options' in raw.data ? (raw.data.options ?? []) : [];
    context['options'] = Object.fromEntries(options.map((o) => [o.name, String('value' in o ? o.value : '').slice(0, 200)]));
  }
  if (raw.type === InteractionType.MessageComponent) context['customId'] = raw.data.custom_id;
  return context;
}

/** A slash command's option list, flat (the bot's commands have no subcommands). */
export type RawOption = { name: string; type: ApplicationCommandOptionType; value?: unknown; focused?: boolean };
