// Builders for the request bodies Slack POSTs to an app's Request URL. Field names, order and encodings follow
// https://docs.slack.dev/interactivity/implementing-slash-commands and
// https://docs.slack.dev/reference/interaction-payloads/block_actions-payload (and Bolt's SlashCommand /
// BlockAction types).

const DEFAULTS = {
  token: 'verification-token-unused',
  teamId: 'T_TEST',
  teamDomain: 'episode-bot-test',
  apiAppId: 'A_TEST',
  userId: 'U_USER',
  userName: 'listener',
  channelId: 'C_GENERAL',
  channelName: 'general',
} as const;

let triggerCounter = 0;

/** A trigger id shaped like Slack's (`<digits>.<digits>.<hex>`), unique per call. */
export function fakeTriggerId(): string {
  triggerCounter += 1;
  return `${Date.now()}.${1000 + triggerCounter}.${triggerCounter.toString(16).padStart(32, 'a')}`;
}

/** Options for {@link slashCommandBody}. `responseUrl` is required so a test never makes Bolt POST to slack.com. */
export interface SlashCommandOptions {
  command: string;
  text?: string;
  responseUrl: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  triggerId?: string;
}

/** The `application/x-www-form-urlencoded` body Slack POSTs when a user runs a slash command. */
export function slashCommandBody(options: SlashCommandOptions): string {
  return new URLSearchParams([
    ['token', DEFAULTS.token],
    ['team_id', options.teamId ?? DEFAULTS.teamId],
    ['team_domain', options.teamDomain ?? DEFAULTS.teamDomain],
    ['channel_id', options.channelId ?? DEFAULTS.channelId],
    ['channel_name', options.channelName ?? DEFAULTS.channelName],
    ['user_id', options.userId ?? DEFAULTS.userId],
    ['user_name', options.userName ?? DEFAULTS.userName],
    ['command', options.command],
    ['text', options.text ?? ''],
    ['api_app_id', options.apiAppId ?? DEFAULTS.apiAppId],
    ['is_enterprise_install', 'false'],
    ['response_url', options.responseUrl],
    ['trigger_id', options.triggerId ?? fakeTriggerId()],
  ]).toString();
}

/** Options for {@link blockActionBody}. Pass `message: null` for an action on an ephemeral message (no `message`). */
export interface BlockActionOptions {
  actionId: string;
  value?: string;
  responseUrl: string;
  blockId?: string;
  buttonText?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
  triggerId?: string;
  /** The message the button was on. Default: a bot message with a fresh ts. */
  message?: Record<string, unknown> | null;
  /** Overrides the derived `container`. */
  container?: Record<string, unknown>;
}

/** The JSON object inside a `block_actions` interaction payload (see {@link blockActionBody} for the wire form). */
export function blockActionPayload(options: BlockActionOptions): Record<string, unknown> {
  const teamId = options.teamId ?? DEFAULTS.teamId;
  const channelId = options.channelId ?? DEFAULTS.channelId;
  const userName = options.userName ?? DEFAULTS.userName;
  const nowTs = `${(Date.now() / 1000).toFixed(6)}`;
  const message =
    options.message === null
      ? undefined
      : {
          type: 'message',
          subtype: 'bot_message',
          text: '',
          user: 'U_BOT',
          bot_id: 'B123',
          ts: nowTs,
          team: teamId,
          ...options.message,
        };
  const container = options.container ?? {
    type: 'message',
    message_ts: message?.ts ?? nowTs,
    channel_id: channelId,
    is_ephemeral: message === undefined,
  };
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: options.userId ?? DEFAULTS.userId, username: userName, name: userName, team_id: teamId },
    api_app_id: options.apiAppId ?? DEFAULTS.apiAppId,
    token: DEFAULTS.token,
    container,
    trigger_id: options.triggerId ?? fakeTriggerId(),
    team: { id: teamId, domain: options.teamDomain ?? DEFAULTS.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: options.channelName ?? DEFAULTS.channelName },
    state: { values: {} },
    response_url: options.responseUrl,
    actions: [
      {
        action_id: options.actionId,
        block_id: options.blockId ?? 'actions',
        text: { type: 'plain_text', text: options.buttonText ?? options.actionId, emoji: true },
        value: options.value ?? '',
        type: 'button',
        action_ts: nowTs,
      },
    ],
  };
  if (message !== undefined) payload['message'] = message;
  return payload;
}

/** The `payload=<urlencoded JSON>` form body Slack POSTs when a user clicks a Block Kit button. */
export function blockActionBody(options: BlockActionOptions): string {
  return new URLSearchParams([['payload', JSON.stringify(blockActionPayload(options))]]).toString();
}
