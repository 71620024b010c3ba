/**
 * Start latency of what an operator or a user types, on the shipped catalog with its index saved:
 * `npm run ask -- /latest` and `npm start` (the console chat) up to its first answer. Each is timed
 * twice: the command the npm script runs (`node scripts/start.mjs …`, the bot's own start, budget
 * 500 ms) and through `npm run` (adding npm's own start, which the bot cannot change).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './processes.ts';
import { summarize, type Summary } from './stats.ts';

/** The bot's own start must fit in this (the budget). */
export const START_BUDGET_MS = 500;

/** One command's wall times, spawn to the moment it has answered. */
export interface StartLatency {
  what: string;
  command: string;
  wall: Summary;
  /** Budget for this command, null when it includes npm's own start. */
  budgetMs: number | null;
}

/** Spawns `cmd args`, optionally types `input`, and resolves with the ms until stdout contains `until` (then ends it). */
function timeUntil(cmd: string, args: string[], env: NodeJS.ProcessEnv, until: string, input: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let answeredAt: number | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (answeredAt === null && out.includes(until)) {
        answeredAt = performance.now() - started;
        child.stdin.end();
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (answeredAt === null ? reject(new Error(`${cmd} ${args.join(' ')}: exit ${code} before "${until}"\n${err.slice(-500)}`)) : resolve(answeredAt)));
    if (input === null) child.stdin.end();
    else child.stdin.write(input);
  });
}

async function times(what: string, cmd: string, args: string[], env: NodeJS.ProcessEnv, runs: number, input: string | null, budgetMs: number | null): Promise<StartLatency> {
  const walls: number[] = [];
  for (let i = 0; i < runs; i++) walls.push(await timeUntil(cmd, args, env, 'Latest episodes', input));
  const shown = [cmd === process.execPath ? 'node' : cmd, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ');
  return { what, command: input ? `${shown}  (then types ${JSON.stringify(input.trim())})` : shown, wall: summarize(walls), budgetMs };
}

/** Times `npm run ask` and the console's first answer, `runs` times each, after one warm-up start (which saves the index and brings dist/ up to date). */
export async function measureStartLatency(tmp: string, runs: number, say: (line: string) => void): Promise<StartLatency[]> {
  const env = {
    ...process.env,
    CATALOG_PATH: join(ROOT, 'data', 'episodes.json'),
    INDEX_CACHE_PATH: join(tmp, 'start-latency.index'),
    DATABASE_PATH: join(tmp, 'start-latency.db'),
    LOG_LEVEL: 'warn',
    FEED_URL: '',
    DISCORD_TOKEN: '',
    SLACK_BOT_TOKEN: '',
    SLACK_APP_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
  };
  const consoleEnv = { ...env, CONSOLE: 'on' };
  const node = process.execPath;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  say(`start latency: warm-up, then ${runs}× each of npm run ask and npm start (console)`);
  await timeUntil(node, ['scripts/start.mjs', '--ask', '/latest'], env, 'Latest episodes', null);
  return [
    await times('baseline: an empty Node start (shows how loaded the machine is)', node, ['-e', "console.log('Latest episodes')"], env, runs, null, null),
    await times('npm run ask: the bot', node, ['scripts/start.mjs', '--ask', '/latest'], env, runs, null, START_BUDGET_MS),
    await times('npm start, console: the bot to its first answer', node, ['scripts/start.mjs'], consoleEnv, runs, '/latest\n', START_BUDGET_MS),
    await times('npm run ask, through npm', npm, ['run', '-s', 'ask', '--', '/latest'], env, runs, null, null),
    await times('npm start, console, through npm', npm, ['start', '-s'], consoleEnv, runs, '/latest\n', null),
    await times('before: node --import tsx src/main.ts --ask (for comparison)', node, ['--import', 'tsx', 'src/main.ts', '--ask', '/latest'], env, Math.min(runs, 3), null, null),
  ];
}

/** The bench report's section on start latency (Markdown). */
export function startLatencyMarkdown(figures: StartLatency[]): string {
  const rows = figures.map((f) => {
    const verdict = f.budgetMs === null ? '' : f.wall.p50 <= f.budgetMs ? `within ${f.budgetMs} ms` : `**over ${f.budgetMs} ms**`;
    return `| ${f.what} | \`${f.command}\` | ${Math.round(f.wall.p50)} | ${Math.round(f.wall.max)} | ${verdict} |`;
  });
  return [
    '',
    '## Start latency (shipped catalog, index saved)',
    '',
    'Wall time from spawning the command to the answer to `/latest` on its standard output. The bot runs the esbuild bundle in `dist/` (see README, "Fast start").',
    '',
    '| what | command | p50 ms | max ms | budget |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

// `node --import tsx bench/start-latency.ts [runs]`: this section alone, printed.
if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const tmp = mkdtempSync(join(tmpdir(), 'episode-bot-start-'));
  try {
    const figures = await measureStartLatency(tmp, Number(process.argv[2] ?? 5), (line) => process.stderr.write(`${line}\n`));
    process.stdout.write(startLatencyMarkdown(figures));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
