import type { webApi } from '@slack/bolt';
import type { ChannelAccess, ChannelCheck } from '../../../commands/types.ts';

/**
 * Whether the bot can post announcements in a Slack channel
 * (`conversations.info`): not archived; a private channel only with the bot
 * in it; a public one also without (the `chat:write.public` scope), though
 * then an interrupted post cannot be looked for in its history. Null when
 * Slack does not say (a scope missing, an error).
 */
export function slackChannelAccess(client: webApi.WebClient): ChannelAccess {
  return {
    async check(channelId): Promise<ChannelCheck> {
      try {
        const { channel } = await client.conversations.info({ channel: channelId });
        if (!channel) return null;
        if (channel.is_archived) return { ok: false, problem: 'That channel is archived.' };
        if (channel.is_private && !channel.is_member) return { ok: false, problem: 'That channel is private and I am not in it: invite me first (/invite @Episode Bot).' };
        return { ok: true, forum: false };
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code === 'channel_not_found') return { ok: false, problem: 'I cannot see that channel: it is private and I am not in it (invite me first), or it was deleted.' };
        return null;
      }
    },
  };
}
