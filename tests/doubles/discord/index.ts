/**
 * A test double of Discord's servers (REST API + gateway) for the real discord.js 14 `Client`.
 *
 * Everything is served on one ephemeral port of 127.0.0.1: REST under `/api/v10/...`, the gateway
 * WebSocket on `/` (discord.js connects to `ws://127.0.0.1:PORT?v=10&encoding=json`).
 *
 * Point the real client at it like this:
 * ```ts
 * const double = await startDiscordDouble();
 * const client = new Client({
 *   intents: [GatewayIntentBits.Guilds],
 *   rest: { api: double.apiUrl },   // REST base; discord.js appends `/v10`
 *   shards: [0], shardCount: 1,      // never 'auto'
 * });
 * await client.login(double.token);
 * // ... test ...
 * await client.destroy();
 * await double.close();
 * ```
 * No `ws` option is needed: @discordjs/ws has no hard-coded gateway URL, it always asks
 * REST `GET /gateway/bot` (WebSocketManager.fetchGatewayInformation) and connects to the `url` the double returns,
 * then to READY's `resume_gateway_url` on resume. Only `rest.api` has a discord.com default.
 *
 * Good to know: listen to `Events.ClientReady` (`'ready'` is deprecated); DM interactions have
 * `interaction.channel === null` unless the client enables `partials: [Partials.Channel]`; interaction
 * callbacks and webhook routes are sent without `Authorization`; if `zlib-sync` gets installed discord.js
 * asks for `compress=zlib-stream`, which the double refuses (close 4012).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIInteraction, APIMessage, APIUser } from 'discord.js';
import { buildUser } from './entities.ts';
import { nextSnowflake, randomToken } from './snowflake.ts';
import { Gateway } from './gateway.ts';
import { ApplicationKeys, postInteraction, type InteractionHttpResponse, type SignedPostOptions } from './http-interactions.ts';
import {
  buildAutocompleteInteraction,
  buildChatInputInteraction,
  buildComponentInteraction,
  type AutocompleteInteractionInput,
  type ChatInputInteractionInput,
  type ComponentInteractionInput,
  type InteractionContext,
} from './interactions.ts';
import { createRestListener } from './rest.ts';
import type { ForumThread } from './forum-routes.ts';
import { DoubleState } from './state.ts';
import type {
  DiscordDoubleOptions,
  DiscordErrorSpec,
  GuildSpec,
  RecordedCallback,
  RecordedGatewayConnection,
  RecordedGatewayPayload,
  RecordedRequest,
} from './types.ts';

export type * from './types.ts';
export type { AutocompleteInteractionInput, ChatInputInteractionInput, ComponentInteractionInput } from './interactions.ts';
export type { InteractionHttpResponse, SignedPostOptions } from './http-interactions.ts';
export { DEFAULT_USER } from './interactions.ts';
export { Permission, DEFAULT_MEMBER_PERMISSIONS } from './entities.ts';

/** Ready-made Discord JSON errors for {@link DiscordDouble.failChannelMessages}. */
export const DiscordErrors = {
  missingPermissions: { status: 403, code: 50013, message: 'Missing Permissions' },
  missingAccess: { status: 403, code: 50001, message: 'Missing Access' },
  unknownChannel: { status: 404, code: 10003, message: 'Unknown Channel' },
} as const satisfies Record<string, DiscordErrorSpec>;

const DEFAULT_WAIT_MS = 2_000;

/** A running double. Create with {@link startDiscordDouble}; always `close()` it. */
export class DiscordDouble {
  /** Base for discord.js `rest.api`, e.g. `http://127.0.0.1:PORT/api`. */
  readonly apiUrl: string;
  /** Gateway URL returned by `/gateway/bot`, e.g. `ws://127.0.0.1:PORT`. */
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  readonly guilds: readonly GuildSpec[];
  /** First configured guild and its first text channel. */
  readonly guildId: string;
  readonly channelId: string;
  /** The application's Ed25519 public key, 64 hex characters (the bot's DISCORD_PUBLIC_KEY for the HTTP endpoint). */
  readonly publicKey: string;
  private readonly keys = new ApplicationKeys();

  /** @internal Use {@link startDiscordDouble}. */
  constructor(
    private readonly state: DoubleState,
    private readonly server: Server,
    private readonly gateway: Gateway,
  ) {
    this.apiUrl = `${state.baseUrl}/api`;
    this.gatewayUrl = state.gatewayUrl;
    this.token = state.token;
    this.applicationId = state.applicationId;
    this.botUser = state.botUser;
    this.guilds = state.guilds;
    this.guildId = state.guilds[0]?.id ?? '';
    this.channelId = state.guilds[0]?.channels[0]?.id ?? '';
    this.publicKey = this.keys.publicKeyHex;
  }

