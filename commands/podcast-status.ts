import { emptyAnswer, type Answer } from '../src/core/answers/answer.ts';
import { formatDate } from '../src/core/answers/format.ts';

/** A channel's subscription as `/podcast status` shows it. */
export interface SubscriptionView {
  channelId: string;
  status: 'active' | 'failed';
  lastError: string | null;
  failedAt: string | null;
  /** The titles of the shows it is limited to; empty: every show. */
  shows?: string[];
  /** Only episodes matching these words. */
  only?: string | null;
  /** Who each post pings (a role or user group), as stored. */
  mention?: string | null;
}

/** Transcript fetching of one show, for `/podcast status`. */
export interface TranscriptStatusView {
  /** Episodes with a stored transcript. */
  done: number;
  /** Episodes whose feed item lists a transcript. */
  listed: number;
  waiting: number;
  retrying: number;
  failed: number;
  /** The latest failures, each "“Episode title”: what went wrong (next try …)". */
  problems: string[];
}

/** Where a followed feed came from: the operator's setting, or a follow from chat (who, where, when). */
export type FeedOrigin = { kind: 'setting' } | { kind: 'chat'; platform: string; by: string | null; at: string };

/** One followed (or formerly followed) feed, for `/podcast status`. */
export interface FeedStatusView {
  showTitle: string | null;
  /** The feed's URL, credentials masked. */
  feedUrl: string;
  /** False for a feed no longer followed: not polled, its episodes kept. */
  followed: boolean;
  /** Where it came from (absent: the setting). */
  origin?: FeedOrigin;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  lastEpisodeTitle: string | null;
  episodes: number;
  transcripts: TranscriptStatusView | null;
}

/** Feed health and subscriptions, for `/podcast status`. */
export interface PodcastStatus {
  /** Every feed, the setting's first, then those followed from chat, then those no longer followed; empty when none. */
  feeds: FeedStatusView[];
  subscriptions: SubscriptionView[];
  pendingDeliveries: number;
}

/** `/podcast status`: each feed (where it came from, its health, its transcripts), then the subscribed channels. */
export function statusAnswer(s: PodcastStatus): Answer {
  const a = emptyAnswer('notice', 'Podcast feed status');
  const followed = s.feeds.filter((f) => f.followed);
  const fromChat = followed.filter((f) => f.origin?.kind === 'chat').length;
  a.body = [
    s.feeds.length === 0
      ? 'No feed is followed (set FEED_URL, or /podcast follow <feed URL or podcast name>).'
      : `${followed.length} feed(s) followed (${followed.length - fromChat} from the FEED_URL setting, ${fromChat} from chat) · ${s.pendingDeliveries} post(s) waiting.`,
  ];
  a.sections = [
    ...s.feeds.map((f) => ({ title: f.showTitle ?? f.feedUrl, lines: feedLines(f) })),
    {
      title: `Subscribed channels (${s.subscriptions.length})`,
      lines: s.subscriptions.length === 0 ? ['None yet: /podcast subscribe in a channel.'] : s.subscriptions.map(subscriptionLine),
    },
  ];
  return a;
}

function subscriptionLine(c: SubscriptionView): string {
  const shows = c.shows && c.shows.length > 0 ? ` (only ${c.shows.join(', ')})` : '';
  const shape = [c.only ? `episodes matching “${c.only}”` : '', c.mention ? 'mentions a role or group' : ''].filter(Boolean);
  const shaped = shape.length > 0 ? `; ${shape.join('; ')}` : '';
  return c.status === 'active'
    ? `Channel ${c.channelId}: active${shows}${shaped}`
    : `Channel ${c.channelId}: FAILED since ${when(c.failedAt)}: ${c.lastError ?? 'unknown error'} (subscribe it again once fixed)${shows}${shaped}`;
}

function originLine(f: FeedStatusView): string {
  const o = f.origin ?? { kind: 'setting' };
  if (o.kind === 'setting') return 'Source: the FEED_URL setting (the operator).';
  return `Source: followed from chat on ${o.platform}${o.by ? ` by user ${o.by}` : ''}, ${when(o.at)}.`;
}

function feedLines(f: FeedStatusView): string[] {
  const lines = [`Feed: ${f.feedUrl}`];
  if (!f.followed) lines.push('Not followed any more (removed from FEED_URL, or unfollowed): not polled; its episodes stay searchable and its announcements are kept.');
  else lines.push(originLine(f), `Last success: ${when(f.lastSuccessAt)}; next poll: ${when(f.nextPollAt)}.`);
  lines.push(f.lastError ? `Last error (${when(f.lastErrorAt)}, ${f.consecutiveFailures} failure(s) in a row): ${f.lastError}` : 'No errors.');
  lines.push(`Last episode seen: ${f.lastEpisodeTitle ?? 'none yet'} · ${f.episodes} episode(s) from the feed.`);
  const t = f.transcripts;
  if (t) {
    const more = [t.waiting > 0 ? `${t.waiting} waiting` : '', t.retrying > 0 ? `${t.retrying} to retry` : '', t.failed > 0 ? `${t.failed} given up` : ''].filter(Boolean);
    const none = f.episodes > t.listed ? `; ${f.episodes - t.listed} episode(s) publish none` : '';
    lines.push(`transcripts: ${t.done} of ${t.listed} episodes${more.length > 0 ? ` (${more.join(', ')})` : ''}${none}`);
    lines.push(...t.problems.map((p) => `Transcript problem: ${p}`));
  }
  return lines;
}

/** "Dec 3, 2026 14:05 UTC", or "never". */
export function when(iso: string | null): string {
  return iso ? `${formatDate(iso)} ${iso.slice(11, 16)} UTC` : 'never';
}
