import { EventEmitter } from 'node:events';
import type { APIInteraction, APIMessage, APIUser } from 'discord.js';
import type { ForumThread } from './forum-routes.ts';
import type {
  DiscordErrorSpec,
  GuildSpec,
  RecordedCallback,
  RecordedGatewayConnection,
  RecordedGatewayPayload,
  RecordedRequest,
} from './types.ts';

/** Per-interaction bookkeeping: the payload sent, whether it was acknowledged, its webhook messages. */
export interface InteractionRecord {
  payload: APIInteraction;
  acknowledged: boolean;
  original: APIMessage | null;
  followUps: Map<string, APIMessage>;
}

/** Mutable state shared by the REST and gateway halves of the double. */
export class DoubleState {
  readonly events = new EventEmitter();
  readonly requests: RecordedRequest[] = [];
  readonly callbacks: RecordedCallback[] = [];
  readonly gatewayPayloads: RecordedGatewayPayload[] = [];
  readonly gatewayConnections: RecordedGatewayConnection[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  /** Messages by id: channel messages and component-carrying messages. */
  readonly messages = new Map<string, APIMessage>();
  readonly channelFailures = new Map<string, DiscordErrorSpec>();
  /** Channel id → seconds to answer the next message POST with 429. */
  readonly pendingRateLimits = new Map<string, number>();
  readonly globalCommands: unknown[] = [];
  readonly guildCommands = new Map<string, unknown[]>();
  /** Channels whose message POSTs are accepted (stored) but never answered, as when a connection dies mid-request. */
  readonly heldChannels = new Set<string>();
  /** Enforced nonces seen: `channel:nonce` → message id and when. */
  readonly nonces = new Map<string, { messageId: string; at: number }>();
  /** How long Discord remembers an enforced nonce ("the past few minutes"). */
  nonceWindowMs = 5 * 60_000;
  /** DM channels the double knows (from DM interactions): channel id → recipient. */
  readonly dmChannels = new Map<string, APIUser>();
  /** Posts (threads) the bot started in forum channels. */
  readonly threads: ForumThread[] = [];
  baseUrl = '';

  constructor(
    readonly token: string,
    readonly applicationId: string,
    readonly botUser: APIUser,
    readonly guilds: GuildSpec[],
    readonly heartbeatIntervalMs: number,
  ) {
    this.events.setMaxListeners(0);
  }

  get gatewayUrl(): string {
    return this.baseUrl.replace(/^http/, 'ws');
  }

  /** Finds a guild text channel served by the double. */
  findChannel(channelId: string): { guild: GuildSpec; name: string; position: number } | undefined {
    for (const guild of this.guilds) {
      const position = guild.channels.findIndex((channel) => channel.id === channelId);
      const channel = guild.channels[position];
      if (channel) return { guild, name: channel.name, position };
    }
    return undefined;
  }

  recordRequest(request: RecordedRequest): void {
    this.requests.push(request);
    this.events.emit('request', request);
  }

  recordCallback(callback: RecordedCallback): void {
    this.callbacks.push(callback);
  }

  recordGatewayPayload(payload: RecordedGatewayPayload): void {
    this.gatewayPayloads.push(payload);
    this.events.emit('gateway', payload);
  }

  /**
   * Resolves with the first item (existing or future) matching `predicate`, else rejects after `timeoutMs`
   * with `describe()` in the message.
   */
  waitFor<T>(event: 'request' | 'gateway', existing: readonly T[], predicate: (item: T) => boolean, timeoutMs: number, describe: () => string): Promise<T> {
    const found = existing.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const onItem = (item: T): void => {
        if (!predicate(item)) return;
        clearTimeout(timer);
        this.events.off(event, onItem);
        resolve(item);
      };
      const timer = setTimeout(() => {
        this.events.off(event, onItem);
        reject(new Error(describe()));
      }, timeoutMs);
      this.events.on(event, onItem);
    });
  }

  /** One line per recorded request, for timeout messages. */
  describeRequests(): string {
    if (this.requests.length === 0) return '  (no requests at all)';
    return this.requests
      .map((r) => `  ${r.method} ${r.path}${r.matched ? '' : ' [UNMATCHED]'} → ${r.status} ${r.body === null ? '' : JSON.stringify(r.body).slice(0, 160)}`)
      .join('\n');
  }
}
