import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { completeChannel, completeUser, handleApiMethod } from './api-methods.ts';
import type { ApiState } from './api-methods.ts';
import { parseApiBody, readRawBody, tokenOf } from './request-body.ts';
import { CallRecorder } from './call-recorder.ts';
import { SocketModeServer } from './socket-mode.ts';
import type { RecordedCall, SlackApiDouble, SlackApiDoubleOptions } from './types.ts';

const RESPONSE_METHOD = 'response_url';

/**
 * Starts a fake of Slack's Web API (`/api/<method>`) and of `response_url` endpoints (`/response/<id>`) on
 * 127.0.0.1 with an ephemeral port. Pass `double.apiUrl` to Bolt as `clientOptions.slackApiUrl`.
 */
export async function startSlackApiDouble(options: SlackApiDoubleOptions = {}): Promise<SlackApiDouble> {
  const teamId = options.teamId ?? 'T_TEST';
  let tsCounter = 0;
  let idCounter = 0;
  const state: ApiState = {
    teamId,
    botUserId: options.botUserId ?? 'U_BOT',
    botId: options.botId ?? 'B123',
    users: new Map(Object.entries(options.users ?? {}).map(([id, u]) => [id, completeUser({ ...u, id }, teamId)])),
    channels: new Map(Object.entries(options.channels ?? {}).map(([id, c]) => [id, completeChannel({ ...c, id })])),
    channelErrors: new Map(Object.entries(options.channelErrors ?? {})),
    methodErrors: new Map(Object.entries(options.methodErrors ?? {})),
    history: new Map(),
    nextTs: () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`,
    nextId: (prefix) => `${prefix}${String(++idCounter).padStart(8, '0')}`,
    nextSocketUrl: () => socketMode!.nextUrl(),
    historyMaxMessages: options.historyLimits?.maxMessages ?? null,
  };
  let historyLimits = options.historyLimits ?? null;
  let lastHistoryCall = -Infinity;
  let socketMode: SocketModeServer | null = null;
  const rateLimited = new Set(options.rateLimitOnce ?? []);
  const held = new Set<string>();
  const delays = new Map<string, number>();
  const retryAfter = options.retryAfterSeconds ?? 1;
  const tokens = options.tokens === undefined ? undefined : new Set(options.tokens);
  const failedResponseUrls = new Map<string, { status: number; text: string }>();
  const recorder = new CallRecorder();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readRawBody(req);
    const reply = (status: number, response: Record<string, unknown>, extra: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...extra });
      res.end(JSON.stringify(response));
    };
    const receivedAt = performance.now();
    const record = (call: Omit<RecordedCall, 'headers' | 'rawBody' | 'receivedAt'>): void =>
      recorder.record({ ...call, headers: req.headers, rawBody, receivedAt });

    const responseMatch = /^\/response\/(.+)$/.exec(url.pathname);
    if (responseMatch?.[1] !== undefined && req.method === 'POST') {
      const responseId = decodeURIComponent(responseMatch[1]);
      const body = parseApiBody(rawBody, req.headers['content-type'] ?? 'application/json', new URLSearchParams());
      const failure = failedResponseUrls.get(responseId);
      if (failure !== undefined) {
        record({ method: RESPONSE_METHOD, responseId, body, status: failure.status, response: { text: failure.text } });
        res.writeHead(failure.status, { 'content-type': 'text/plain' });
        res.end(failure.text);
        return;
      }
      record({ method: RESPONSE_METHOD, responseId, body, status: 200, response: { ok: true } });
      reply(200, { ok: true });
      return;
    }

    const apiMatch = /^\/api\/([^/]+)$/.exec(url.pathname);
    if (apiMatch?.[1] === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`Slack double: no route for ${req.method ?? '?'} ${url.pathname}`);
      return;
    }
    const method = apiMatch[1];
    let body: Record<string, unknown>;
    try {
      body = parseApiBody(rawBody, req.headers['content-type'], url.searchParams);
    } catch {
      body = {};
      const response = { ok: false, error: 'invalid_json' };
      record({ method, body, status: 200, response });
      reply(200, response);
      return;
    }
    if (method === 'conversations.history' && historyLimits) {
      const wait = lastHistoryCall + historyLimits.intervalMs - Date.now();
      if (wait > 0) {
        const response = { ok: false, error: 'ratelimited' };
        record({ method, body, status: 429, response });
        reply(429, response, { 'retry-after': String(Math.ceil(wait / 1000)) });
        return;
      }
      lastHistoryCall = Date.now();
    }
    if (rateLimited.delete(method)) {
      const response = { ok: false, error: 'ratelimited' };
      record({ method, body, status: 429, response });
      reply(429, response, { 'retry-after': String(retryAfter) });
      return;
    }
    const token = tokenOf(req.headers.authorization, body);
    let response: Record<string, unknown>;
    if (method !== 'api.test' && token === undefined) response = { ok: false, error: 'not_authed' };
    else if (tokens !== undefined && token !== undefined && !tokens.has(token)) {
      response = { ok: false, error: 'invalid_auth' };
    } else if (method === 'apps.connections.open' && !token?.startsWith('xapp-')) {
      response = { ok: false, error: 'not_allowed_token_type' };
    } else response = handleApiMethod(method, body, state);
    record({ method, body, status: 200, response });
    if (held.has(method) && response['ok'] === true) return; // done, but the answer never reaches the client
    const delay = delays.get(method);
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay)); // recorded at once, answered late
    reply(200, response);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`Slack double crashed: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const sockets = new SocketModeServer(origin);
  socketMode = sockets;
  server.on('upgrade', (req, socket, head) => sockets.handleUpgrade(req, socket, head));

  return {
    apiUrl: `${origin}/api/`,
    origin,
    calls: recorder.calls,
    callsTo: (method) => recorder.calls.filter((c) => c.method === method),
    responseUrl: (id) => `${origin}/response/${encodeURIComponent(id)}`,
    responsesTo: (id) =>
      recorder.calls.filter((c) => c.method === RESPONSE_METHOD && c.responseId === id).map((c) => c.body),
    waitForCall: (method, predicate, timeoutMs) =>
      recorder.waitFor((c) => c.method === method && (predicate?.(c) ?? true), `call to "${method}"`, timeoutMs),
    waitForResponse: async (id, timeoutMs) => {
      const call = await recorder.waitFor(
        (c) => c.method === RESPONSE_METHOD && c.responseId === id,
        `POST to response URL "${id}"`,
        timeoutMs,
      );
      return call.body;
    },
    setUser: (user) => void state.users.set(user.id, completeUser(user, teamId)),
    setChannel: (channel) => void state.channels.set(channel.id, completeChannel(channel)),
    failChannel: (channel, error) =>
      void (error === undefined ? state.channelErrors.delete(channel) : state.channelErrors.set(channel, error)),
    failMethod: (method, error) =>
      void (error === undefined ? state.methodErrors.delete(method) : state.methodErrors.set(method, error)),
    rateLimitNext: (method) => void rateLimited.add(method),
    holdResponses: (method, hold = true) => void (hold ? held.add(method) : held.delete(method)),
    enforceHistoryLimits: (limits) => {
      historyLimits = limits;
      state.historyMaxMessages = limits?.maxMessages ?? null;
    },
    delayResponses: (method, ms) => void (ms === null ? delays.delete(method) : delays.set(method, ms)),
    channelHistory: (channel) => [...(state.history.get(channel) ?? [])],
    failResponseUrl: (id, status, text = 'expired_url') => void failedResponseUrls.set(id, { status, text }),
    socketMode: sockets,
    clearCalls: () => recorder.clear(),
    close: async () => {
      recorder.rejectAll('Slack double was closed');
      await sockets.close();
      if (!server.listening) return;
      const closed = new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      server.closeAllConnections();
      await closed;
    },
  };
}
