import { createHash } from 'node:crypto';
import { DiscordAPIError, Routes, type REST } from 'discord.js';
import type { Answer } from '../../core/answer.ts';
import type { AnnouncementTarget, PostResult } from '../../announcer/announce-target.ts';
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

/**
 * Posts announcements to Discord channels over REST (discord.js retries
 * 429s itself). The message nonce is derived from the delivery key and
 * enforced, so a post retried after a crash within Discord's nonce window is
 * not duplicated.
 */
export function discordAnnouncementTarget(rest: REST): AnnouncementTarget {
  return {
    platform: 'discord',
    async postAnnouncement(channelId: string, answer: Answer, key: string): Promise<PostResult> {
      const message = renderAnswer(answer, { shareable: false });
      try {
        const created = (await rest.post(Routes.channelMessages(channelId), {
          body: {
            embeds: message.embeds,
            components: message.components,
            allowed_mentions: { parse: [] },
            nonce: nonceOf(key),
            enforce_nonce: true,
          },
        })) as { id?: string };
        return { ok: true, messageId: created.id ?? null };
      } catch (err) {
        return failure(err);
      }
    },
  };
}

/** A nonce of at most 25 characters, stable for a delivery key. */
export function nonceOf(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 25);
}

function failure(err: unknown): PostResult {
  if (err instanceof DiscordAPIError) {
    const code = typeof err.code === 'number' ? err.code : 0;
    const permanent = PERMANENT_CODES.has(code) || err.status === 403 || err.status === 404;
    return { ok: false, permanent, error: `${err.message} (Discord error ${err.code})` };
  }
  return { ok: false, permanent: false, error: (err as Error)?.message ?? String(err) };
}
