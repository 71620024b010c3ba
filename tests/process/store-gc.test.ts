import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('the database under the garbage collector', () => {
  it('survives statements going out of use on every supported Node (Node 24.19+ aborted with better-sqlite3 12.x)', async () => {
    const result = await new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', 'tests/helpers/statement-churn.ts'], { cwd: ROOT, timeout: 60_000 }, (_err, stdout, stderr) =>
        resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr }),
      );
    });
    expect(result.stderr).not.toContain('Assertion failed');
    expect(result).toMatchObject({ code: 0, signal: null, stdout: 'ok\n' });
  }, 90_000);
});
