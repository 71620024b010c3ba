import type { Config } from '../config.ts';

/** Whether a chat platform (Discord over the gateway or the HTTP endpoint, or Slack) is configured. */
export function hasPlatform(c: Config): boolean {
  return Boolean(((c.DISCORD_TOKEN || c.DISCORD_PUBLIC_KEY) && c.DISCORD_APPLICATION_ID) || c.SLACK_BOT_TOKEN);
}

/** Whether the console chat runs: CONSOLE=on, or auto when the bot is alone or standard input is a terminal. */
export function consoleWanted(config: Config, alone: boolean): boolean {
  return config.CONSOLE === 'on' || (config.CONSOLE === 'auto' && (alone || process.stdin.isTTY === true));
}

/**
 * Whether the console chat will own the terminal (a person typing at it): its
 * logs then print above the prompt, warnings and errors only unless LOG_LEVEL is set.
 */
export function chatOwnsTerminal(config: Config): boolean {
  return process.stdin.isTTY === true && consoleWanted(config, !hasPlatform(config));
}
