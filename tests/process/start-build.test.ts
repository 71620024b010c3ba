import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

/** A copy of the project's sources (node_modules linked), so building it leaves this checkout's dist/ alone. */
const copy = mkdtempSync(join(tmpdir(), 'episode-bot-build-'));
for (const part of ['src', 'commands', 'scripts', 'data/episodes.json', 'package.json']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Runs what `npm run ask -- /latest` runs, in the copy. */
function ask(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['scripts/start.mjs', '--ask', '/latest'],
      { cwd: copy, env: { PATH: process.env.PATH ?? '', LOG_FORMAT: 'json', INDEX_CACHE_PATH: join(copy, 'index.bin') }, timeout: 30_000 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
    child.stdin!.end();
  });
}

describe('npm start and npm run ask run compiled JavaScript', () => {
  it('builds dist/ when there is none, then runs it without rebuilding', async () => {
    const first = await ask();
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Latest episodes');
    const second = await ask();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Latest episodes');
    expect(second.stderr).not.toContain('rebuilt dist/');
  });

  it('never runs a build older than its sources: an edited source file is rebuilt first, and says so', async () => {
    expect((await ask()).code).toBe(0);
    appendFileSync(join(copy, 'src', 'main.ts'), "\nprocess.on('exit', () => process.stdout.write('edited after the build\\n'));\n");
    const after = await ask();
    expect(after.code).toBe(0);
    expect(after.stderr).toContain('rebuilt dist/ (src/main.ts changed)');
    expect(after.stdout).toContain('edited after the build');
  });
});
