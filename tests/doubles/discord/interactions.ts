import type {
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataBasicOption,
  APIChatInputApplicationCommandInteraction,
  APIMessage,
  APIMessageComponentInteraction,
  APIUser,
  ChannelFlags,
  GuildMemberFlags,
  Locale,
} from 'discord.js';
import { DEFAULT_MEMBER_PERMISSIONS, buildMessage, buildUser } from './entities.ts';
import { nextSnowflake, randomToken } from './snowflake.ts';

/** What the builders need to know about the double (its application, default guild and channel). */
export interface InteractionContext {
  applicationId: string;
  botUser: APIUser;
  defaultGuildId: string;
  defaultChannelId: string;
  channelName(channelId: string): string | undefined;
}

/** Option value given to a builder; the option type is inferred (string 3, integer 4, boolean 5, number 10). */
export type OptionValue = string | number | boolean;

/** Command options: a `{ name: value }` record or Discord-shaped option objects. */
export type OptionsInput = Record<string, OptionValue> | Array<{ name: string; type?: number; value: OptionValue; focused?: boolean }>;

/** Who triggers the interaction and where (shared by all builders). */
export interface InteractionOrigin {
  /** Guild of the interaction; `null` for a DM with the bot. Default: the double's first guild. */
  guildId?: string | null;
  /** Default: the double's first text channel (or a fresh DM channel when `guildId` is `null`). */
  channelId?: string;
  user?: { id?: string; username?: string };
  /** Permission bitfield of the invoking member (guild only). Default: view/send/embed/attach/read history/use commands. */
  memberPermissions?: bigint | string;
  /** Permission bitfield of the app in the channel. Default: same as a member. */
  appPermissions?: bigint | string;
  locale?: string;
}

export interface ChatInputInteractionInput extends InteractionOrigin {
  name: string;
  options?: OptionsInput;
  commandId?: string;
}

export interface AutocompleteInteractionInput extends InteractionOrigin {
  name: string;
  /** Name of the option being typed into. */
  focusedOption: string;
  /** What the user has typed so far. */
  value: string;
  /** Other, already filled options. */
  options?: OptionsInput;
  commandId?: string;
}

export interface ComponentInteractionInput extends InteractionOrigin {
  customId: string;
  /** The message carrying the component. Default: a bot message with one button using `customId`. */
  message?: Partial<APIMessage>;
  /** 2 = button (default), 3 = string select. */
  componentType?: number;
  /** Selected values (select menus). */
  values?: string[];
}

export const DEFAULT_USER = { id: '1300000000000000201', username: 'listener' };

function optionType(value: OptionValue): number {
  if (typeof value === 'string') return 3;
  if (typeof value === 'boolean') return 5;
  return Number.isInteger(value) ? 4 : 10;
}

/** Normalises options into Discord's `[{ name, type, value }]` shape. */
export function toApiOptions(input: OptionsInput | undefined): APIApplicationCommandInteractionDataBasicOption[] {
  if (!input) return [];
  const list = Array.isArray(input) ? input : Object.entries(input).map(([name, value]) => ({ name, value }));
  return list.map((option) => {
    const type = 'type' in option && option.type !== undefined ? option.type : optionType(option.value);
    const focused = 'focused' in option && option.focused ? { focused: true } : {};
    return { name: option.name, type, value: option.value, ...focused } as APIApplicationCommandInteractionDataBasicOption;
  });
}

type BaseFields = Omit<APIChatInputApplicationCommandInteraction, 'type' | 'data'>;

