import { emptyAnswer, type Answer } from '../src/core/answers/answer.ts';
import type { Show } from '../src/core/model/shows.ts';
import { cleanUserText } from '../src/core/model/text.ts';
import { followAnswer, unfollowAnswer } from './podcast-follow-answers.ts';
import type { FollowService } from './podcast-follows.ts';
import { parseChannelRef, readPodcastLine, readMention, type PodcastLine } from './podcast-line.ts';
import { statusAnswer, type PodcastStatus } from './podcast-status.ts';
import { readShow } from './show-option.ts';
import type { CommandContext, CommandDefinition, Invocation } from './types.ts';

export type { FeedStatusView, PodcastStatus, SubscriptionView, TranscriptStatusView } from './podcast-status.ts';

/** What subscribing did. */
export type SubscribeResult = 'created' | 'reactivated' | 'exists';

/** How a subscription's announcements are shaped: only some episodes, and whom to ping. */
export interface ShapeRequest {
  only: string | null;
  mention: string | null;
}

/** What `/podcast` needs from storage, passed in; every call may wait (and fail). `showKey` null: every show. */
export interface PodcastService {
  subscribe(invocation: Invocation, channelId: string, showKey?: string | null, shape?: ShapeRequest): Promise<SubscribeResult>;
  /** True when something was unsubscribed. */
  unsubscribe(invocation: Invocation, channelId: string, showKey?: string | null): Promise<boolean>;
  status(invocation: Invocation): Promise<PodcastStatus>;
}

const ACTIONS = ['subscribe', 'unsubscribe', 'status', 'follow', 'unfollow'] as const;

/** Longest `only` filter, in characters. */
const MAX_ONLY = 100;

export { parseChannelRef };

/** How an answer names a channel: plain text, no platform markup. */
function channelName(ref: { id: string; name: string | null }, current: string | null): string {
  if (ref.id === current) return 'This channel';
  return ref.name ? `#${ref.name}` : `Channel ${ref.id}`;
}

/**
 * `/podcast`: follow and unfollow feeds from chat, subscribe or unsubscribe a
 * channel (shaped: only some episodes, a role or group to ping), and the
 * status of every feed. For server managers only. Without `follows`, the
 * follow actions are not offered (a bot without them).
 */
export function podcastCommand(service: PodcastService, follows: FollowService | null = null): CommandDefinition {
  return {
    name: 'podcast',
    description: 'Follow podcasts, subscribe channels to new episodes, see the feed status',
    requiresManage: true,
    options: [
      { name: 'action', description: 'follow, unfollow, subscribe, unsubscribe or status', type: 'string', required: true, maxLength: 20, autocomplete: false, choices: ACTIONS },
      { name: 'feed', description: 'follow: the feed URL or the podcast’s name', type: 'string', required: false, maxLength: 500, autocomplete: ['directory'] },
      { name: 'show', description: 'Only this show (default: every show); unfollow: the show', type: 'string', required: false, maxLength: 80, autocomplete: ['show'] },
      { name: 'channel', description: 'The channel (default: this one)', type: 'channel', required: false, maxLength: 100, autocomplete: false },
      { name: 'only', description: 'subscribe: only episodes about these words', type: 'string', required: false, maxLength: MAX_ONLY, autocomplete: false },
      { name: 'mention', description: 'subscribe: the role to ping with each new episode', type: 'role', required: false, maxLength: 100, autocomplete: false },
      { name: 'remove', description: 'unfollow: also delete its episodes, transcripts and subscriptions', type: 'boolean', required: false, maxLength: 5, autocomplete: false },
      { name: 'confirm', description: 'unfollow remove: the confirmation code it gives', type: 'string', required: false, maxLength: 20, autocomplete: false },
    ],
    usage: 'follow <feed URL or name> | unfollow <show> [remove:true] | subscribe [show] [#channel] [only:<words>] [@group] | unsubscribe [show] [#channel] | status',
    examples: ['/podcast follow https://feeds.example.com/show.xml', '/podcast subscribe', '/podcast status'],
    async run(input, ctx) {
      const line = readPodcastLine(input.options);
      const inv = ctx.invocation;
      if (line.action === 'status') return statusAnswer(await service.status(inv));
      if (line.action === 'follow' || line.action === 'unfollow') return follow(line, follows, inv);
      if (line.action !== 'subscribe' && line.action !== 'unsubscribe') return usage(follows !== null);
      return subscription(line, service, ctx);
    },
    async complete(option, typed) {
      if (option !== 'feed' || !follows) return [];
      const found = await follows.suggest(typed);
      return found.map((m) => ({ label: m.author ? `${m.title} — ${m.author}` : m.title, value: m.value }));
    },
  };
}

