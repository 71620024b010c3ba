import type { DiscordAdapter } from '../adapters/discord/discord-adapter.ts';
import type { DiscordHttpAdapter } from '../adapters/discord/discord-http-adapter.ts';
import type { LeaderGateway } from '../adapters/discord/leader-gateway.ts';
import type { SlackAdapter } from '../adapters/slack/slack-adapter.ts';
import type { Bot } from './build-bot.ts';

/** A configured chat platform's adapter. */
export type PlatformAdapter = DiscordAdapter | DiscordHttpAdapter | LeaderGateway | SlackAdapter;

/**
 * The configured platforms' adapters; discord.js and Bolt are loaded only when configured (faster console starts).
 * Discord answers over the HTTP interactions endpoint when `DISCORD_PUBLIC_KEY` is set (no gateway connection,
 * even with `DISCORD_TOKEN`), else over the gateway, held only by the process that leads (see {@link LeaderGateway}:
 * Discord allows one session per shard, so several processes never each open one).
 */
export async function platformAdapters(bot: Bot): Promise<PlatformAdapter[]> {
  const c = bot.config;
  const adapters: PlatformAdapter[] = [];
  const discordLog = bot.log.child({ adapter: 'discord' });
  if (c.DISCORD_PUBLIC_KEY && c.DISCORD_APPLICATION_ID) {
    const { createDiscordHttpAdapter } = await import('../adapters/discord/discord-http-adapter.ts');
    adapters.push(
      createDiscordHttpAdapter({
        dispatcher: bot.dispatcher,
        log: discordLog,
        publicKey: c.DISCORD_PUBLIC_KEY,
        applicationId: c.DISCORD_APPLICATION_ID,
        ...(c.DISCORD_TOKEN ? { token: c.DISCORD_TOKEN } : {}),
        ...(c.DISCORD_API_URL ? { apiUrl: c.DISCORD_API_URL } : {}),
        ephemeral: c.DISCORD_EPHEMERAL,
      }),
    );
  } else if (c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID) {
    const [{ createDiscordAdapter }, { LeaderGateway }] = await Promise.all([
      import('../adapters/discord/discord-adapter.ts'),
      import('../adapters/discord/leader-gateway.ts'),
    ]);
    const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = c;
    const apiUrl = c.DISCORD_API_URL ? { apiUrl: c.DISCORD_API_URL } : {};
    adapters.push(
      new LeaderGateway({
        create: () => createDiscordAdapter({ dispatcher: bot.dispatcher, log: discordLog, token, applicationId, ...apiUrl, ephemeral: c.DISCORD_EPHEMERAL }),
        token,
        ...apiUrl,
        log: discordLog,
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
        ...(c.SLACK_API_URL ? { apiUrl: c.SLACK_API_URL } : {}),
        ephemeral: c.SLACK_EPHEMERAL,
        adminUserIds: c.SLACK_ADMIN_USER_IDS,
      }),
    );
  }
  return adapters;
}