// Fields common to every interaction: ids, token, user/member, channel, permissions, locale, context.
function baseInteraction(ctx: InteractionContext, origin: InteractionOrigin): BaseFields {
  const user = buildUser(origin.user?.id ?? DEFAULT_USER.id, origin.user?.username ?? DEFAULT_USER.username);
  const guildId = origin.guildId === undefined ? ctx.defaultGuildId : origin.guildId;
  const appPermissions = String(origin.appPermissions ?? DEFAULT_MEMBER_PERMISSIONS);
  const memberPermissions = String(origin.memberPermissions ?? DEFAULT_MEMBER_PERMISSIONS);
  const locale = (origin.locale ?? 'en-US') as Locale;
  const common = {
    id: nextSnowflake(),
    application_id: ctx.applicationId,
    token: randomToken('aW50ZXJhY3Rpb24'),
    version: 1 as const,
    app_permissions: appPermissions,
    locale,
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (guildId === null) {
    const channelId = origin.channelId ?? nextSnowflake();
    return {
      ...common,
      user,
      channel: { id: channelId, type: 1, flags: 0 as ChannelFlags, last_message_id: null, recipients: [user] },
      channel_id: channelId,
      authorizing_integration_owners: { 0: '0' },
      context: 1,
    };
  }
  const channelId = origin.channelId ?? ctx.defaultChannelId;
  // Discord sends fields discord-api-types does not model (unusual_dm_activity_until, channel permissions).
  const member = {
    user,
    roles: [],
    premium_since: null,
    permissions: memberPermissions,
    pending: false,
    nick: null,
    mute: false,
    deaf: false,
    joined_at: '2024-01-01T00:00:00.000000+00:00',
    flags: 0 as GuildMemberFlags,
    communication_disabled_until: null,
    avatar: null,
    banner: null,
    unusual_dm_activity_until: null,
  };
  const channel = {
    id: channelId,
    type: 0,
    guild_id: guildId,
    name: ctx.channelName(channelId) ?? 'general',
    position: 0,
    flags: 0 as ChannelFlags,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    permissions: memberPermissions,
  };
  return {
    ...common,
    guild_id: guildId,
    guild: { id: guildId, locale: 'en-US' as Locale, features: [] },
    guild_locale: 'en-US' as Locale,
    member,
    channel,
    channel_id: channelId,
    authorizing_integration_owners: { 0: guildId },
    context: 0,
  };
}

/** A slash-command (CHAT_INPUT) INTERACTION_CREATE payload. */
export function buildChatInputInteraction(ctx: InteractionContext, input: ChatInputInteractionInput): APIChatInputApplicationCommandInteraction {
  const base = baseInteraction(ctx, input);
  const options = toApiOptions(input.options);
  return {
    ...base,
    type: 2,
    data: {
      id: input.commandId ?? nextSnowflake(),
      name: input.name,
      type: 1,
      ...(options.length > 0 ? { options } : {}),
      ...('guild_id' in base ? { guild_id: base.guild_id } : {}),
    },
  } satisfies APIChatInputApplicationCommandInteraction;
}

/** An APPLICATION_COMMAND_AUTOCOMPLETE INTERACTION_CREATE payload; the focused option has `focused: true`. */
export function buildAutocompleteInteraction(
  ctx: InteractionContext,
  input: AutocompleteInteractionInput,
): APIApplicationCommandAutocompleteInteraction {
  const base = baseInteraction(ctx, input);
  const others = toApiOptions(input.options).filter((option) => option.name !== input.focusedOption);
  const focused = { name: input.focusedOption, type: 3, value: input.value, focused: true };
  return {
    ...base,
    type: 4,
    data: { id: input.commandId ?? nextSnowflake(), name: input.name, type: 1, options: [...others, focused] },
  } satisfies APIApplicationCommandAutocompleteInteraction;
}

/** A MESSAGE_COMPONENT INTERACTION_CREATE payload carrying the message the component is on. */
export function buildComponentInteraction(ctx: InteractionContext, input: ComponentInteractionInput): APIMessageComponentInteraction {
  const base = baseInteraction(ctx, input);
  const componentType = input.componentType ?? 2;
  const defaultMessage = buildMessage({
    channelId: base.channel_id,
    ...('guild_id' in base ? { guildId: base.guild_id } : {}),
    author: ctx.botUser,
    body: {
      content: 'Pick one',
      components: [{ type: 1, id: 1, components: [{ type: 2, id: 2, style: 1, label: 'Button', custom_id: input.customId }] }],
    },
  });
  const message = { ...defaultMessage, ...input.message, channel_id: base.channel_id };
  const data = componentType === 2
    ? { custom_id: input.customId, component_type: 2 }
    : { custom_id: input.customId, component_type: componentType, values: input.values ?? [] };
  return { ...base, type: 3, message, data } satisfies APIMessageComponentInteraction;
}
