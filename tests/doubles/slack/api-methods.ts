import type { SlackChannel, SlackUser } from './types.ts';

/** Mutable configuration and state shared by the method handlers. */
export interface ApiState {
  teamId: string;
  botUserId: string;
  botId: string;
  users: Map<string, SlackUser>;
  channels: Map<string, SlackChannel>;
  channelErrors: Map<string, string>;
  methodErrors: Map<string, string>;
  /** Messages posted with `chat.postMessage`, per channel, oldest first (what `conversations.history` reads). */
  history: Map<string, Result[]>;
  nextTs: () => string;
  nextId: (prefix: string) => string;
  /** A fresh Socket Mode WebSocket URL. */
  nextSocketUrl: () => string;
  /** The most messages a `conversations.history` call returns, and its default `limit` (Slack's limits for non-Marketplace apps: 15). */
  historyMaxMessages: number | null;
}

type Result = Record<string, unknown>;
type Handler = (body: Record<string, unknown>, state: ApiState) => Result;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const fail = (error: string): Result => ({ ok: false, error });

/** Fills a partial user with realistic defaults. */
export function completeUser(user: Partial<SlackUser> & { id: string }, teamId: string): SlackUser {
  const name = user.name ?? user.id.toLowerCase();
  return {
    team_id: teamId,
    name,
    real_name: name,
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_bot: false,
    deleted: false,
    tz: 'Europe/London',
    ...user,
    profile: { real_name: user.real_name ?? name, display_name: name, ...(user['profile'] as object | undefined) },
  };
}

/** Fills a partial channel with the defaults of a public channel the bot is a member of. */
export function completeChannel(channel: Partial<SlackChannel> & { id: string }): SlackChannel {
  return {
    name: channel.id.toLowerCase(),
    is_channel: true,
    is_private: false,
    is_archived: false,
    is_member: true,
    is_im: false,
    ...channel,
  };
}

function buildMessage(body: Record<string, unknown>, state: ApiState, ts: string): Result {
  const message: Result = {
    type: 'message',
    subtype: 'bot_message',
    text: str(body['text']) ?? '',
    user: state.botUserId,
    bot_id: state.botId,
    team: state.teamId,
    ts,
  };
  for (const key of ['blocks', 'attachments', 'thread_ts', 'metadata'] as const) {
    if (body[key] !== undefined) message[key] = body[key];
  }
  return message;
}

const hasContent = (body: Record<string, unknown>): boolean =>
  str(body['text']) !== undefined || body['blocks'] !== undefined || body['attachments'] !== undefined;

const handlers: Record<string, Handler> = {
  'api.test': (body) => ({ ok: true, args: body }),
  'apps.connections.open': (_body, s) => ({ ok: true, url: s.nextSocketUrl() }),
  'auth.test': (_body, s) => ({
    ok: true,
    url: 'https://episode-bot-test.slack.com/',
    team: 'Episode Bot Test',
    user: 'episode-bot',
    team_id: s.teamId,
    user_id: s.botUserId,
    bot_id: s.botId,
    is_enterprise_install: false,
  }),
  'chat.postMessage': (body, s) => {
    if (!hasContent(body)) return fail('no_text');
    const ts = s.nextTs();
    const message = buildMessage(body, s, ts);
    const channel = String(body['channel']);
    s.history.set(channel, [...(s.history.get(channel) ?? []), message]);
    return { ok: true, channel, ts, message };
  },
  'conversations.history': (body, s) => conversationsHistory(body, s),
  'chat.postEphemeral': (body, s) => {
    if (str(body['user']) === undefined) return fail('user_not_found');
    if (!hasContent(body)) return fail('no_text');
    return { ok: true, message_ts: s.nextTs() };
  },
  'chat.update': (body, s) => {
    const ts = str(body['ts']);
    if (ts === undefined) return fail('message_not_found');
    if (!hasContent(body)) return fail('no_text');
    const message = buildMessage(body, s, ts);
    return { ok: true, channel: body['channel'], ts, text: message['text'], message };
  },
  'users.info': (body, s) => {
    const user = s.users.get(str(body['user']) ?? '');
    return user === undefined ? fail('user_not_found') : { ok: true, user };
  },
  'conversations.info': (body, s) => {
    const id = str(body['channel']) ?? '';
    return { ok: true, channel: s.channels.get(id) ?? completeChannel({ id }) };
  },
  'views.open': (body, s) => {
    if (str(body['trigger_id']) === undefined) return fail('invalid_trigger_id');
    const view = body['view'];
    if (view === null || typeof view !== 'object') return fail('invalid_arguments');
    return {
      ok: true,
      view: { id: s.nextId('V'), team_id: s.teamId, app_id: 'A_TEST', bot_id: s.botId, ...(view as Result) },
    };
  },
};

const truthy = (value: unknown): boolean => value === true || value === 'true' || value === '1' || value === 1;

/**
 * `conversations.history` as Slack documents it: only conversations the bot is a member of (`not_in_channel`
 * otherwise), newest first, `oldest`/`latest` exclusive unless `inclusive`, up to `limit` (default 100) per page with
 * `has_more` and a `response_metadata.next_cursor`, and message `metadata` only with `include_all_metadata`.
 */
function conversationsHistory(body: Record<string, unknown>, s: ApiState): Result {
  const id = str(body['channel']) ?? '';
  if (s.channels.get(id)?.is_member === false) return fail('not_in_channel');
  const inclusive = truthy(body['inclusive']);
  const oldest = Number(str(body['oldest']) ?? '0');
  const latest = str(body['latest']) === undefined ? Infinity : Number(body['latest']);
  const inRange = (ts: number) => (inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest);
  const withMetadata = truthy(body['include_all_metadata']);
  const all = (s.history.get(id) ?? [])
    .filter((m) => inRange(Number(m['ts'])))
    .reverse()
    .map((m) => (withMetadata ? m : Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'metadata'))));
  const max = s.historyMaxMessages ?? 999;
  const limit = Math.max(1, Math.min(max, Number(body['limit'] ?? Math.min(100, max)) || Math.min(100, max)));
  const start = Number(str(body['cursor'])?.replace(/^offset:/, '') ?? 0) || 0;
  const messages = all.slice(start, start + limit);
  const more = start + limit < all.length;
  return { ok: true, messages, has_more: more, pin_count: 0, response_metadata: { next_cursor: more ? `offset:${start + limit}` : '' } };
}

/** Answers one Web API call from configuration, mimicking Slack's error precedence. */
export function handleApiMethod(method: string, body: Record<string, unknown>, state: ApiState): Result {
  const handler = handlers[method];
  if (handler === undefined) return { ok: false, error: 'unknown_method', req_method: method };
  const methodError = state.methodErrors.get(method);
  if (methodError !== undefined) return fail(methodError);
  const channel = str(body['channel']);
  if (channel === undefined && /^chat\.|^conversations\./.test(method)) return fail('channel_not_found');
  const channelError = channel === undefined ? undefined : state.channelErrors.get(channel);
  if (channelError !== undefined) return fail(channelError);
  return handler(body, state);
}
