import type { CommandDefinition } from '../../../commands/types.ts';
import { truncate } from '../../core/model/text.ts';

/** Manifest field limits (Slack's app manifest reference), kept conservatively. */
export const MANIFEST_LIMITS = {
  appName: 35,
  appDescription: 140,
  botDisplayName: 80,
  commandName: 32,
  /** Slack allows more; 100 keeps the command picker readable and matches Discord. */
  commandDescription: 100,
  usageHint: 1000,
} as const;

/**
 * Bot scopes: `commands` (slash commands, response URLs), `chat:write` and
 * `chat:write.public` (announcements, in public channels without inviting the
 * bot; private channels still need `/invite`), `users:read` (is this user a
 * workspace admin?), `channels:history` and `groups:history` (after a crash
 * mid-post, look in a public or private channel the bot is in for the
 * announcement before posting it again). Answers and "Share in channel" need
 * none of the `chat:` scopes: they go through response URLs, which work in any
 * conversation.
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'users:read', 'channels:history', 'groups:history'] as const;

/** A Slack slash command as the manifest declares it. */
export interface ManifestSlashCommand {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

/** The app manifest (the parts this bot uses). */
export interface SlackManifest {
  display_information: { name: string; description: string; background_color: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: ManifestSlashCommand[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    interactivity: { is_enabled: true; request_url?: string };
    org_deploy_enabled: false;
    socket_mode_enabled: boolean;
    token_rotation_enabled: false;
  };
}

/** What the manifest is built from. */
export interface ManifestOptions {
  commands: readonly CommandDefinition[];
  /** HTTP mode: the public events URL (`https://…/slack/events`); Socket Mode when unset. */
  requestUrl?: string;
  /** App name shown in Slack. */
  name?: string;
}

/**
 * Builds the Slack app manifest from the command definitions: one slash
 * command each (escaped by Slack only when it takes a channel, so the channel
 * id arrives), interactivity for the buttons, and Socket Mode unless
 * `requestUrl` is given.
 */
export function buildSlackManifest(options: ManifestOptions): SlackManifest {
  const url = options.requestUrl;
  if (url !== undefined && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(url)) {
    throw new Error(`the request URL must be an https:// URL, like https://bot.example.com/slack/events (got "${url}")`);
  }
  const name = (options.name ?? 'Episode Bot').trim();
  if (name === '') throw new Error('the app name must not be empty');
  return {
    display_information: {
      name: truncate(name, MANIFEST_LIMITS.appName),
      description: truncate("Answers questions about a podcast's episodes: search, guests, latest, recommendations.", MANIFEST_LIMITS.appDescription),
      background_color: '#2c2d30',
    },
    features: {
      bot_user: { display_name: 'episode-bot', always_online: true },
      slash_commands: options.commands.map((c) => slashCommand(c, url)),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      interactivity: url ? { is_enabled: true, request_url: url } : { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: url === undefined,
      token_rotation_enabled: false,
    },
  };
}

function slashCommand(c: CommandDefinition, url: string | undefined): ManifestSlashCommand {
  const hint = c.usage ?? c.options
    // A show after other options is typed as show:<name> (see parse-command-line.ts).
    .map((o, i) => (o.choices ? o.choices.join('|') : o.name === 'show' && i > 0 && c.name !== 'podcast' ? 'show:<name>' : o.name))
    .map((text, i) => (c.options[i]!.required ? `<${text}>` : `[${text}]`))
    .join(' ');
  return {
    command: `/${c.name}`.slice(0, MANIFEST_LIMITS.commandName),
    description: truncate(c.description + (c.requiresManage ? ' (admins only)' : ''), MANIFEST_LIMITS.commandDescription),
    ...(hint ? { usage_hint: truncate(hint, MANIFEST_LIMITS.usageHint) } : {}),
    // Only a command taking a channel needs Slack to send `<#C123|name>` (the id) rather than plain "#name".
    should_escape: c.options.some((o) => o.type === 'channel'),
    ...(url ? { url } : {}),
  };
}
