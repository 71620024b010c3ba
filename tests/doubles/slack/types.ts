import type { IncomingHttpHeaders } from 'node:http';

/** One request the double received, either a Web API method call or a POST to a response URL. */
export interface RecordedCall {
  /** Web API method (e.g. `chat.postMessage`), or `response_url` for POSTs to {@link SlackApiDouble.responseUrl}. */
  method: string;
  /** Parsed body. Form fields stay strings, except JSON-looking fields (`blocks`, `view`, ...) which are decoded. */
  body: Record<string, unknown>;
  /** Request headers as Node received them (lower-case names). */
  headers: IncomingHttpHeaders;
  /** Body exactly as received. */
  rawBody: string;
  /** HTTP status the double answered with. */
  status: number;
  /** JSON the double answered with. */
  response: Record<string, unknown>;
  /** For `response_url` calls: the id passed to {@link SlackApiDouble.responseUrl}. */
  responseId?: string;
  /** `performance.now()` when the double had received the whole request (the bench times answers with it). */
  receivedAt: number;
}

/** A Slack user as `users.info` returns it (only the fields tests usually care about are required). */
export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_bot: boolean;
  deleted: boolean;
  tz: string;
  [key: string]: unknown;
}

/** A conversation as `conversations.info` returns it. */
export interface SlackChannel {
  id: string;
  name: string;
  is_channel: boolean;
  is_private: boolean;
  is_archived: boolean;
  is_member: boolean;
  is_im: boolean;
  [key: string]: unknown;
}

/** Errors the double can be told to return for every call naming a channel. */
export type ChannelError = 'channel_not_found' | 'not_in_channel' | 'is_archived' | (string & {});

/** Configuration for {@link startSlackApiDouble}. */
export interface SlackApiDoubleOptions {
  /** Team id reported by `auth.test` and used for users without one. Default `T_TEST`. */
  teamId?: string;
  /** Bot user id reported by `auth.test` and used as `message.user`. Default `U_BOT`. */
  botUserId?: string;
  /** Bot id reported by `auth.test`. Default `B123`. */
  botId?: string;
  /** When given, only these bearer tokens are accepted; others get `invalid_auth`. */
  tokens?: string[];
  /** Users known to `users.info`, keyed by id. Unknown ids get `user_not_found`, like real Slack. */
  users?: Record<string, Partial<SlackUser>>;
  /** Channels known to `conversations.info`. Unknown ids are synthesised as public channels the bot is in. */
  channels?: Record<string, Partial<SlackChannel>>;
  /** Per-channel failures for every method called with that `channel`. */
  channelErrors?: Record<string, ChannelError>;
  /** Per-method failures (`{ ok: false, error }`), e.g. `{ 'views.open': 'expired_trigger_id' }`. */
  methodErrors?: Record<string, string>;
  /** Methods whose NEXT call gets a 429 with `Retry-After` (one-shot each). */
  rateLimitOnce?: string[];
  /** Seconds sent in `Retry-After`. Default 1 (the smallest value @slack/web-api accepts as a delay). */
  retryAfterSeconds?: number;
  /** Enforce Slack's limits on `conversations.history` for non-Marketplace apps (see {@link HistoryLimits}); off by default. */
  historyLimits?: HistoryLimits;
}

/**
 * Slack's limits on `conversations.history` for apps outside the Marketplace (since May 29, 2025): one call per
 * `intervalMs` (Slack: 60 s) per workspace — a sooner call gets 429 `ratelimited` with `Retry-After` (whole seconds
 * until the next call is allowed) — and at most `maxMessages` (Slack: 15) messages a call, also the default `limit`.
 */
export interface HistoryLimits {
  intervalMs: number;
  maxMessages: number;
}

/** The Socket Mode side of the double: WebSocket connections opened via `apps.connections.open`. */
export interface SocketModeDouble {
  /** Open Socket Mode connections. */
  readonly connections: number;
  /** Resolves once a client has connected (and been sent `hello`). */
  waitForConnection(timeoutMs?: number): Promise<void>;
  /**
   * Pushes an envelope (`slash_commands`, `interactive`, `events_api`) with `payload` over the open connection and
   * resolves with the payload of the client's ack (what Bolt's `ack(...)` was given; `{}` for an empty ack).
   */
  send(type: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** A running fake of Slack's Web API and response URLs. */
export interface SlackApiDouble {
  /** Base URL for Bolt's `clientOptions.slackApiUrl`, e.g. `http://127.0.0.1:PORT/api/`. */
  readonly apiUrl: string;
  /** Server origin, e.g. `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Everything received so far, in arrival order. */
  readonly calls: RecordedCall[];
  /** Web API calls for one method. */
  callsTo(method: string): RecordedCall[];
  /** A response URL served by the double; POSTs to it are recorded and answered `{ ok: true }`. */
  responseUrl(id: string): string;
  /** Bodies POSTed to one response URL so far. */
  responsesTo(id: string): Record<string, unknown>[];
  /** Resolves with the first call (past or future) to `method` matching `predicate`. */
  waitForCall(
    method: string,
    predicate?: (call: RecordedCall) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedCall>;
  /** Resolves with the first JSON body POSTed to `responseUrl(id)`. */
  waitForResponse(id: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Adds or replaces a user for `users.info`. */
  setUser(user: Partial<SlackUser> & { id: string }): void;
  /** Adds or replaces a channel for `conversations.info`. */
  setChannel(channel: Partial<SlackChannel> & { id: string }): void;
  /** Makes every call naming `channel` fail with `error`; `undefined` clears it. */
  failChannel(channel: string, error: ChannelError | undefined): void;
  /** Makes every call to `method` fail with `error`; `undefined` clears it. */
  failMethod(method: string, error: string | undefined): void;
  /** Makes the next call to `method` answer 429 with `Retry-After`. */
  rateLimitNext(method: string): void;
  /**
   * While `hold` is true, successful calls to `method` take effect (a posted message is in the channel's history) but
   * are never answered: the client dies or times out between Slack's acceptance and its own record of it.
   */
  holdResponses(method: string, hold?: boolean): void;
  /** Starts (or, with `null`, stops) enforcing Slack's `conversations.history` limits; see {@link HistoryLimits}. */
  enforceHistoryLimits(limits: HistoryLimits | null): void;
  /** Makes every call to `method` wait `ms` before it is answered (a slow Slack); `null` clears it. */
  delayResponses(method: string, ms: number | null): void;
  /** Messages posted to a channel with `chat.postMessage`, oldest first (what `conversations.history` serves). */
  channelHistory(channel: string): Record<string, unknown>[];
  /** Makes POSTs to `responseUrl(id)` answer `status` with a plain-text body (e.g. 404 `expired_url`). */
  failResponseUrl(id: string, status: number, text?: string): void;
  /**
   * Socket Mode: `apps.connections.open` (app-level `xapp-` tokens only, like Slack) returns a WebSocket URL served
   * by the double; push envelopes through it here.
   */
  readonly socketMode: SocketModeDouble;
  /** Forgets recorded calls (configuration is kept). */
  clearCalls(): void;
  /** Stops the server, drops open connections, rejects pending waits. */
  close(): Promise<void>;
}
