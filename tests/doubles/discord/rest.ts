import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildMessage, buildUser } from './entities.ts';
import { activeThreads, getGuild, getMember, guildChannel, startForumThread } from './forum-routes.ts';
import { handleFollowUp, handleInteractionCallback, handleWebhookMessage } from './interaction-routes.ts';
import { discordError, json, notFound, readCall, writeReply, type IncomingCall, type Reply } from './http-utils.ts';
import { nextSnowflake } from './snowflake.ts';
import type { DoubleState } from './state.ts';
import type { InteractionCallbackBody } from './types.ts';

type Handler = (state: DoubleState, call: IncomingCall, params: string[]) => Reply;

interface Route {
  method: string;
  pattern: RegExp;
  // Whether `Authorization: Bot <token>` is required (interaction callbacks and webhooks use the token in the URL).
  auth: boolean;
  handler: Handler;
}

const SEGMENT = '([^/]+)';
const route = (method: string, path: string, auth: boolean, handler: Handler): Route => ({
  method,
  pattern: new RegExp(`^${path.replaceAll(':p', SEGMENT)}$`),
  auth,
  handler,
});

function gatewayBot(state: DoubleState): Reply {
  return json(200, {
    url: state.gatewayUrl,
    shards: 1,
    session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
  });
}

function application(state: DoubleState): Reply {
  return json(200, {
    id: state.applicationId,
    name: state.botUser.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: 'a'.repeat(64),
    flags: 0,
    team: null,
    owner: buildUser(state.guilds[0]?.ownerId ?? '1300000000000000200', 'owner'),
    bot: state.botUser,
    approximate_guild_count: state.guilds.length,
    interactions_endpoint_url: null,
    redirect_uris: [],
  });
}

function getChannel(state: DoubleState, _call: IncomingCall, [channelId = '']: string[]): Reply {
  const found = guildChannel(state, channelId);
  if (found) return found;
  const recipient = state.dmChannels.get(channelId);
  if (recipient) return json(200, { id: channelId, type: 1, flags: 0, last_message_id: null, recipients: [recipient] });
  return discordError(404, 10003, 'Unknown Channel');
}

function isEmptyMessage(body: Record<string, unknown> | null, call: IncomingCall): boolean {
  if (call.files.length > 0) return false;
  const filled = (key: string): boolean => {
    const value = body?.[key];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== '';
  };
  return !['content', 'embeds', 'components', 'sticker_ids', 'poll'].some(filled);
}

