import type { DiscordAdapter } from '../adapters/discord/discord-adapter.ts';
import type { SlackAdapter } from '../adapters/slack/slack-adapter.ts';
import type { Bot } from './build-bot.ts';

/** The configured platforms' adapters; discord.js and Bolt are loaded only when configured (faster console starts). */
export async function platformAdapters(bot: Bot): Promise<Array<DiscordAdapter | SlackAdapter>> {
  const c = bot.config;
  const adapters: Array<DiscordAdapter | SlackAdapter> = [];
  if (c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID) {
    const { createDiscordAdapter } = await import('../adapters/discord/discord-adapter.ts');
    adapters.push(
      createDiscordAdapter({
        dispatcher: bot.dispatcher,
        log: bot.log.child({ adapter: 'discord' }),
        token: c.DISCORD_TOKEN,
        applicationId: c.DISCORD_APPLICATION_ID,
        ...(c.DISCORD_API_URL ? { apiUrl: c.DISCORD_API_URL } : {}),
        ephemeral: c.DISCORD_EPHEMERAL,
      }),
    );
  }
  if (c.SLACK_BOT_TOKEN) {
    const { createSlackAdapter } = await import('../adapters/slack/slack-adapter.ts');
    adapters.push(
      createSlackAdapter({
        dispatcher: bot.dispatcher,
        log: bot.log.child({ adapter: 'slack' }),
        botToken: c.SLACK_BOT_TOKEN,
        ...(c.SLACK_APP_TOKEN ? { appToken: c.SLACK_APP_TOKEN } : {}),
        ...(c.SLACK_SIGNING_SECRET ? { signingSecret: c.SLACK_SIGNING_SECRET } : {}),
        port: c.SLACK_PORT,
        ...(c.SLACK_API_URL ? { apiUrl: c.SLACK_API_URL } : {}),
        ephemeral: c.SLACK_EPHEMERAL,
        adminUserIds: c.SLACK_ADMIN_USER_IDS,
      }),
    );
  }
  return adapters;
}
