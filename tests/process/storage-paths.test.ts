import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirectory } from '../../src/store/sqlite/make-directory.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'episode-bot-paths-'));
const feed = join(dir, 'feed.xml');
writeFileSync(feed, '<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title></channel></rss>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Exit {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs `node --import tsx src/main.ts args…` as an operator would, killed after 20 s if it hangs. */
function runBot(args: string[], env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', CONSOLE: 'off', ...env }, timeout: 20_000, killSignal: 'SIGKILL' },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr }),
    );
    child.stdin!.end();
  });
}

/** Starts the bot following a local feed, so it must open its database at `databasePath`. */
const startWithDatabase = (databasePath: string) => runBot([], { FEED_URL: feed, DATABASE_PATH: databasePath, INDEX_CACHE_PATH: join(dir, 'index.bin') });

function expectSettingRefused(exit: Exit, path: string): void {
  expect(exit.signal, `the bot hung:\n${exit.stderr}`).toBeNull();
  expect(exit.code).toBe(2);
  expect(exit.stderr).toContain('DATABASE_PATH');
  expect(exit.stderr).toContain(path);
  expect(exit.stderr).not.toMatch(/\n\s+at /);
}

describe('a DATABASE_PATH that cannot be used', () => {
  it('under /proc: names DATABASE_PATH and exits 2 at once instead of spinning', async () => {
    const exit = await startWithDatabase('/proc/episode-bot-test/bot.db');
    expectSettingRefused(exit, '/proc/episode-bot-test');
  });

  it('directly in /proc, where no file can be created: names DATABASE_PATH and exits 2', async () => {
    expectSettingRefused(await startWithDatabase('/proc/episode-bot-test.db'), '/proc/episode-bot-test.db');
  });

  it('under /sys: names DATABASE_PATH and exits 2', async () => {
    expectSettingRefused(await startWithDatabase('/sys/episode-bot-test/bot.db'), '/sys/episode-bot-test');
  });

  it('below a regular file: names DATABASE_PATH, says what is in the way, and exits 2', async () => {
    const file = join(dir, 'not-a-directory');
    writeFileSync(file, 'x');
    const exit = await startWithDatabase(join(file, 'sub', 'bot.db'));
    expectSettingRefused(exit, file);
    expect(exit.stderr).toContain('is not a directory');
  });

  it.skipIf(process.getuid?.() === 0)('in a directory without write permission: names DATABASE_PATH and exits 2', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    expectSettingRefused(await startWithDatabase(join(locked, 'bot.db')), join(locked, 'bot.db'));
  });
});

describe('an INDEX_CACHE_PATH that cannot be used', () => {
  it('on a device such as /dev/zero: answers without reading or replacing it, and warns naming INDEX_CACHE_PATH', async () => {
    const exit = await runBot(['--ask', '/latest'], { INDEX_CACHE_PATH: '/dev/zero' });
    expect(exit.signal, 'the bot hung reading /dev/zero').toBeNull();
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain('Break Things on Purpose');
    expect(exit.stderr).toMatch(/"level":40[^\n]*INDEX_CACHE_PATH: \/dev\/zero is not a regular file/);
  });

  it('under /proc: answers, and warns naming INDEX_CACHE_PATH that the index is not saved', async () => {
    const exit = await runBot(['--ask', '/latest'], { INDEX_CACHE_PATH: '/proc/episode-bot-test/index.bin' });
    expect(exit.code).toBe(0);
    expect(exit.stderr).toMatch(/INDEX_CACHE_PATH: \/proc\/episode-bot-test\/index.bin: cannot create the directory \/proc\/episode-bot-test \(ENOENT\); the index is kept in memory only/);
  });
});

describe('makeDirectory', () => {
  it('creates missing parents one by one', () => {
    const deep = join(dir, 'a', 'b', 'c');
    expect(makeDirectory(deep)).toEqual({ ok: true, value: undefined });
    expect(makeDirectory(deep)).toEqual({ ok: true, value: undefined });
  });

  it('refuses a directory under /proc with the reason instead of looping', () => {
    expect(makeDirectory('/proc/episode-bot-test/a')).toEqual({ ok: false, error: 'cannot create the directory /proc/episode-bot-test (ENOENT)' });
  });
});
