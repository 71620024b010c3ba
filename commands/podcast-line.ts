import { fail, ok, type Result } from '../src/core/model/result.ts';
import type { Invocation } from './types.ts';

/** `/podcast` as typed: the action and what goes with it, from separate options (Discord) or one line (Slack, console). */
export interface PodcastLine {
  action: string;
  /** follow: the feed URL or name; unfollow: the show. */
  rest: string;
  show: string;
  channel: string;
  only: string;
  mention: string;
  remove: boolean;
  confirm: string | null;
}

/** `only:"two words"`, `only:“two words”`, `only:word` (and the same for mention, remove, confirm), anywhere in the line. */
const TOKEN = /(?:^|\s)(only|mention|remove|confirm):(?:"([^"]*)"|“([^”]*)”|(\S+))/i;
/** A role or user group mentioned as the platform sends it: Discord `<@&id>`, Slack `<!subteam^ID|@name>`. */
const MENTION = /(?:^|\s)(<@&\d{1,25}>|<!subteam\^[A-Z0-9]{1,30}(?:\|[^>]*)?>)/i;

/** Reads `/podcast`'s options: Discord's own options win over words typed in the action line. */
export function readPodcastLine(options: Readonly<Record<string, string | undefined>>): PodcastLine {
  let text = (options.action ?? '').trim();
  const [first = ''] = text.split(/\s+/);
  text = text.slice(first.length);
  const typed: Record<string, string> = {};
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    typed[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? m[4] ?? '').trim();
    text = text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length);
  }
  const bare = MENTION.exec(text);
  if (bare && typed.mention === undefined) {
    typed.mention = bare[1]!;
    text = text.slice(0, bare.index) + ' ' + text.slice(bare.index + bare[0].length);
  }
  const words = text.trim().split(/\s+/).filter(Boolean);
  const action = first.toLowerCase();
  const split = splitShowAndChannel(words);
  const removeText = options.remove ?? typed.remove ?? '';
  return {
    action,
    rest: (action === 'follow' ? options.feed : options.show) ?? words.join(' '),
    show: options.show ?? split.show,
    channel: options.channel ?? split.channel,
    only: (options.only ?? typed.only ?? '').replace(/,/g, ' '),
    mention: options.mention ?? typed.mention ?? '',
    remove: /^(true|yes|1|on)$/i.test(removeText.trim()),
    confirm: options.confirm ?? typed.confirm ?? null,
  };
}

/** Reads a channel as a platform gives it: an id, `<#C123|name>` (Slack), `<#123>` (Discord); null otherwise. */
export function parseChannelRef(text: string): { id: string; name: string | null } | null {
  const t = text.trim();
  const m = /^<#([A-Z0-9]+)(?:\|([^>]*))?>$/i.exec(t) ?? /^#?([A-Z0-9]{6,30})$/.exec(t);
  return m ? { id: m[1]!, name: m[2] || null } : null;
}

/** Slack and console type `subscribe [show] [#channel]`: a trailing channel reference, the rest names the show. */
function splitShowAndChannel(words: string[]): { show: string; channel: string } {
  const last = words.at(-1) ?? '';
  if (last && parseChannelRef(last)) {
    return { show: words.slice(0, -1).join(' '), channel: last };
  }
  return { show: words.join(' '), channel: '' };
}

/**
 * The role (Discord) or user group (Slack) a subscription pings, as the
 * platform's mention syntax (`<@&id>`, `<!subteam^ID>`); null for none.
 * Anything else (`@everyone`, `@here`, a user, another platform's syntax) is refused.
 */
export function readMention(text: string, platform: Invocation['platform']): Result<string | null> {
  const t = text.trim();
  if (t === '' || /^none$/i.test(t)) return ok(null);
  const role = /^<@&(\d{1,25})>$/.exec(t);
  if (role && platform === 'discord') return ok(`<@&${role[1]}>`);
  const group = /^<!subteam\^([A-Z0-9]{1,30})(?:\|[^>]*)?>$/i.exec(t);
  if (group && platform === 'slack') return ok(`<!subteam^${group[1]!.toUpperCase()}>`);
  const what = platform === 'slack' ? 'a user group, typed as @group so Slack sends it as one' : 'a role, picked in the mention option';
  return fail(`mention takes ${what}; never @everyone, @here, a person or anything else (got “${t.slice(0, 40)}”).`);
}
