import { ChannelType, PermissionFlagsBits, Routes, type APIChannel, type APIGuild, type APIGuildMember, type APIInteraction, type APIOverwrite, type REST } from 'discord.js';
import type { ChannelAccess, ChannelCheck } from '../../../commands/types.ts';

/** What an announcement needs in a channel, and how Discord's settings name it. */
const NEEDED: ReadonlyArray<[bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages (in a forum: Create Posts)'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.ReadMessageHistory, 'Read Message History'],
];

const POSTABLE = new Set<number>([ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum, ChannelType.GuildMedia]);
const ALL = (1n << 64n) - 1n;

/**
 * Whether the bot can post announcements in a channel of the interaction's
 * server: its permissions there, computed as Discord does (the @everyone role
 * and the bot's roles, the server owner and Administrator, then the channel's
 * overwrites for @everyone, the roles and the bot itself) from
 * `GET /channels/{id}`, `GET /guilds/{id}` and `GET /guilds/{id}/members/{bot}`.
 * For the channel the command was typed in, Discord's own `app_permissions`
 * answers without a request.
 */
export function discordChannelAccess(rest: REST, botUserId: () => Promise<string>): (interaction: APIInteraction) => ChannelAccess {
  return (interaction) => ({
    async check(channelId): Promise<ChannelCheck> {
      let channel: APIChannel;
      try {
        channel = (await rest.get(Routes.channel(channelId))) as APIChannel;
      } catch (err) {
        const status = (err as { status?: number }).status;
        if (status === 403 || status === 404) return { ok: false, problem: 'I cannot see that channel: it was deleted, or I lack View Channel there.' };
        throw err;
      }
      if (!POSTABLE.has(channel.type)) return { ok: false, problem: 'That is not a text, announcement or forum channel.' };
      const forum = channel.type === ChannelType.GuildForum || channel.type === ChannelType.GuildMedia;
      const here = channelId === (interaction.channel?.id ?? interaction.channel_id) && interaction.app_permissions;
      const permissions = here ? BigInt(interaction.app_permissions!) : await computed(rest, channel, await botUserId());
      if (permissions === null) return null;
      const missing = NEEDED.filter(([bit]) => (permissions & bit) === 0n).map(([, name]) => name);
      if (missing.length === 0) return { ok: true, forum };
      return { ok: false, problem: `I lack ${missing.length === 1 ? 'this permission' : 'these permissions'} there: ${missing.join(', ')}. Give them to my role in the channel's settings (Edit Channel > Permissions).` };
    },
  });
}

/** The bot's permissions in a server channel; null when the channel has no server. */
async function computed(rest: REST, channel: APIChannel, botId: string): Promise<bigint | null> {
  const guildId = 'guild_id' in channel ? channel.guild_id : undefined;
  if (!guildId) return null;
  const [guild, member] = (await Promise.all([rest.get(Routes.guild(guildId)), rest.get(Routes.guildMember(guildId, botId))])) as [APIGuild, APIGuildMember];
  if (guild.owner_id === botId) return ALL;
  const roles = new Map(guild.roles.map((r) => [r.id, BigInt(r.permissions)]));
  let base = roles.get(guildId) ?? 0n;
  for (const id of member.roles) base |= roles.get(id) ?? 0n;
  if ((base & PermissionFlagsBits.Administrator) !== 0n) return ALL;
  const overwrites = ('permission_overwrites' in channel ? channel.permission_overwrites : undefined) ?? [];
  return applyOverwrites(base, overwrites, guildId, member.roles, botId);
}

/** Discord's order: @everyone's overwrite, then the roles' (denies, then allows), then the member's own. */
export function applyOverwrites(base: bigint, overwrites: readonly APIOverwrite[], guildId: string, roleIds: readonly string[], memberId: string): bigint {
  let p = base;
  const apply = (o: { allow: bigint; deny: bigint } | undefined) => {
    if (o) p = (p & ~o.deny) | o.allow;
  };
  const of = (o: APIOverwrite) => ({ allow: BigInt(o.allow), deny: BigInt(o.deny) });
  const everyone = overwrites.find((o) => o.id === guildId);
  apply(everyone ? of(everyone) : undefined);
  const roles = overwrites.filter((o) => o.type === 0 && o.id !== guildId && roleIds.includes(o.id)).map(of);
  apply(roles.reduce((acc, o) => ({ allow: acc.allow | o.allow, deny: acc.deny | o.deny }), { allow: 0n, deny: 0n }));
  const own = overwrites.find((o) => o.type === 1 && o.id === memberId);
  apply(own ? of(own) : undefined);
  return p;
}
