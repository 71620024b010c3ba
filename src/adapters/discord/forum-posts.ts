import { ChannelType, Routes, SnowflakeUtil, type APIChannel, type APIThreadChannel, type REST } from 'discord.js';
import type { Answer } from '../../core/answers/answer.ts';
import type { LookupResult, PostResult } from '../../announcing/announcement-target.ts';
import { fail, ok } from '../../core/model/result.ts';
import { failure } from './announcement-target.ts';
import { clip, plainText } from './discord-text.ts';

/** A thread's name: Discord allows 1 to 100 characters. */
const THREAD_NAME_MAX = 100;

/** What kind of channel the bot posts into, cached per channel (a channel does not change kind). */
const kinds = new WeakMap<REST, Map<string, Promise<'forum' | 'text'>>>();

/**
 * Whether a channel is a forum (or media channel), where each announcement
 * starts a post of its own; `GET /channels/{id}`, once per channel. When it
 * cannot be read, the channel is taken for a text channel (the post then says what is wrong).
 */
export function forumKind(rest: REST, channelId: string): Promise<'forum' | 'text'> {
  let cache = kinds.get(rest);
  if (!cache) kinds.set(rest, (cache = new Map()));
  let kind = cache.get(channelId);
  if (!kind) {
    kind = (rest.get(Routes.channel(channelId)) as Promise<APIChannel>)
      .then((c) => (c.type === ChannelType.GuildForum || c.type === ChannelType.GuildMedia ? 'forum' : 'text') as 'forum' | 'text')
      .catch(() => {
        cache.delete(channelId);
        return 'text' as const;
      });
    cache.set(channelId, kind);
  }
  return kind;
}

/** The post's name: the episode's title (plain text, at most 100 characters). */
function threadName(answer: Answer): string {
  return clip(plainText(answer.episodes[0]?.title ?? answer.headline), THREAD_NAME_MAX) || 'New episode';
}

/**
 * Starts a forum post (`POST /channels/{id}/threads` with `message`) titled
 * with the episode, the announcement as its first message. Its id is the
 * thread's (a forum post's first message has the thread's id).
 */
export async function forumPost(rest: REST, channelId: string, answer: Answer, message: Record<string, unknown>): Promise<PostResult> {
  try {
    const thread = (await rest.post(Routes.threads(channelId), { body: { name: threadName(answer), message } })) as { id?: string };
    return { ok: true, messageId: thread.id ?? null };
  } catch (err) {
    return failure(err);
  }
}

/** An earlier attempt's forum post: a thread of this forum the bot started since `since`, with the episode's title (the guild's active threads). */
export async function findForumPost(rest: REST, channelId: string, answer: Answer, botUserId: string, since: Date): Promise<LookupResult> {
  try {
    const channel = (await rest.get(Routes.channel(channelId))) as { guild_id?: string };
    if (!channel.guild_id) return ok(null);
    const active = (await rest.get(Routes.guildActiveThreads(channel.guild_id))) as { threads: APIThreadChannel[] };
    const after = BigInt(SnowflakeUtil.generate({ timestamp: since.getTime() }));
    const hit = active.threads.find((t) => t.parent_id === channelId && t.owner_id === botUserId && t.name === threadName(answer) && BigInt(t.id) > after);
    return ok(hit ? { messageId: hit.id } : null);
  } catch (err) {
    const f = failure(err);
    return fail(f.ok ? 'unexpected' : f.error);
  }
}
