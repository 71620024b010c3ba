import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from '../helpers/bot-process.ts';

const running: BotProcess[] = [];
afterEach(() => running.splice(0).forEach((b) => b.child.kill('SIGKILL')));

describe('the README demo, as written', () => {
  it('announces Quokka Ops, fetches its transcripts with progress, finds “runbook nobody has followed” at 4:36 said by Jason, and shows the transcripts in status, from a copy of examples/ followed by its relative path', async () => {
    // README: `cp -r examples my-demo` then `FEED_URL=my-demo/sample-feed.xml FEED_POLL_INTERVAL=5s npm start`.
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-readme-'));
    cpSync(new URL('../../examples', import.meta.url), join(dir, 'my-demo'), { recursive: true });
    const bot = startBot({ FEED_URL: 'my-demo/sample-feed.xml', FEED_POLL_INTERVAL: '5s', CONSOLE: 'on' }, { cwd: dir });
    running.push(bot);
    await bot.waitFor('📣 New episode of Quokka Ops');
    await bot.waitFor('transcripts: 3 of 3 episodes\n');
    const mark = bot.stdout().length;
    bot.send('/episode runbook nobody has followed');
    await bot.waitFor('Episodes matching', 10_000, mark);
    const answer = bot.stdout().slice(mark);
    expect(answer).toContain('▶ 4:36 — Jason: “And because a runbook nobody has followed is a work of fiction.”');
    expect(answer).not.toContain('Break Things on Purpose');
    const statusMark = bot.stdout().length;
    bot.send('/podcast status');
    await bot.waitFor('transcripts: 3 of 3 episodes', 10_000, statusMark);
    bot.send('/latest');
    await bot.waitFor('3. Backups you have actually restored', 10_000, statusMark);
    expect(bot.stdout()).not.toContain('Break Things on Purpose');
    bot.child.kill('SIGTERM');
    expect(await bot.exit()).toBe(0);
  }, 40_000);
});
