import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordDouble, type DiscordDouble } from '../doubles/discord/index.ts';
import { startBot, type BotProcess } from '../helpers/bot-process.ts';

const SLACK_TOKEN = 'xoxb-start-process-token-0123456789';
const SLACK_SECRET = 'start-process-signing-secret-0123';
const DISCORD_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.start-process.token-secret-value';

let bot: BotProcess | null = null;
let discord: DiscordDouble | null = null;

afterEach(async () => {
  bot?.child.kill('SIGKILL');
  await discord?.close();
  [bot, discord] = [null, null];
});

/** A port on 127.0.0.1 that nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs `npm start` with these settings until it exits; its exit code, stderr and how long it ran. */
async function runToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string; seconds: number }> {
  const started = performance.now();
  bot = startBot({ CONSOLE: 'off', DATABASE_PATH: ':memory:', PORT: String(await closedPort()), ...env });
  bot.child.stdin.end();
  const code = await bot.exit();
  return { code, stderr: bot.stderr(), seconds: (performance.now() - started) / 1000 };
}

describe('npm start with a platform that cannot be reached', () => {
  it('stops after a few attempts when the Slack Web API is unreachable, naming SLACK_API_URL, and exits 1', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;

    const run = await runToExit({ SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_PORT: String(await closedPort()), SLACK_API_URL: apiUrl });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `the slack adapter could not start: cannot reach the Slack Web API at ${apiUrl} (SLACK_API_URL): connection refused (ECONNREFUSED), after 4 attempts; check SLACK_API_URL and the network`,
    );
    expect(run.stderr).not.toContain('"msg":"adapter started"');
    expect(run.seconds).toBeLessThan(20);
    for (const secret of [SLACK_TOKEN, SLACK_SECRET]) expect(run.stderr).not.toContain(secret);
  }, 30_000);

  it('stops when the Discord API is unreachable, naming DISCORD_API_URL, and exits 1', async () => {
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api`;

    const run = await runToExit({ DISCORD_TOKEN, DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_API_URL: apiUrl });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `the discord adapter could not start: cannot reach the Discord API at ${apiUrl} (DISCORD_API_URL): connection refused (ECONNREFUSED); check DISCORD_API_URL and the network`,
    );
    expect(run.seconds).toBeLessThan(20);
    expect(run.stderr).not.toContain(DISCORD_TOKEN);
  }, 30_000);

  it('names DISCORD_TOKEN when Discord rejects it, without showing it, and exits 1', async () => {
    discord = await startDiscordDouble();

    const run = await runToExit({ DISCORD_TOKEN, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the discord adapter could not start: Discord rejected DISCORD_TOKEN (invalid token)');
    expect(run.stderr).not.toContain(DISCORD_TOKEN);
  }, 30_000);
});
