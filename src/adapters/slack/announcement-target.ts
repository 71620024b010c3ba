import type { webApi } from '@slack/bolt';
import type { Answer } from '../../core/answers/answer.ts';
import type { AnnouncementTarget, LookupResult, PostResult, PostShape } from '../../announcing/announcement-target.ts';
import { fail, ok } from '../../core/model/result.ts';
import { CallBudget } from './call-budget.ts';
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

/**
 * Slack's limits on `conversations.history` for apps outside the Slack
 * Marketplace (new apps since May 29, 2025): 1 call a minute per workspace,
 * at most 15 messages a call. The bot keeps to them whatever its app's status.
 */
export const HISTORY_LIMITS = { intervalMs: 60_000, messagesPerCall: 15 } as const;

/** Pages of `conversations.history` read for an earlier post (each waits its turn): 60 messages since the attempt. */
export const HISTORY_PAGES = 4;

/** Slack errors after which the message was certainly not posted (Slack may have posted it on the others, or on a network error). */
const UNSURE_ERRORS = new Set(['internal_error', 'fatal_error', 'request_timeout', 'service_unavailable']);

/** How the target paces itself (defaults: Slack's limits). */
export interface SlackTargetOptions {
  /** At least this long between two posts to one channel (default {@link CHANNEL_SPACING_MS}). */
  spacingMs?: number;
  /** At least this long between two `conversations.history` calls (default 60 s, Slack's Tier 1). */
  historyIntervalMs?: number;
}

/**
 * Posts announcements to Slack channels with `chat.postMessage`, at most one
 * per channel per ~second (the Web API client also retries 429s). The
 * delivery key travels in the message metadata, and `findAnnouncement` looks
 * for it in the channel's history (`conversations.history` with
 * `include_all_metadata`; scopes `channels:history` and `groups:history`, and
 * the bot must be in the channel), since Slack has no idempotency key.
 *
 * The look-up keeps to Slack's limits for non-Marketplace apps: it reads only
 * the messages since the attempt (`oldest`), 15 a call, at most one call a
 * minute (further pages, and further look-ups, wait their turn), and at most
 * {@link HISTORY_PAGES} pages. It is skipped when this process saw the
 * earlier attempt fail with an error that means nothing was posted.
 */
export function slackAnnouncementTarget(client: webApi.WebClient, options: SlackTargetOptions = {}): AnnouncementTarget {
  const spacingMs = options.spacingMs ?? CHANNEL_SPACING_MS;
  const budget = new CallBudget(options.historyIntervalMs ?? HISTORY_LIMITS.intervalMs);
  /** Delivery keys whose latest attempt here was refused by Slack: nothing of theirs is in the channel. */
  const refused = new Set<string>();
  const lastPost = new Map<string, number>();
  const pace = async (channelId: string) => {
    const wait = (lastPost.get(channelId) ?? 0) + spacingMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastPost.set(channelId, Date.now());
  };
  return {
    platform: 'slack',
    async postAnnouncement(channelId: string, answer: Answer, key: string, shape: PostShape = {}): Promise<PostResult> {
      await pace(channelId);
      const message = withMention(renderAnswer(answer, { shareable: false }), shape.mention);
      try {
        const res = await client.chat.postMessage({
          channel: channelId,
          ...message,
          metadata: { event_type: ANNOUNCEMENT_EVENT, event_payload: { key } },
        });
        refused.delete(key);
        return { ok: true, messageId: res.ts ?? null };
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        if (code && !UNSURE_ERRORS.has(code)) refused.add(key);
        else refused.delete(key);
        if (code) return { ok: false, permanent: PERMANENT_ERRORS.has(code), error: `Slack error: ${code}` };
        return { ok: false, permanent: false, error: (err as Error)?.message ?? String(err) };
      }
    },
    async findAnnouncement(channelId, _answer, key, since) {
      if (refused.has(key)) return ok(null);
      return findInHistory(client, budget, channelId, key, since);
    },
  };
}

/** The post with the subscription's user group pinged first (`<!subteam^ID>`, the only mention Slack will act on here). */
function withMention(message: ReturnType<typeof renderAnswer>, mention: string | null | undefined): ReturnType<typeof renderAnswer> {
  const group = /^<!subteam\^([A-Z0-9]+)>$/.exec(mention ?? '')?.[1];
  if (!group) return message;
  const ping = `<!subteam^${group}>`;
  return { ...message, text: `${ping} ${message.text}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ping } }, ...message.blocks] };
}

type HistoryMessage = { ts?: string; metadata?: { event_type?: string; event_payload?: Record<string, unknown> } };

/** Looks through the channel's messages since `since`, newest first, for one whose metadata carries `key`; each call waits for the budget. */
async function findInHistory(client: webApi.WebClient, budget: CallBudget, channel: string, key: string, since: Date): Promise<LookupResult> {
  let cursor: string | undefined;
  try {
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const res = await budget.run(() =>
        client.conversations.history({
          channel,
          oldest: (since.getTime() / 1000).toFixed(6),
          inclusive: true,
          limit: HISTORY_LIMITS.messagesPerCall,
          include_all_metadata: true,
          ...(cursor ? { cursor } : {}),
        }),
      );
      const messages = (res.messages ?? []) as HistoryMessage[];
      const hit = messages.find((m) => m.metadata?.event_type === ANNOUNCEMENT_EVENT && m.metadata.event_payload?.['key'] === key);
      if (hit) return ok({ messageId: hit.ts ?? null });
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return ok(null);
    }
    return fail(`more than ${HISTORY_PAGES * HISTORY_LIMITS.messagesPerCall} messages since the attempt`);
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    return fail(code ? `Slack error: ${code}` : ((err as Error)?.message ?? String(err)));
  }
}
