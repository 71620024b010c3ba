import { emptyAnswer, type Answer } from '../src/core/answers/answer.ts';
import { formatDate } from '../src/core/answers/format.ts';
import type { Show } from '../src/core/model/shows.ts';
import { readShow } from './show-option.ts';
import type { CommandContext, CommandDefinition, Invocation } from './types.ts';

/** A channel's subscription as `/podcast status` shows it. */
export interface SubscriptionView {
  channelId: string;
  status: 'active' | 'failed';
  lastError: string | null;
  failedAt: string | null;
  /** The titles of the shows it is limited to; empty: every show. */
  shows?: string[];
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

/** One followed (or formerly followed) feed, for `/podcast status`. */
export interface FeedStatusView {
  showTitle: string | null;
  feedUrl: string;
  /** False for a feed removed from the setting: not polled, its episodes kept. */
  followed: boolean;
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
  /** Every feed, followed ones first; empty when none is configured. */
  feeds: FeedStatusView[];
  subscriptions: SubscriptionView[];
  pendingDeliveries: number;
}

/** What subscribing did. */
export type SubscribeResult = 'created' | 'reactivated' | 'exists';

/** What `/podcast` needs from storage, passed in; every call may wait (and fail). `showKey` null: every show. */
export interface PodcastService {
  subscribe(invocation: Invocation, channelId: string, showKey?: string | null): Promise<SubscribeResult>;
  /** True when something was unsubscribed. */
  unsubscribe(invocation: Invocation, channelId: string, showKey?: string | null): Promise<boolean>;
  status(invocation: Invocation): Promise<PodcastStatus>;
}

const ACTIONS = ['subscribe', 'unsubscribe', 'status'] as const;

/** Reads a channel as a platform gives it: an id, `<#C123|name>` (Slack), `<#123>` (Discord); null otherwise. */
export function parseChannelRef(text: string): { id: string; name: string | null } | null {
  const t = text.trim();
  const m = /^<#([A-Z0-9]+)(?:\|([^>]*))?>$/i.exec(t) ?? /^#?([A-Z0-9]{6,30})$/.exec(t);
  return m ? { id: m[1]!, name: m[2] || null } : null;
}

/** How an answer names a channel: plain text, no platform markup. */
function channelName(ref: { id: string; name: string | null }, current: string | null): string {
  if (ref.id === current) return 'This channel';
  return ref.name ? `#${ref.name}` : `Channel ${ref.id}`;
}

/** `/podcast subscribe|unsubscribe [channel]` and `/podcast status`: new-episode announcements. */
export function podcastCommand(service: PodcastService): CommandDefinition {
  return {
    name: 'podcast',
    description: 'New-episode announcements: subscribe or unsubscribe a channel, or see the feed status',
    requiresManage: true,
    options: [
      { name: 'action', description: 'subscribe, unsubscribe or status', type: 'string', required: true, maxLength: 20, autocomplete: false, choices: ACTIONS },
      { name: 'show', description: 'Only this show (default: every show)', type: 'string', required: false, maxLength: 80, autocomplete: ['show'] },
      { name: 'channel', description: 'The channel (default: this one)', type: 'channel', required: false, maxLength: 100, autocomplete: false },
    ],
    examples: ['/podcast subscribe', '/podcast status'],
    async run(input, ctx) {
      const [action = '', ...rest] = (input.options.action ?? '').trim().split(/\s+/);
      const typed = splitShowAndChannel(rest);
      const channelText = input.options.channel ?? typed.channel;
      const inv = ctx.invocation;
      if (action === 'status') return statusAnswer(await service.status(inv));
      if (action !== 'subscribe' && action !== 'unsubscribe') return usage();
      if (inv.platform === 'console') {
        return done('Subscriptions are for Discord and Slack channels', 'This console prints each new episode as it appears when FEED_URL is set.');
      }
      const ref = channelText.trim() ? parseChannelRef(channelText) : inv.channelId ? { id: inv.channelId, name: null } : null;
      if (!ref) return problem('Which channel?', `“${channelText.slice(0, 40)}” is not a channel. Mention it, like #announcements, or leave it out for this channel.`);
      const name = channelName(ref, inv.channelId);
      const chosen = readShow(input.options.show ?? typed.show, ctx);
      if (!chosen.ok) return chosen.error;
      const show = chosen.value;
      const what = showWords(show, ctx);
      if (action === 'subscribe') return subscribed(await service.subscribe(inv, ref.id, show?.key ?? null), name, what);
      return (await service.unsubscribe(inv, ref.id, show?.key ?? null))
        ? done('Unsubscribed', `${name} will get no more new-episode posts${show ? ` of ${show.podcast.title}` : ''}.`)
        : problem('Not subscribed', `${name} was not subscribed${show ? ` to ${show.podcast.title}` : ''}.`);
    },
  };
}

/** Slack and console type `subscribe [show] [#channel]`: a trailing channel reference, the rest names the show. */
function splitShowAndChannel(words: string[]): { show: string; channel: string } {
  const last = words.at(-1) ?? '';
  if (last && parseChannelRef(last)) {
    return { show: words.slice(0, -1).join(' '), channel: last };
  }
  return { show: words.join(' '), channel: '' };
}

/** "" with one show; " of <show>" or " of every show" with several. */
function showWords(show: Show | null, ctx: CommandContext): string {
  if (show) return ` of ${show.podcast.title}`;
  return ctx.shows.multiple ? ' of every show' : '';
}

function subscribed(result: SubscribeResult, name: string, what: string): Answer {
  if (result === 'exists') return done('Already subscribed', `${name} already gets a post for each new episode${what}.`);
  const again = result === 'reactivated' ? ' again (its earlier failure is cleared)' : '';
  return done('Subscribed', `${name} will get a post for each new episode${what}${again}. Past episodes are not posted.`);
}

function statusAnswer(s: PodcastStatus): Answer {
  const a = emptyAnswer('notice', 'Podcast feed status');
  a.body = [
    s.feeds.length === 0 ? 'No feed is configured (set FEED_URL).' : `${s.feeds.filter((f) => f.followed).length} feed(s) followed · ${s.pendingDeliveries} post(s) waiting.`,
  ];
  a.sections = [
    ...s.feeds.map((f) => ({ title: f.showTitle ?? f.feedUrl, lines: feedLines(f) })),
    {
      title: `Subscribed channels (${s.subscriptions.length})`,
      lines: s.subscriptions.length === 0
        ? ['None yet: /podcast subscribe in a channel.']
        : s.subscriptions.map((c) => {
            const shows = c.shows && c.shows.length > 0 ? ` (only ${c.shows.join(', ')})` : '';
            return c.status === 'active'
              ? `Channel ${c.channelId}: active${shows}`
              : `Channel ${c.channelId}: FAILED since ${when(c.failedAt)}: ${c.lastError ?? 'unknown error'} (subscribe it again once fixed)${shows}`;
          }),
    },
  ];
  return a;
}

function feedLines(f: FeedStatusView): string[] {
  const lines = [`Feed: ${f.feedUrl}`];
  if (!f.followed) lines.push('Not followed any more (removed from FEED_URL): not polled; its episodes stay searchable and its announcements are kept.');
  else lines.push(`Last success: ${when(f.lastSuccessAt)}; next poll: ${when(f.nextPollAt)}.`);
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

function when(iso: string | null): string {
  return iso ? `${formatDate(iso)} ${iso.slice(11, 16)} UTC` : 'never';
}

function done(headline: string, text: string): Answer {
  const a = emptyAnswer('notice', headline);
  a.body = [text];
  return a;
}

function problem(headline: string, text: string): Answer {
  const a = emptyAnswer('error', headline);
  a.body = [text];
  return a;
}

function usage(): Answer {
  return problem('What should I do?', 'Use /podcast subscribe [show] [channel], /podcast unsubscribe [show] [channel] or /podcast status.');
}
