import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBot, type BotProcess } from '../helpers/bot-process.ts';
import { rssFeed, weeklyItems } from '../helpers/rss.ts';

const running: BotProcess[] = [];
afterEach(() => running.splice(0).forEach((b) => b.child.kill('SIGKILL')));

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('following a local feed file in the console', () => {
  it('announces a new item exactly once, makes it searchable at once, and stays quiet after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-feed-'));
    const feedPath = join(dir, 'feed.xml');
    writeFileSync(feedPath, rssFeed(weeklyItems(2)));
    const env = { FEED_URL: feedPath, FEED_POLL_INTERVAL: '1s', DATABASE_PATH: join(dir, 'bot.db'), CONSOLE: 'on' };

    const bot = startBot(env);
    running.push(bot);
    await bot.waitFor('📣 New episode of Test Podcast');
    expect(bot.stdout()).toContain('Episode 2: quokka resilience part 2');
    expect(bot.stdout()).not.toContain('Episode 1: quokka');

    writeFileSync(feedPath, rssFeed([{ guid: 'zebra', title: 'Zebras in production', date: '2030-06-08T10:00:00Z' }, ...weeklyItems(2)]));
    await bot.waitFor('1. Zebras in production');
    const mark = bot.stdout().length;
    bot.send('/episode zebras');
    await bot.waitFor('Episodes matching “zebras”', 10_000, mark);
    await new Promise((r) => setTimeout(r, 2500));
    expect(count(bot.stdout(), '📣')).toBe(2);
    bot.child.kill('SIGTERM');
    expect(await bot.exit()).toBe(0);

    const again = startBot(env);
    running.push(again);
    again.send('/episode zebras');
    await again.waitFor('1. Zebras in production');
    again.send('/latest');
    await again.waitFor('Latest episodes');
    expect(again.stdout()).not.toContain('in all'); // only the feed's 3 episodes, none of the shipped catalog's
    await new Promise((r) => setTimeout(r, 2500));
    expect(again.stdout()).not.toContain('📣');
    again.child.kill('SIGTERM');
    expect(await again.exit()).toBe(0);
  }, 40_000);
});
