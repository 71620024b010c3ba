import { emptyAnswer, type Answer } from '../src/core/answer.ts';
import { formatDate } from '../src/core/format.ts';
import type { CommandDefinition, Invocation } from './types.ts';

/** A channel's subscription as `/podcast status` shows it. */
export interface SubscriptionView {
  channelId: string;
  status: 'active' | 'failed';
  lastError: string | null;
  failedAt: string | null;
}

/** Feed health and subscriptions, for `/podcast status`. */
export interface PodcastStatus {
  feedUrl: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  nextPollAt: string | null;
  lastEpisodeTitle: string | null;
  episodesFromFeed: number;
  subscriptions: SubscriptionView[];
  pendingDeliveries: number;
}

/** What `/podcast` needs from storage, passed in. */
export interface PodcastService {
  subscribe(invocation: Invocation, channelId: string): 'created' | 'reactivated' | 'exists';
  unsubscribe(invocation: Invocation, channelId: string): boolean;
  status(invocation: Invocation): PodcastStatus;
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
      { name: 'channel', description: 'The channel (default: this one)', type: 'channel', required: false, maxLength: 100, autocomplete: false },
    ],
    examples: ['/podcast subscribe', '/podcast status'],
    run(input, ctx) {
      const [action = '', ...rest] = (input.options.action ?? '').trim().split(/\s+/);
      const channelText = input.options.channel ?? rest.join(' ');
      const inv = ctx.invocation;
      if (action === 'status') return statusAnswer(service.status(inv));
      if (action !== 'subscribe' && action !== 'unsubscribe') return usage();
      if (inv.platform === 'console') {
        return done('Subscriptions are for Discord and Slack channels', 'This console prints each new episode as it appears when FEED_URL is set.');
      }
      const ref = channelText.trim() ? parseChannelRef(channelText) : inv.channelId ? { id: inv.channelId, name: null } : null;
      if (!ref) return problem('Which channel?', `“${channelText.slice(0, 40)}” is not a channel. Mention it, like #announcements, or leave it out for this channel.`);
      const name = channelName(ref, inv.channelId);
      if (action === 'subscribe') return subscribed(service.subscribe(inv, ref.id), name);
      return service.unsubscribe(inv, ref.id)
        ? done('Unsubscribed', `${name} will get no more new-episode posts.`)
        : problem('Not subscribed', `${name} was not subscribed.`);
    },
  };
}

function subscribed(result: 'created' | 'reactivated' | 'exists', name: string): Answer {
  if (result === 'exists') return done('Already subscribed', `${name} already gets a post for each new episode.`);
  const again = result === 'reactivated' ? ' again (its earlier failure is cleared)' : '';
  return done('Subscribed', `${name} will get a post for each new episode${again}. Past episodes are not posted.`);
}

function statusAnswer(s: PodcastStatus): Answer {
  const a = emptyAnswer('notice', 'Podcast feed status');
  a.body = [
    s.feedUrl ? `Feed: ${s.feedUrl}` : 'No feed is configured (set FEED_URL).',
    `Last success: ${when(s.lastSuccessAt)}; next poll: ${when(s.nextPollAt)}.`,
    s.lastError ? `Last error (${when(s.lastErrorAt)}, ${s.consecutiveFailures} failure(s) in a row): ${s.lastError}` : 'No errors.',
    `Last episode seen: ${s.lastEpisodeTitle ?? 'none yet'} · ${s.episodesFromFeed} episode(s) from the feed · ${s.pendingDeliveries} post(s) waiting.`,
  ];
  a.sections = [
    {
      title: `Subscribed channels (${s.subscriptions.length})`,
      lines: s.subscriptions.length === 0
        ? ['None yet: /podcast subscribe in a channel.']
        : s.subscriptions.map((c) =>
            c.status === 'active'
              ? `Channel ${c.channelId}: active`
              : `Channel ${c.channelId}: FAILED since ${when(c.failedAt)}: ${c.lastError ?? 'unknown error'} (subscribe it again once fixed)`,
          ),
    },
  ];
  return a;
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
  return problem('What should I do?', 'Use /podcast subscribe [channel], /podcast unsubscribe [channel] or /podcast status.');
}
