import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsoleChat } from '../../src/adapters/console/console-chat.ts';
import { testDispatcher } from '../helpers/bot.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs the bot as a process the way npm scripts do; resolves with its exit code and output. */
function runBot(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', ...env }, timeout: 20_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

async function chat(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d));
  const c = new ConsoleChat({ dispatcher: (await testDispatcher()).dispatcher, input, output });
  await c.start();
  input.end(lines.join('\n') + '\n');
  await c.closed;
  return text;
}

describe('the console chat', () => {
  it('answers commands with title, guest role, date, duration, chapter and link', async () => {
    const out = await chat(['/episode kubernetes lasagna']);
    expect(out).toContain('Episodes matching “kubernetes lasagna”');
    expect(out).toContain('1. Jérôme Petazzoni');
    expect(out).toContain('▶ Multilayered Kubernetes lasagna — 16:06');
    expect(out).toContain('https://www.gremlin.com/blog/podcast-break-things-on-purpose-jerome-petazzoni');
    const zack = await chat(['/episode istio']);
    expect(zack).toContain('Founding Engineer, Tetrate · hosted by Jason · Aug 10, 2021 · 18 min');
  });

  it('pages with n and p, and shows similar episodes with s', async () => {
    const out = await chat(['/episode chaos', 'n', 'p', 's']);
    expect(out).toMatch(/page 2 of 2[\s\S]*6\. /);
    expect(out.match(/page 1 of 2/g)).toHaveLength(2);
    expect(out).toContain('If you liked “');
  });

  it('says when a key has nothing to act on yet', async () => {
    expect(await chat(['n'])).toContain('Nothing to act on yet: “n” works on the last answer.');
  });

  it('stops at /quit', async () => {
    const out = await chat(['/quit', '/latest']);
    expect(out).not.toContain('Latest episodes');
  });
});

describe('npm start and npm run ask', () => {
  it('prints the Answer as JSON with episodes in rank order', async () => {
    const r = await runBot(['--ask', '/episode istio', '--json']);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.episodes[0]).toMatchObject({ id: 'zack-butcher', title: 'Zack Butcher', rank: 1 });
  });

  it('exits 0 when nothing matched', async () => {
    const r = await runBot(['--ask', '/episode zyzzyva']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No episodes match “zyzzyva”');
  });

  it('answers piped commands and exits cleanly at the end of input', async () => {
    const r = await runBot([], {}, '/latest\n/episode terraform\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Latest episodes');
    expect(r.stdout).toContain('1. Taylor Dolezal Terraform Special');
  });

  it('refuses to start on an invalid catalog, naming the file, episode and field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-'));
    const json = JSON.parse(readFileSync(join(ROOT, 'data/episodes.json'), 'utf8'));
    json.episodes[1].durationSeconds = 'long';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(json));
    const r = await runBot(['--ask', '/latest'], { CATALOG_PATH: join(dir, 'bad.json'), INDEX_CACHE_PATH: join(dir, 'index.bin') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.json: episode #2 "john-martinez" (John Martinez): durationSeconds:');
    expect(r.stdout).toBe('');
  });

  it('honours CATALOG_PATH for another podcast’s catalog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'episode-bot-'));
    const catalog = {
      version: 1,
      podcast: { title: 'Other Show', description: 'x' },
      episodes: [{ id: 'only-one', title: 'The Only One', publishedAt: '2024-01-01', durationSeconds: 60, description: 'About quokkas.' }],
    };
    writeFileSync(join(dir, 'other.json'), JSON.stringify(catalog));
    const r = await runBot(['--ask', '/episode quokka', '--json'], { CATALOG_PATH: join(dir, 'other.json'), INDEX_CACHE_PATH: join(dir, 'index.bin') });
    expect(JSON.parse(r.stdout).episodes.map((e: { id: string }) => e.id)).toEqual(['only-one']);
  });

  it('names a malformed setting and exits 2', async () => {
    const r = await runBot(['--ask', '/latest'], { SLACK_PORT: 'eighty', FEED_POLL_INTERVAL: 'often' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SLACK_PORT: must be a whole number from 1 to 65535');
    expect(r.stderr).toContain('FEED_POLL_INTERVAL: must be a duration');
  });
});
