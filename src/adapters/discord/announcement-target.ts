import { createHash } from 'node:crypto';
import { DiscordAPIError, Routes, SnowflakeUtil, type APIMessage, type APIUser, type REST } from 'discord.js';
import type { Answer } from '../../core/answers/answer.ts';
import type { AnnouncementTarget, LookupResult, PostResult, PostShape } from '../../announcing/announcement-target.ts';
import { forumPost, forumKind, findForumPost } from './forum-posts.ts';
import { fail, ok } from '../../core/model/result.ts';
import { renderAnswer } from './render-embeds.ts';

/** Discord error codes that mean the channel will not take posts until someone fixes it. */
const PERMANENT_CODES = new Set([
  10003, // Unknown Channel
  10004, // Unknown Guild
  50001, // Missing Access
  50013, // Missing Permissions
  50007, // Cannot send messages to this user
  50008, // Cannot send messages in a non-text channel
]);

/** When looking for an earlier post: messages per page (Discord's maximum), and pages at most. */
const LOOKUP_LIMIT = 100;
const LOOKUP_PAGES = 5;

/**
 * Posts announcements to Discord channels over REST (discord.js retries
 * 429s itself). The message nonce is derived from the delivery key and
 * enforced, so a post retried within Discord's nonce window (a few minutes)
 * is not duplicated. Discord does not keep the nonce with the message, so
 * beyond that window `findAnnouncement` looks in the channel's messages since
 * the attempt for the bot's own post of the same announcement (needs the
 * Read Message History permission).
 */
export function discordAnnouncementTarget(rest: REST): AnnouncementTarget {
  let me: Promise<string> | null = null;
  const botUserId = () => (me ??= (rest.get(Routes.user()) as Promise<APIUser>).then((u) => u.id).catch((err: unknown) => {
    me = null;
    throw err;
  }));
  return {
    platform: 'discord',
    async postAnnouncement(channelId: string, answer: Answer, key: string, shape: PostShape = {}): Promise<PostResult> {
      const message = renderAnswer(answer, { shareable: false });
      const role = /^<@&(\d+)>$/.exec(shape.mention ?? '')?.[1];
      // Exactly the subscription's role may be pinged; nothing else in the post can ping anyone.
      const mention = role ? { content: `<@&${role}>`, allowed_mentions: { roles: [role] } } : { allowed_mentions: { parse: [] } };
      try {
        if ((await forumKind(rest, channelId)) === 'forum') return await forumPost(rest, channelId, answer, { embeds: message.embeds, components: message.components, ...mention });
        const created = (await rest.post(Routes.channelMessages(channelId), {
          body: {
            embeds: message.embeds,
            components: message.components,
            ...mention,
            nonce: nonceOf(key),
            enforce_nonce: true,
          },
        })) as { id?: string };
        return { ok: true, messageId: created.id ?? null };
      } catch (err) {
        return failure(err);
      }
    },
    async findAnnouncement(channelId: string, answer: Answer, _key: string, since: Date): Promise<LookupResult> {
      const wanted = renderAnswer(answer, { shareable: false }).embeds[0];
      try {
        const self = await botUserId();
        if ((await forumKind(rest, channelId)) === 'forum') return await findForumPost(rest, channelId, answer, self, since);
        let after = SnowflakeUtil.generate({ timestamp: since.getTime() });
        for (let page = 0; page < LOOKUP_PAGES; page++) {
          const query = new URLSearchParams({ after: after.toString(), limit: String(LOOKUP_LIMIT) });
          const messages = (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
          const hit = messages.find((m) => isOwnAnnouncement(m, self) && m.embeds[0]?.title === wanted?.title && m.embeds[0]?.url === wanted?.url);
          if (hit) return ok({ messageId: hit.id });
          if (messages.length < LOOKUP_LIMIT) return ok(null);
          after = messages.reduce((max, m) => (BigInt(m.id) > max ? BigInt(m.id) : max), after);
        }
        return fail(`more than ${LOOKUP_PAGES * LOOKUP_LIMIT} messages since the attempt`);
      } catch (err) {
        const f = failure(err);
        return fail(f.ok ? 'unexpected' : f.error);
      }
    },
  };
}

/** A message the bot posted itself (not an interaction response or a webhook's). */
function isOwnAnnouncement(m: APIMessage, botUserId: string): boolean {
  const viaInteraction = 'interaction_metadata' in m && m.interaction_metadata !== undefined;
  return m.author?.id === botUserId && !m.webhook_id && !viaInteraction && !m.interaction;
}

/** A nonce of at most 25 characters, stable for a delivery key. */
export function nonceOf(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 25);
}

/** A failed post as the announcer records it: permanent when the channel will not take posts until someone fixes it. */
export function failure(err: unknown): PostResult {
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : 0;
    const permanent = PERMANENT_CODES.has(code) || err.status === 403 || err.status === 404;
    return { ok: false, permanent, error: `${err.message} (Discord error ${err.code})` };
  }
  return { ok: false, permanent: false, error: (err as Error)?.message ?? String(err) };
}
