import type { webApi } from '@slack/bolt';
import type { Answer } from '../../core/answer.ts';
import type { AnnouncementTarget, PostResult } from '../../announcer/announce-target.ts';
import { renderAnswer } from './render-blocks.ts';

/** Slack errors that mean the channel will not take posts until someone fixes it. */
const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'missing_scope',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'team_access_not_granted',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'not_authed',
]);

/** Slack asks for at most about one message per second per channel. */
export const CHANNEL_SPACING_MS = 1_100;

/**
 * Posts announcements to Slack channels with `chat.postMessage`, at most one
 * per channel per ~second (the Web API client also retries 429s). The
 * delivery key travels in the message metadata.
 */
export function slackAnnouncementTarget(client: webApi.WebClient, spacingMs = CHANNEL_SPACING_MS): AnnouncementTarget {
  const lastPost = new Map<string, number>();
  const pace = async (channelId: string) => {
    const wait = (lastPost.get(channelId) ?? 0) + spacingMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastPost.set(channelId, Date.now());
  };
  return {
    platform: 'slack',
    async postAnnouncement(channelId: string, answer: Answer, key: string): Promise<PostResult> {
      await pace(channelId);
      const message = renderAnswer(answer, { shareable: false });
      try {
        const res = await client.chat.postMessage({
          channel: channelId,
          ...message,
          metadata: { event_type: 'episode_announced', event_payload: { key } },
        });
        return { ok: true, messageId: res.ts ?? null };
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code) return { ok: false, permanent: PERMANENT_ERRORS.has(code), error: `Slack error: ${code}` };
        return { ok: false, permanent: false, error: (err as Error)?.message ?? String(err) };
      }
    },
  };
}