  /** Every REST request received, in order. */
  get requests(): readonly RecordedRequest[] {
    return this.state.requests;
  }

  /** Successful interaction callbacks, in order. */
  get callbacks(): readonly RecordedCallback[] {
    return this.state.callbacks;
  }

  /** Every gateway payload clients sent (IDENTIFY, heartbeats, RESUME...). */
  get gatewayPayloads(): readonly RecordedGatewayPayload[] {
    return this.state.gatewayPayloads;
  }

  /** Gateway WebSocket connections accepted, with their query (`v`, `encoding`). */
  get gatewayConnections(): readonly RecordedGatewayConnection[] {
    return this.state.gatewayConnections;
  }

  /** Requests no route matched (answered 404 `{ code: 0 }`). */
  get unmatchedRequests(): readonly RecordedRequest[] {
    return this.state.requests.filter((request) => !request.matched);
  }

  /** Identified gateway sessions currently connected. */
  get connectedSessions(): number {
    return this.gateway.connectedSessions;
  }

  /** Global (`guildId` omitted) or guild application commands as last overwritten. */
  commands(guildId?: string): readonly unknown[] {
    return guildId === undefined ? this.state.globalCommands : (this.state.guildCommands.get(guildId) ?? []);
  }

  /** Sends a gateway dispatch (op 0) with the right sequence number to every session; returns the session count. */
  dispatch(t: string, d: unknown): number {
    return this.gateway.dispatch(t, d);
  }

  /** Dispatches INTERACTION_CREATE; throws if no client is logged in. Returns the interaction's id and token. */
  sendInteraction(payload: APIInteraction): { id: string; token: string } {
    this.registerInteraction(payload);
    if (this.dispatch('INTERACTION_CREATE', payload) === 0) throw new Error('No gateway session: log the client in before sending interactions');
    return { id: payload.id, token: payload.token };
  }

  /**
   * Acts as Discord toward an Interactions Endpoint URL (HTTP mode): POSTs `payload` signed with the application's
   * key (or as `options` says: unsigned, wrongly signed, stale, another body or content type) and resolves with the
   * HTTP response. A 200 interaction response counts as the interaction's callback: it is in `callbacks`, and the
   * webhook routes then take edits of `@original` and follow-ups, as on Discord.
   */
  postInteraction(url: string, payload: APIInteraction | null, options: SignedPostOptions = {}): Promise<InteractionHttpResponse> {
    if (payload) this.registerInteraction(payload);
    return postInteraction(this.state, this.keys, url, payload, options);
  }

  /** A slash-command interaction payload (type 2). Pass it to {@link DiscordDouble.sendInteraction}. */
  chatInputInteraction(input: ChatInputInteractionInput): ReturnType<typeof buildChatInputInteraction> {
    return buildChatInputInteraction(this.context(), input);
  }

  /** An autocomplete interaction payload (type 4). */
  autocompleteInteraction(input: AutocompleteInteractionInput): ReturnType<typeof buildAutocompleteInteraction> {
    return buildAutocompleteInteraction(this.context(), input);
  }

  /** A message-component interaction payload (type 3) with the message the component is on. */
  componentInteraction(input: ComponentInteractionInput): ReturnType<typeof buildComponentInteraction> {
    return buildComponentInteraction(this.context(), input);
  }

