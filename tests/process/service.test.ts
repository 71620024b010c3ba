import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordDouble, type DiscordDouble } from '../doubles/discord/index.ts';
import { postToBolt, signSlackRequest, slashCommandBody, startSlackApiDouble, type SlackApiDouble } from '../doubles/slack/index.ts';
import { startBot, type BotProcess } from '../helpers/bot-process.ts';

const SECRET = 'service-test-signing-secret-123';
const BOT_TOKEN = 'xoxb-service-test-token-0123456789';

let discord: DiscordDouble | null = null;
let slack: SlackApiDouble | null = null;
let bot: BotProcess | null = null;

afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await discord?.close();
  await slack?.close();
  [bot, discord, slack] = [null, null, null];
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForLog(b: BotProcess, needle: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!b.stderr().includes(needle)) {
    if (Date.now() - started > timeoutMs) throw new Error(`no "${needle}" in the log:\n${b.stderr()}`);
    if (b.child.exitCode !== null) throw new Error(`the bot exited (${b.child.exitCode}):\n${b.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start with platform tokens', () => {
  it('runs as a service with standard input closed, answers on both platforms, and stops cleanly on SIGTERM', async () => {
    discord = await startDiscordDouble();
    slack = await startSlackApiDouble({ tokens: [BOT_TOKEN] });
    const port = await freePort();
    bot = startBot({
      DISCORD_TOKEN: discord.token,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_API_URL: discord.apiUrl,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_PORT: String(port),
      SLACK_API_URL: slack.apiUrl,
      DATABASE_PATH: ':memory:',
    });
    bot.child.stdin.end();
    await waitForLog(bot, '"adapter":"discord","msg":"adapter started"');
    await waitForLog(bot, '"adapter":"slack","msg":"adapter started"');
    // The gateway is held by the process that leads: it connects once this one has taken the announcer lease.
    await waitForLog(bot, 'this process leads: connected to the Discord gateway');

    const sent = discord.sendInteraction(discord.chatInputInteraction({ name: 'episode', options: { query: 'istio' } }));
    const callback = await discord.waitForCallback(sent.id, 5000);
    expect(JSON.stringify(callback.body)).toContain('Zack Butcher');

    const body = slashCommandBody({ command: '/episode', text: 'terraform', responseUrl: slack.responseUrl('r1') });
    const res = await postToBolt(`http://127.0.0.1:${port}/slack/events`, body, signSlackRequest(SECRET, body));
    expect(res.status).toBe(200);
    // In the acknowledgement when ready within the answer budget (1.5 s), else posted to the response URL.
    expect(JSON.stringify(res.json ?? (await slack.waitForResponse('r1', 5000)))).toContain('Taylor Dolezal Terraform Special');

    bot.child.kill('SIGTERM');
    expect(await bot.exit()).toBe(0);
    expect(bot.stderr()).toContain('"reason":"SIGTERM","msg":"shutting down"');
    for (const secret of [discord.token, BOT_TOKEN, SECRET]) expect(bot.stderr()).not.toContain(secret);
  }, 40_000);

  it('names the missing companion setting and exits 2', async () => {
    bot = startBot({ SLACK_BOT_TOKEN: BOT_TOKEN });
    expect(await bot.exit()).toBe(2);
    expect(bot.stderr()).toContain('SLACK_SIGNING_SECRET: required');
    expect(bot.stderr()).not.toContain(BOT_TOKEN);
  });
});
