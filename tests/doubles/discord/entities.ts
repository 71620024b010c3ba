import type {
  APIGuildTextChannel,
  APIMessage,
  APIRole,
  APIUser,
  ChannelFlags,
  ChannelType,
  GatewayGuildCreateDispatchData,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  Locale,
  RoleFlags,
  UserFlags,
} from 'discord.js';
import { nextSnowflake } from './snowflake.ts';
import type { GuildSpec, RecordedFile } from './types.ts';

/** Permission bits used by the payload builders (see Discord's permission flags). */
export const Permission = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** What a regular member (and the bot) may do in the default text channel. */
export const DEFAULT_MEMBER_PERMISSIONS = Object.values(Permission).reduce((all, bit) => all | bit, 0n).toString();

export function buildUser(id: string, username: string, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: bot ? '0001' : '0',
    global_name: bot ? null : username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function buildTextChannel(id: string, name: string, guildId: string, position = 0): APIGuildTextChannel<ChannelType.GuildText> {
  return {
    id,
    type: 0 as ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    flags: 0 as ChannelFlags,
    parent_id: null,
    topic: null,
    nsfw: false,
    permission_overwrites: [],
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

export function buildEveryoneRole(guildId: string): APIRole {
  return {
    id: guildId,
    name: '@everyone',
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: DEFAULT_MEMBER_PERMISSIONS,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

/** A GUILD_CREATE payload like Discord sends for an available guild right after READY. */
export function buildGuildCreate(spec: GuildSpec, botUser: APIUser, applicationId: string): GatewayGuildCreateDispatchData {
  const now = new Date().toISOString();
  const guild: GatewayGuildCreateDispatchData = {
    id: spec.id,
    name: spec.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: spec.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [buildEveryoneRole(spec.id)],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: spec.channels[0]?.id ?? null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US' as Locale,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    // Gateway-only fields
    joined_at: now,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [
      {
        user: botUser,
        nick: null,
        avatar: null,
        banner: null,
        roles: [],
        joined_at: now,
        premium_since: null,
        deaf: false,
        mute: false,
        flags: 0 as GuildMemberFlags,
        pending: false,
        communication_disabled_until: null,
      },
    ],
    channels: spec.channels.map((channel, index) => {
      const { guild_id: _omitted, ...withoutGuildId } = buildTextChannel(channel.id, channel.name, spec.id, index);
      return withoutGuildId;
    }),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
  // Fields Discord sends that discord-api-types does not model.
  return Object.assign(guild, { application_command_counts: { 1: 0, 2: 0, 3: 0 }, lazy: true, embedded_activities: [], version: Date.now() });
}

// Fields of a message create/edit body the double copies onto the stored message.
interface MessageBody {
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  flags?: number;
  tts?: boolean;
  attachments?: Array<{ id?: string | number; filename?: string; description?: string }>;
}

/** Builds the message object Discord returns for a created message. */
export function buildMessage(input: {
  channelId: string;
  guildId?: string;
  author: APIUser;
  body: unknown;
  files?: RecordedFile[];
  webhookId?: string;
  applicationId?: string;
}): APIMessage {
  const body = (input.body ?? {}) as MessageBody;
  const message: APIMessage & Record<string, unknown> = {
    id: nextSnowflake(),
    type: 0,
    channel_id: input.channelId,
    author: input.author,
    content: body.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts ?? false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: buildAttachments(body, input.files ?? []),
    embeds: (body.embeds ?? []) as APIMessage['embeds'],
    components: (body.components ?? []) as APIMessage['components'],
    pinned: false,
    flags: body.flags ?? 0,
  };
  if (input.guildId) message.guild_id = input.guildId;
  if (input.webhookId) message.webhook_id = input.webhookId;
  if (input.applicationId) message.application_id = input.applicationId;
  return message;
}

/** Applies an edit body (PATCH, UPDATE_MESSAGE) to a stored message, in place. */
export function applyMessageEdit(message: APIMessage, rawBody: unknown, files: RecordedFile[] = []): APIMessage {
  const body = (rawBody ?? {}) as MessageBody;
  if (body.content !== undefined) message.content = body.content ?? '';
  if (body.embeds !== undefined) message.embeds = (body.embeds ?? []) as APIMessage['embeds'];
  if (body.components !== undefined) message.components = (body.components ?? []) as APIMessage['components'];
  if (body.flags !== undefined) message.flags = body.flags ?? 0;
  if (body.attachments !== undefined || files.length > 0) message.attachments = buildAttachments(body, files);
  message.edited_timestamp = new Date().toISOString();
  return message;
}

function buildAttachments(body: MessageBody, files: RecordedFile[]): APIMessage['attachments'] {
  return files.map((file, index) => {
    const id = nextSnowflake();
    const filename = body.attachments?.[index]?.filename ?? file.filename;
    return {
      id,
      filename,
      size: file.data.length,
      url: `https://cdn.discordapp.invalid/attachments/${id}/${filename}`,
      proxy_url: `https://media.discordapp.invalid/attachments/${id}/${filename}`,
      content_type: file.contentType,
    };
  });
}
