import type { webApi } from '@slack/bolt';
import type { Answer } from '../../core/answers/answer.ts';
import type { AnnouncementTarget, LookupResult, PostResult } from '../../announcing/announcement-target.ts';
import { fail, ok } from '../../core/model/result.ts';
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

/** The `event_type` of the metadata every announcement carries, with the delivery key as payload. */
export const ANNOUNCEMENT_EVENT = 'episode_announced';

/** Pages of `conversations.history` (200 messages each) searched for an earlier post. */
const LOOKUP_PAGES = 5;

/**
 * Posts announcements to Slack channels with `chat.postMessage`, at most one
 * per channel per ~second (the Web API client also retries 429s). The
 * delivery key travels in the message metadata, and `findAnnouncement` looks
 * for it in the channel's history (`conversations.history` with
 * `include_all_metadata`; scopes `channels:history` and `groups:history`, and
 * the bot must be in the channel), since Slack has no idempotency key.
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
          metadata: { event_type: ANNOUNCEMENT_EVENT, event_payload: { key } },
        });
        return { ok: true, messageId: res.ts ?? null };
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code) return { ok: false, permanent: PERMANENT_ERRORS.has(code), error: `Slack error: ${code}` };
        return { ok: false, permanent: false, error: (err as Error)?.message ?? String(err) };
      }
    },
    findAnnouncement: (channelId, _answer, key, since) => findInHistory(client, channelId, key, since),
  };
}

type HistoryMessage = { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } };

/** Looks through the channel's messages since `since`, newest first, for one whose metadata carries `key`. */
async function findInHistory(client: webApi.WebClient, channel: string, key: string, since: Date): Promise<LookupResult> {
  let cursor: string | undefined;
  try {
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const res = await client.conversations.history({
        channel,
        oldest: (since.getTime() / 1000).toFixed(6),
        limit: 200,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      });
      const messages = (res.messages ?? []) as HistoryMessage[];
      const hit = messages.find((m) => m.metadata?.event_type === ANNOUNCEMENT_EVENT && m.metadata.event_payload?.['key'] === key);
      if (hit) return ok({ messageId: hit.ts ?? null });
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return ok(null);
    }
    return fail(`more than ${LOOKUP_PAGES * 200} messages since the attempt`);
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    return fail(code ? `Slack error: ${code}` : ((err as Error)?.message ?? String(err)));
  }
}