async function follow(line: PodcastLine, follows: FollowService | null, inv: Invocation): Promise<Answer> {
  if (!follows) return problem('Following is not available here', ['This bot has no database to keep followed feeds in: set DATABASE_PATH, FEED_URL or a chat platform.']);
  const text = cleanUserText(line.rest).slice(0, 500);
  if (line.action === 'follow') {
    if (text === '') return problem('Follow what?', ['Give a feed URL or a podcast’s name: /podcast follow https://feeds.example.com/show.xml, or /podcast follow Quokka Ops.']);
    return followAnswer(await follows.follow(inv, text));
  }
  return unfollowAnswer(await follows.unfollow(inv, text, line.remove, line.confirm));
}

async function subscription(line: PodcastLine, service: PodcastService, ctx: CommandContext): Promise<Answer> {
  const inv = ctx.invocation;
  if (inv.platform === 'console') {
    return done('Subscriptions are for Discord and Slack channels', 'This console prints each new episode as it appears.');
  }
  const ref = line.channel.trim() ? parseChannelRef(line.channel) : inv.channelId ? { id: inv.channelId, name: null } : null;
  if (!ref) return problem('Which channel?', [`“${line.channel.slice(0, 40)}” is not a channel. Mention it, like #announcements, or leave it out for this channel.`]);
  const name = channelName(ref, inv.channelId);
  const chosen = readShow(line.show, ctx);
  if (!chosen.ok) return chosen.error;
  const show = chosen.value;
  const what = showWords(show, ctx);
  if (line.action === 'unsubscribe') {
    return (await service.unsubscribe(inv, ref.id, show?.key ?? null))
      ? done('Unsubscribed', `${name} will get no more new-episode posts${show ? ` of ${show.podcast.title}` : ''}.`)
      : problem('Not subscribed', [`${name} was not subscribed${show ? ` to ${show.podcast.title}` : ''}.`]);
  }
  const mention = readMention(line.mention, inv.platform);
  if (!mention.ok) return problem('Whom to mention?', [mention.error]);
  const only = cleanUserText(line.only).slice(0, MAX_ONLY) || null;
  const check = await inv.channels?.check(ref.id).catch(() => null);
  if (check && !check.ok) return problem(`I cannot post in ${name}`, [check.problem, 'Nothing was subscribed. Fix that, then subscribe again.']);
  const result = await service.subscribe(inv, ref.id, show?.key ?? null, { only, mention: mention.value });
  return subscribed(result, name, what, { only, mention: mention.value, forum: check?.ok === true && check.forum });
}

/** "" with one show; " of <show>" or " of every show" with several. */
function showWords(show: Show | null, ctx: CommandContext): string {
  if (show) return ` of ${show.podcast.title}`;
  return ctx.shows.multiple ? ' of every show' : '';
}

function subscribed(result: SubscribeResult, name: string, what: string, shape: { only: string | null; mention: string | null; forum: boolean }): Answer {
  const extra = [
    shape.only ? `Only episodes whose title, guests or description match “${shape.only}”.` : '',
    shape.mention ? 'Each post mentions the role or group you named, and nobody else.' : '',
    shape.forum ? 'It is a forum: each new episode gets a post of its own, titled with the episode.' : '',
  ].filter(Boolean);
  if (result === 'exists') return done('Already subscribed', [`${name} already gets a post for each new episode${what}.`, ...extra].join(' '));
  const again = result === 'reactivated' ? ' again (its earlier failure is cleared)' : '';
  return done('Subscribed', [`${name} will get a post for each new episode${what}${again}. Past episodes are not posted.`, ...extra].join(' '));
}

function done(headline: string, text: string): Answer {
  const a = emptyAnswer('notice', headline);
  a.body = [text];
  return a;
}

function problem(headline: string, body: string[]): Answer {
  const a = emptyAnswer('error', headline);
  a.body = body;
  return a;
}

function usage(following: boolean): Answer {
  const follow = following ? '/podcast follow <feed URL or name>, /podcast unfollow <show>, ' : '';
  return problem('What should I do?', [`Use ${follow}/podcast subscribe [show] [channel] [only:<words>] [mention:<role or group>], /podcast unsubscribe [show] [channel] or /podcast status.`]);
}
