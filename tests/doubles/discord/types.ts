import type { APIMessage } from 'discord.js';

/** A file part of a multipart request, as recorded by the double. */
export interface RecordedFile {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** How a request body arrived. */
export type BodyKind = 'none' | 'json' | 'multipart' | 'text';

/** One HTTP request received by the double's REST API. */
export interface RecordedRequest {
  method: string;
  /** Decoded route without the `/api/v10` prefix, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** Path and query exactly as received (e.g. with `%40original`). */
  rawUrl: string;
  query: Record<string, string>;
  /** Lower-cased header names, as Node parses them (`authorization`, `content-type`, ...). */
  headers: Record<string, string>;
  /** Parsed JSON body, `payload_json` of a multipart body, raw text, or `null` when empty. */
  body: unknown;
  bodyKind: BodyKind;
  files: RecordedFile[];
  /** Status the double answered with. */
  status: number;
  /** `false` when no route of the double matched (answered 404 `{ code: 0 }`). */
  matched: boolean;
  /** `Date.now()` when the request was received. */
  at: number;
}

/** Body of `POST /interactions/:id/:token/callback` as Discord defines it. */
export interface InteractionCallbackBody {
  type: number;
  data?: Record<string, unknown>;
}

/** An interaction callback received by the double. */
export interface RecordedCallback {
  interactionId: string;
  token: string;
  body: InteractionCallbackBody;
  bodyKind: BodyKind;
  files: RecordedFile[];
  /** Whether discord.js asked for `?with_response=true`. */
  withResponse: boolean;
  request: RecordedRequest;
}

/** One payload a gateway client sent to the double. */
export interface RecordedGatewayPayload {
  connection: number;
  op: number;
  d: unknown;
}

/** A gateway WebSocket connection the double accepted. */
export interface RecordedGatewayConnection {
  id: number;
  /** Query string of the upgrade request (discord.js sends `v=10&encoding=json`). */
  query: Record<string, string>;
}

/** A Discord JSON error the double should answer with. */
export interface DiscordErrorSpec {
  status: number;
  code: number;
  message: string;
}

/** Channel configuration of a guild served by the double. */
export interface ChannelSpec {
  id: string;
  name: string;
  /** Discord's channel type: 0 text (default), 15 forum. */
  type?: number;
  /** The channel's permission overwrites (e.g. denying the bot Send Messages). */
  permissionOverwrites?: Array<{ id: string; type: 0 | 1; allow: string; deny: string }>;
}

/** Guild served by the double in READY / GUILD_CREATE. */
export interface GuildSpec {
  id: string;
  name: string;
  ownerId: string;
  channels: ChannelSpec[];
}

/** Options of {@link startDiscordDouble}. All optional. */
export interface DiscordDoubleOptions {
  /** Bot token accepted by REST and IDENTIFY. Default `double-bot-token`. */
  token?: string;
  /** Application id, also the bot user id. */
  applicationId?: string;
  botUsername?: string;
  /** Guilds sent on login; default one guild with one text channel `#general`. */
  guilds?: Array<{ id?: string; name?: string; ownerId?: string; channels?: Array<{ id?: string; name?: string; type?: number; permissionOverwrites?: ChannelSpec['permissionOverwrites'] }> }>;
  /** Heartbeat interval announced in HELLO. Default 41250 ms (Discord's value). */
  heartbeatIntervalMs?: number;
}

/** A message stored by the double (sent to a channel or via an interaction webhook). */
export type StoredMessage = APIMessage;