function createChannelMessage(state: DoubleState, call: IncomingCall, [channelId = '']: string[]): Reply {
  const guild = state.findChannel(channelId)?.guild;
  if (!guild && !state.dmChannels.has(channelId)) return discordError(404, 10003, 'Unknown Channel');
  const failure = state.channelFailures.get(channelId);
  if (failure) return discordError(failure.status, failure.code, failure.message);
  const retryAfter = state.pendingRateLimits.get(channelId);
  if (retryAfter !== undefined) {
    state.pendingRateLimits.delete(channelId);
    return {
      status: 429,
      headers: { 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user' },
      body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
    };
  }
  if (isEmptyMessage(call.body as Record<string, unknown> | null, call)) return discordError(400, 50006, 'Cannot send an empty message');
  // enforce_nonce: a nonce the author used in this channel within the window returns that message, no new one.
  const body = (call.body ?? {}) as { nonce?: string | number; enforce_nonce?: boolean };
  const nonceKey = body.enforce_nonce && body.nonce !== undefined ? `${channelId}:${String(body.nonce)}` : null;
  const earlier = nonceKey ? state.nonces.get(nonceKey) : undefined;
  const earlierMessage = earlier && Date.now() - earlier.at < state.nonceWindowMs ? state.messages.get(earlier.messageId) : undefined;
  if (earlierMessage) return json(200, { ...earlierMessage, nonce: body.nonce });
  const message = buildMessage({ channelId, ...(guild ? { guildId: guild.id } : {}), author: state.botUser, body: call.body, files: call.files });
  state.messages.set(message.id, message);
  if (nonceKey) state.nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
  // Discord echoes the nonce in the create response (and MESSAGE_CREATE) only; fetched messages do not carry it.
  return json(200, body.nonce !== undefined ? { ...message, nonce: body.nonce } : message);
}

/** GET /channels/:id/messages: newest first; `after` gives the oldest `limit` messages after that id, `before` the newest before it. */
function listChannelMessages(state: DoubleState, call: IncomingCall, [channelId = '']: string[]): Reply {
  if (!state.findChannel(channelId) && !state.dmChannels.has(channelId)) return discordError(404, 10003, 'Unknown Channel');
  const failure = state.channelFailures.get(channelId);
  if (failure) return discordError(failure.status, failure.code, failure.message);
  const limit = Math.min(100, Math.max(1, Number(call.query['limit'] ?? 50) || 50));
  const after = call.query['after'] !== undefined ? BigInt(call.query['after']) : null;
  const before = call.query['before'] !== undefined ? BigInt(call.query['before']) : null;
  const inChannel = [...state.messages.values()]
    .filter((m) => m.channel_id === channelId && (after === null || BigInt(m.id) > after) && (before === null || BigInt(m.id) < before))
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const page = after !== null ? inChannel.slice(0, limit) : inChannel.slice(-limit);
  return json(200, page.reverse());
}

function getChannelMessage(state: DoubleState, _call: IncomingCall, [channelId, messageId = '']: string[]): Reply {
  const message = state.messages.get(messageId);
  return message && message.channel_id === channelId ? json(200, message) : discordError(404, 10008, 'Unknown Message');
}

type CommandBody = Record<string, unknown> & { name?: string };

// Shapes a command like Discord echoes it back (ids, version, defaults).
function storeCommand(state: DoubleState, existing: unknown[], body: CommandBody, guildId?: string): Record<string, unknown> {
  const previous = existing.find((c) => (c as CommandBody).name === body.name) as CommandBody | undefined;
  return {
    type: 1,
    description: '',
    options: [],
    default_member_permissions: null,
    nsfw: false,
    integration_types: [0],
    contexts: null,
    name_localizations: null,
    description_localizations: null,
    ...body,
    id: previous?.['id'] ?? nextSnowflake(),
    application_id: state.applicationId,
    version: nextSnowflake(),
    ...(guildId ? { guild_id: guildId } : {}),
  };
}

function commands(state: DoubleState, call: IncomingCall, [appId, guildId]: string[]): Reply {
  if (appId !== state.applicationId) return discordError(403, 50001, 'Missing Access');
  if (guildId !== undefined && !state.guilds.some((g) => g.id === guildId)) return discordError(403, 50001, 'Missing Access');
  const current = guildId === undefined ? state.globalCommands : (state.guildCommands.get(guildId) ?? []);
  if (call.method === 'GET') return json(200, current);
  if (call.method === 'PUT') {
    if (!Array.isArray(call.body)) return discordError(400, 50035, 'Invalid Form Body');
    const next = (call.body as CommandBody[]).map((body) => storeCommand(state, current, body, guildId));
    current.splice(0, current.length, ...next);
    if (guildId !== undefined) state.guildCommands.set(guildId, current);
    return json(200, next);
  }
  const created = storeCommand(state, current, call.body as CommandBody, guildId);
  const index = current.findIndex((c) => (c as CommandBody).name === created['name']);
  if (index >= 0) current[index] = created;
  else current.push(created);
  if (guildId !== undefined) state.guildCommands.set(guildId, current);
  return json(index >= 0 ? 200 : 201, created);
}

const ROUTES: Route[] = [
  route('GET', '/gateway', false, (state) => json(200, { url: state.gatewayUrl })),
  route('GET', '/gateway/bot', true, gatewayBot),
  route('GET', '/users/@me', true, (state) => json(200, state.botUser)),
  route('GET', '/applications/@me', true, application),
  route('POST', '/interactions/:p/:p/callback', false, (s, c, [id = '', token = '']) => handleInteractionCallback(s, c, id, token)),
  route('POST', '/webhooks/:p/:p', false, (s, c, [app = '', token = '']) => handleFollowUp(s, c, app, token)),
  ...['GET', 'PATCH', 'DELETE'].map((method) =>
    route(method, '/webhooks/:p/:p/messages/:p', false, (s, c, [app = '', token = '', id = '']) => handleWebhookMessage(s, c, app, token, id)),
  ),
  route('GET', '/channels/:p', true, getChannel),
  route('POST', '/channels/:p/threads', true, startForumThread),
  route('GET', '/guilds/:p', true, getGuild),
  route('GET', '/guilds/:p/members/:p', true, getMember),
  route('GET', '/guilds/:p/threads/active', true, activeThreads),
  route('POST', '/channels/:p/messages', true, createChannelMessage),
  route('GET', '/channels/:p/messages', true, listChannelMessages),
  route('GET', '/channels/:p/messages/:p', true, getChannelMessage),
  ...['GET', 'PUT', 'POST'].flatMap((method) => [
    route(method, '/applications/:p/commands', true, commands),
    route(method, '/applications/:p/guilds/:p/commands', true, commands),
  ]),
];

function dispatch(state: DoubleState, call: IncomingCall): { reply: Reply; matched: boolean } {
  if (call.apiVersion !== '10') return { reply: notFound(), matched: false };
  for (const candidate of ROUTES) {
    const match = candidate.method === call.method ? candidate.pattern.exec(call.path) : null;
    if (!match) continue;
    if (candidate.auth && call.headers['authorization'] !== `Bot ${state.token}`) {
      return { reply: discordError(401, 0, '401: Unauthorized'), matched: true };
    }
    return { reply: candidate.handler(state, call, match.slice(1)), matched: true };
  }
  return { reply: notFound(), matched: false };
}

/** Creates the HTTP request listener serving Discord's REST API (`/api/v10/...`) from `state`. */
export function createRestListener(state: DoubleState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      const at = Date.now();
      let call: IncomingCall;
      try {
        call = await readCall(req);
      } catch (error) {
        writeReply(res, discordError(400, 50109, `The request body contains invalid JSON. (${String(error)})`));
        return;
      }
      const { reply, matched } = dispatch(state, call);
      const { apiVersion: _version, ...recorded } = call;
      const request = { ...recorded, status: reply.status, matched, at };
      const callback = /^\/interactions\/([^/]+)\/([^/]+)\/callback$/.exec(call.path);
      if (callback && reply.status < 300) {
        state.recordCallback({
          interactionId: callback[1] ?? '',
          token: callback[2] ?? '',
          body: call.body as InteractionCallbackBody,
          bodyKind: call.bodyKind,
          files: call.files,
          withResponse: call.query['with_response'] === 'true',
          request,
        });
      }
      state.recordRequest(request);
      const posted = call.method === 'POST' ? /^\/channels\/([^/]+)\/messages$/.exec(call.path) : null;
      if (posted && reply.status === 200 && state.heldChannels.has(posted[1] ?? '')) return; // accepted, never answered
      writeReply(res, reply);
    })();
  };
}
