import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from './helpers/bot-process.ts';

const running: BotProcess[] = [];
afterEach(() => running.splice(0).forEach((b) => b.child.kill('SIGKILL')));

describe('the README demo with the sample show', () => {
  it('announces the newest episode of Quokka Ops, fetches its transcripts with progress, and shows them in status', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-demo-'));
    cpSync(new URL('../examples', import.meta.url), join(dir, 'my-demo'), { recursive: true });
    const bot = startBot({ FEED_URL: join(dir, 'my-demo', 'sample-feed.xml'), FEED_POLL_INTERVAL: '5s', DATABASE_PATH: join(dir, 'bot.db'), CONSOLE: 'on' });
    running.push(bot);
    await bot.waitFor('📣 New episode of Quokka Ops');
    await bot.waitFor('transcripts: 3 of 3 episodes\n');
    const mark = bot.stdout().length;
    bot.send('/podcast status');
    await bot.waitFor('transcripts: 3 of 3 episodes', 10_000, mark);
    bot.send('/latest');
    await bot.waitFor('3. Backups you have actually restored', 10_000, mark);
    expect(bot.stdout()).not.toContain('Break Things on Purpose');
    bot.child.kill('SIGTERM');
    expect(await bot.exit()).toBe(0);
  }, 40_000);
});
