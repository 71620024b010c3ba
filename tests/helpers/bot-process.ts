import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('../..', import.meta.url).pathname;

/** The bot running as a process (`npm start`), with helpers to wait for output. */
export interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  send(line: string): void;
  waitFor(pattern: RegExp | string, timeoutMs?: number, from?: number): Promise<void>;
  exit(): Promise<number | null>;
}

/**
 * Starts `node --import tsx src/main.ts` with only these environment variables (plus PATH),
 * in the repository, or in `options.cwd` (relative paths in `env` are then relative to it).
 */
export function startBot(env: Record<string, string>, options: { cwd?: string } = {}): BotProcess {
  const args = options.cwd === undefined
    ? ['--import', 'tsx', 'src/main.ts']
    : ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, join(ROOT, 'src/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    send: (line) => child.stdin.write(line + '\n'),
    async waitFor(pattern, timeoutMs = 10_000, from = 0) {
      const started = Date.now();
      const seen = () => {
        const text = out.slice(from);
        return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
      };
      while (!seen()) {
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`);
        if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}) before ${pattern}\nstdout:\n${out}\nstderr:\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exit: () => exited,
  };
}
