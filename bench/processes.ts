/** Fresh processes for the bench: the build child, start-up to ready, and the bot's own `--ask`. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize, type Summary } from './stats.ts';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** What a process printed and how long it took from spawn to exit (wall clock). */
export interface Ran {
  wallMs: number;
  stdout: string;
  code: number | null;
}

/** Runs `node args…` in the repository, stderr passed through with an indent when `echo`. */
export function runNode(args: string[], env: NodeJS.ProcessEnv = process.env, echo = true): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      if (echo) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ wallMs: performance.now() - started, stdout, code }));
  });
}

/** The last JSON line a child printed. */
export function lastJson<T>(ran: Ran, what: string): T {
  const line = ran.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
  if (ran.code !== 0 || !line) throw new Error(`${what} failed (exit ${ran.code}): ${ran.stdout.slice(-500)}`);
  return JSON.parse(line) as T;
}

/** Wall times of `runs` starts of the same command, with each run's own JSON report when it prints one. */
export interface StartFigures {
  what: string;
  command: string;
  wall: Summary;
  reports: unknown[];
}

/** Spawns the same command `runs` times one after the other and summarises the wall times. */
export async function startTimes(what: string, args: string[], runs: number, env?: NodeJS.ProcessEnv): Promise<StartFigures> {
  const walls: number[] = [];
  const reports: unknown[] = [];
  for (let i = 0; i < runs; i++) {
    const ran = await runNode(args, env, false);
    if (ran.code !== 0) throw new Error(`${what}: exit ${ran.code}\n${ran.stdout.slice(-300)}`);
    walls.push(ran.wallMs);
    const line = ran.stdout.trim().split('\n').filter((l) => l.startsWith('{')).at(-1);
    if (line) reports.push(JSON.parse(line));
  }
  return { what, command: `node ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`, wall: summarize(walls), reports };
}

/**
 * Bundles bench/child.ts into one JavaScript file with esbuild (a dependency
 * of tsx), to time a start without the TypeScript loader. Null when esbuild
 * cannot be loaded.
 */
export async function bundleChild(outfile: string): Promise<string | null> {
  try {
    const esbuild = (await import('esbuild')) as typeof import('esbuild');
    await esbuild.build({
      entryPoints: [join(ROOT, 'bench', 'child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      // The native SQLite binding is loaded from node_modules: the bundle must lie inside the project (see run.ts).
      external: ['better-sqlite3'],
      logLevel: 'silent',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return outfile;
  } catch (err) {
    process.stderr.write(`  (no bundled start: ${(err as Error).message.split('\n')[0]})\n`);
    return null;
  }
}
