import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../doubles/feed-server.ts';
import { startBot, type BotProcess } from '../helpers/bot-process.ts';
import { podcastFeed } from '../helpers/podcast-feed.ts';

const running: BotProcess[] = [];
let feed: FeedServer | null = null;
afterEach(async () => {
  running.splice(0).forEach((b) => b.child.kill('SIGKILL'));
  await feed?.close();
  feed = null;
});

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('following a podcast from the console', () => {
  it('follows a feed with no FEED_URL, replaces the demo, announces only the newest, and is still followed after a restart', async () => {
    feed = await startFeedServer(podcastFeed({ title: 'Quokka Radio', link: 'https://quokka.example/' }, [
      { guid: 'q-2', title: 'Quokkas at scale', date: '2030-06-08T10:00:00Z' },
      { guid: 'q-1', title: 'Quokka origins', date: '2030-06-01T10:00:00Z' },
    ]));
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-follow-'));
    const env = { DATABASE_PATH: join(dir, 'bot.db'), CONSOLE: 'on', FEED_POLL_INTERVAL: '1h', ALLOW_PRIVATE_FEED_URLS: 'true' };

    const bot = startBot(env);
    running.push(bot);
    bot.send(`/podcast follow ${feed.url}`);
    await bot.waitFor('Following “Quokka Radio” — 2 episode(s), newest on Jun 8, 2030.', 15_000);
    await bot.waitFor('📣 New episode of Quokka Radio', 15_000);
    const mark = bot.stdout().length;
    bot.send('/episode quokka');
    await bot.waitFor('Episodes matching “quokka”', 10_000, mark);
    bot.send('/episode lasagna');
    await bot.waitFor('lasagna', 10_000, mark);
    await new Promise((r) => setTimeout(r, 1500));
    expect(bot.stdout().slice(mark)).not.toContain('Jérôme Petazzoni'); // the shipped demo gave way to the followed feed
    expect(count(bot.stdout(), '📣')).toBe(1);
    bot.child.kill('SIGTERM');
    expect(await bot.exit()).toBe(0);

    const again = startBot(env);
    running.push(again);
    again.send('/podcast status');
    await again.waitFor('Source: followed from chat on console', 15_000);
    again.send('/latest');
    await again.waitFor('Quokka origins', 10_000);
    expect(again.stdout()).not.toContain('Break Things on Purpose');
    await new Promise((r) => setTimeout(r, 1500));
    expect(again.stdout()).not.toContain('📣');
    again.child.kill('SIGTERM');
    expect(await again.exit()).toBe(0);
  }, 60_000);
});
