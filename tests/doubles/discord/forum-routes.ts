import type { APIMessage, APIOverwrite } from 'discord.js';
import { buildEveryoneRole, buildMessage, buildTextChannel } from './entities.ts';
import { discordError, json, type IncomingCall, type Reply } from './http-utils.ts';
import { nextSnowflake } from './snowflake.ts';
import type { DoubleState } from './state.ts';

/** Discord's channel type of a forum. */
export const FORUM_CHANNEL = 15;

/** A thread the bot started in a forum channel: a post, its first message the announcement. */
export interface ForumThread {
  id: string;
  type: 11;
  guild_id: string;
  parent_id: string;
  owner_id: string;
  name: string;
  message: APIMessage;
}

/** GET /channels/:id of a guild channel as configured: its type (text or forum) and permission overwrites. */
export function guildChannel(state: DoubleState, channelId: string): Reply | null {
  const found = state.findChannel(channelId);
  if (!found) return null;
  const spec = found.guild.channels[found.position]!;
  const channel = buildTextChannel(channelId, found.name, found.guild.id, found.position);
  return json(200, { ...channel, type: spec.type ?? 0, permission_overwrites: (spec.permissionOverwrites ?? []) as APIOverwrite[] });
}

/** GET /guilds/:id: the guild with its @everyone role (what the bot's permissions start from). */
export function getGuild(state: DoubleState, _call: IncomingCall, [guildId = '']: string[]): Reply {
  const guild = state.guilds.find((g) => g.id === guildId);
  if (!guild) return discordError(404, 10004, 'Unknown Guild');
  return json(200, { id: guild.id, name: guild.name, owner_id: guild.ownerId, roles: [buildEveryoneRole(guild.id)] });
}

/** GET /guilds/:id/members/:id: the bot is a member with no role beyond @everyone. */
export function getMember(state: DoubleState, _call: IncomingCall, [guildId = '', userId = '']: string[]): Reply {
  if (!state.guilds.some((g) => g.id === guildId)) return discordError(404, 10004, 'Unknown Guild');
  if (userId !== state.botUser.id) return discordError(404, 10007, 'Unknown Member');
  return json(200, { user: state.botUser, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 });
}

/** POST /channels/:id/threads in a forum channel: a new post titled `name`, whose first message is `message`. */
export function startForumThread(state: DoubleState, call: IncomingCall, [channelId = '']: string[]): Reply {
  const found = state.findChannel(channelId);
  if (!found) return discordError(404, 10003, 'Unknown Channel');
  const spec = found.guild.channels[found.position]!;
  const body = (call.body ?? {}) as { name?: string; message?: unknown };
  if (spec.type !== FORUM_CHANNEL) return discordError(400, 50024, 'Cannot execute action on this channel type');
  if (!body.name || !body.message) return discordError(400, 50035, 'Invalid Form Body');
  const id = nextSnowflake();
  const message = { ...buildMessage({ channelId: id, guildId: found.guild.id, author: state.botUser, body: body.message }), id };
  state.messages.set(id, message);
  const thread: ForumThread = { id, type: 11, guild_id: found.guild.id, parent_id: channelId, owner_id: state.botUser.id, name: body.name, message };
  state.threads.push(thread);
  return json(201, thread);
}

/** GET /guilds/:id/threads/active. */
export function activeThreads(state: DoubleState, _call: IncomingCall, [guildId = '']: string[]): Reply {
  return json(200, { threads: state.threads.filter((t) => t.guild_id === guildId).map(({ message: _m, ...t }) => t), members: [] });
}