  /** Resolves with the callback of interaction `interactionId`; rejects after `timeoutMs` listing what was received. */
  async waitForCallback(interactionId: string, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedCallback> {
    const isCallback = (r: RecordedRequest): boolean => r.status < 300 && r.path.startsWith(`/interactions/${interactionId}/`) && r.path.endsWith('/callback');
    const request = await this.state.waitFor('request', this.state.requests, isCallback, timeoutMs, () =>
      `No callback for interaction ${interactionId} within ${timeoutMs} ms. Requests received:\n${this.state.describeRequests()}`,
    );
    const callback = this.state.callbacks.find((c) => c.request === request);
    if (!callback) throw new Error(`Callback request for ${interactionId} was not recorded as a callback`);
    return callback;
  }

  /** Resolves with the first request (already received or future) matching `predicate`. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest> {
    return this.state.waitFor('request', this.state.requests, predicate, timeoutMs, () =>
      `No matching request within ${timeoutMs} ms. Requests received:\n${this.state.describeRequests()}`,
    );
  }

  /** Resolves with the first gateway payload a client sent matching `predicate`. */
  waitForGatewayPayload(predicate: (payload: RecordedGatewayPayload) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedGatewayPayload> {
    return this.state.waitFor('gateway', this.state.gatewayPayloads, predicate, timeoutMs, () =>
      `No matching gateway payload within ${timeoutMs} ms. Received ops: ${this.state.gatewayPayloads.map((p) => p.op).join(', ') || '(none)'}`,
    );
  }

  /** Makes `POST /channels/:id/messages` fail with a Discord JSON error (e.g. {@link DiscordErrors}); `null` clears. */
  failChannelMessages(channelId: string, error: DiscordErrorSpec | null): void {
    if (error) this.state.channelFailures.set(channelId, error);
    else this.state.channelFailures.delete(channelId);
  }

  /** Answers the next `POST /channels/:id/messages` with 429 and `retry_after` (seconds), once. */
  rateLimitChannelMessagesOnce(channelId: string, retryAfterSeconds = 0.05): void {
    this.state.pendingRateLimits.set(channelId, retryAfterSeconds);
  }

  /**
   * While `hold` is true, `POST /channels/:id/messages` stores the message (it is in the channel) but never answers:
   * the bot dies or times out between Discord's acceptance and its own record of it.
   */
  holdChannelMessageResponses(channelId: string, hold = true): void {
    if (hold) this.state.heldChannels.add(channelId);
    else this.state.heldChannels.delete(channelId);
  }

  /** Posts the bot started in forum channels, oldest first (each with its first message). */
  get forumThreads(): readonly ForumThread[] {
    return this.state.threads;
  }

  /** Messages in a channel (posted through the REST API), oldest first. */
  channelMessages(channelId: string): APIMessage[] {
    return [...this.state.messages.values()].filter((m) => m.channel_id === channelId).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** How long an enforced nonce de-duplicates posts (Discord: "the past few minutes"; default 5 min). */
  setNonceWindow(ms: number): void {
    this.state.nonceWindowMs = ms;
  }

  /** Sends op 7 RECONNECT to every client; discord.js reconnects and RESUMEs. */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Closes all sockets and the server. */
  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private registerInteraction(payload: APIInteraction): void {
    this.state.interactions.set(payload.id, { payload, acknowledged: false, original: null, followUps: new Map() });
    if (payload.message) this.state.messages.set(payload.message.id, payload.message);
    const channel = payload.channel;
    if (channel?.type === 1 && 'recipients' in channel && channel.recipients?.[0]) this.state.dmChannels.set(channel.id, channel.recipients[0]);
  }

  /** A PING interaction (type 1), as Discord sends to check a new Interactions Endpoint URL. */
  pingInteraction(): APIInteraction {
    return { id: nextSnowflake(), application_id: this.applicationId, type: 1, token: randomToken('cGluZw'), version: 1 } as unknown as APIInteraction;
  }

  private context(): InteractionContext {
    return {
      applicationId: this.applicationId,
      botUser: this.botUser,
      defaultGuildId: this.guildId,
      defaultChannelId: this.channelId,
      channelName: (id) => this.state.findChannel(id)?.name,
    };
  }
}

function resolveGuilds(options: DiscordDoubleOptions): GuildSpec[] {
  const input = options.guilds ?? [{}];
  return input.map((guild, index) => ({
    id: guild.id ?? `13000000000000001${String(index).padStart(2, '0')}`,
    name: guild.name ?? 'Podcast Fans',
    ownerId: guild.ownerId ?? '1300000000000000200',
    channels: (guild.channels ?? [{}]).map((channel, channelIndex) => ({
      id: channel.id ?? `13000000000000011${String(index * 10 + channelIndex).padStart(2, '0')}`,
      name: channel.name ?? 'general',
      ...(channel.type !== undefined ? { type: channel.type } : {}),
      ...(channel.permissionOverwrites ? { permissionOverwrites: channel.permissionOverwrites } : {}),
    })),
  }));
}

/** Starts the double on 127.0.0.1 with an ephemeral port. */
export async function startDiscordDouble(options: DiscordDoubleOptions = {}): Promise<DiscordDouble> {
  const applicationId = options.applicationId ?? '1300000000000000001';
  const state = new DoubleState(
    options.token ?? 'double-bot-token',
    applicationId,
    buildUser(applicationId, options.botUsername ?? 'Episode Bot', true),
    resolveGuilds(options),
    options.heartbeatIntervalMs ?? 41_250,
  );
  const gateway = new Gateway(state);
  const server = createServer(createRestListener(state));
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return new DiscordDouble(state, server, gateway);
}
