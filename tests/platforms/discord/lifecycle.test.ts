import { describe, expect, it, vi } from 'vitest';
import { createDiscordAdapter } from '../../../src/adapters/discord/discord-adapter.ts';
import { memoryLogger, startDiscordBot } from '../../doubles/discord/bot-harness.ts';
import { startDiscordDouble } from '../../doubles/discord/index.ts';

describe('Discord adapter lifecycle', () => {
  const tcp = (): number => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;

  it('logs in on start() and leaves no socket open after stop()', async () => {
    const baseline = tcp();
    const bot = await startDiscordBot();
    expect(bot.adapter.client.isReady()).toBe(true);
    expect(bot.logs.find((l) => l.msg === 'Discord bot connected')).toMatchObject({ user: 'Episode Bot#0001', guilds: 1 });
    expect(bot.logs.some((l) => l.level === 40)).toBe(false);

    await bot.close();

    expect(bot.adapter.client.isReady()).toBe(false);
    expect(bot.double.connectedSessions).toBe(0);
    await vi.waitFor(() => expect(tcp()).toBeLessThanOrEqual(baseline), { timeout: 1_000, interval: 10 });
  });

  it('rejects start() with a wrong token (TokenInvalid)', async () => {
    const double = await startDiscordDouble();
    const adapter = createDiscordAdapter({
      dispatcher: { commands: [], command: unused, action: unused, suggest: unused },
      log: memoryLogger([]),
      token: 'not-the-token',
      applicationId: double.applicationId,
      apiUrl: double.apiUrl,
      ephemeral: true,
    });
    try {
      await expect(adapter.start()).rejects.toMatchObject({ code: 'TokenInvalid' });
    } finally {
      await adapter.stop();
      await double.close();
    }
  });
});

function unused(): never {
  throw new Error('not called');
}
