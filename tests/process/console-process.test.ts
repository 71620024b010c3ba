import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from '../helpers/bot-process.ts';
import { rssFeed, weeklyItems } from '../helpers/rss.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const running: Array<{ kill: (signal: NodeJS.Signals) => void }> = [];
afterEach(() => running.splice(0).forEach((p) => p.kill('SIGKILL')));

function feedDir(): { dir: string; feedPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'episode-bot-console-'));
  const feedPath = join(dir, 'feed.xml');
  writeFileSync(feedPath, rssFeed(weeklyItems(2)));
  return { dir, feedPath };
}

/** Whether util-linux `script` is here to give the bot a pseudo-terminal. */
function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the console chat with a feed', () => {
  it('answers /podcast status: the console is the feed’s operator', async () => {
    const { dir, feedPath } = feedDir();
    const bot: BotProcess = startBot({ FEED_URL: feedPath, FEED_POLL_INTERVAL: '1h', DATABASE_PATH: join(dir, 'bot.db'), CONSOLE: 'on' });
    running.push(bot.child);
    await bot.waitFor('📣 New episode of Test Podcast', 15_000);
    const mark = bot.stdout().length;
    bot.send('/podcast status');
    await bot.waitFor('Subscribed channels (0)', 10_000, mark);
    const status = bot.stdout().slice(mark);
    expect(status).toContain('Podcast feed status');
    expect(status).toContain(`Feed: ${feedPath}`);
    expect(status).not.toMatch(/Last success: never/);
    expect(status).toContain('2 episode(s) from the feed');
  }, 30_000);
});

describe.skipIf(!hasScript())('the console chat in a terminal (a pseudo-terminal)', () => {
  it('keeps info logs out of the chat, says where logs go, and leaves at a second Ctrl-C', async () => {
    const { dir, feedPath } = feedDir();
    const env = { PATH: process.env.PATH ?? '', TERM: 'xterm', FEED_URL: feedPath, FEED_POLL_INTERVAL: '1h', DATABASE_PATH: join(dir, 'bot.db') };
    const child = spawn('script', ['-qfec', `${process.execPath} --import tsx src/main.ts`, '/dev/null'], { cwd: ROOT, env });
    running.push(child);
    let screen = '';
    child.stdout.on('data', (d) => (screen += d));
    const waitFor = async (needle: string) => {
      for (let waited = 0; !screen.includes(needle); waited += 50) {
        if (waited > 20_000) throw new Error(`no "${needle}" on the screen:\n${screen}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await waitFor('📣 New episode');
    await waitFor('episode-bot> ');
    expect(screen).toContain('Warnings and errors print above the prompt; LOG_LEVEL=info shows more.');
    expect(screen).not.toMatch(/INFO|adapter started|following \d+ feed|feed changed/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.stdin.write('istio');
    await new Promise((r) => setTimeout(r, 300));
    child.stdin.write('\x03');
    await waitFor('^C');
    child.stdin.write('\x03');
    expect(await exited).toBe(0);
    expect(screen).not.toContain('Episodes matching “istio”');
  }, 40_000);
});
