import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs a documented command line (npm, npx) in the repository; resolves with its exit code and output. */
function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: ROOT, env: { ...process.env, LOG_FORMAT: 'json', NO_COLOR: '1' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the one-shot command as the README writes it', () => {
  it('`npm run -s ask -- "/episode istio" --json` prints only JSON on standard output (what `| jq` reads)', async () => {
    const r = await run('npm', ['run', '-s', 'ask', '--', '/episode istio', '--json']);
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.episodes[0]).toMatchObject({ id: 'zack-butcher', rank: 1 });
  });

  it('`npx episode-bot "/episode istio" --json` (the package’s bin) prints only JSON too', async () => {
    const r = await run('npx', ['--no-install', 'episode-bot', '/episode istio', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).episodes[0].id).toBe('zack-butcher');
  });

  it('`npm run -s slack:manifest > manifest.json` writes a manifest that parses', async () => {
    const r = await run('npm', ['run', '-s', 'slack:manifest']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).features.slash_commands.map((c: { command: string }) => c.command)).toContain('/episode');
  });

  it('leaves console keys out of a text answer', async () => {
    const r = await run('npm', ['run', '-s', 'ask', '--', '/episode chaos']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Episodes matching “chaos”');
    expect(r.stdout).not.toMatch(/s = similar episodes|n = next page|p = previous page/);
  });

  it('prints its usage at --help and exits 0, instead of searching for "--help"', async () => {
    const r = await run('npm', ['run', '-s', 'ask', '--', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: episode-bot [options] [command...]');
    expect(r.stdout).toContain('--json');
    expect(r.stdout).not.toContain('No episodes match');
  });

  it('refuses a misspelt option with exit code 2, naming it and the likely one', async () => {
    const r = await run('npm', ['run', '-s', 'ask', '--', '/episode istio', '--jsn']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--jsn'");
    expect(r.stderr).toContain('--json');
    expect(r.stdout).toBe('');
  });

  it('asks for a command when none is given, with exit code 2', async () => {
    const r = await run('npm', ['run', '-s', 'ask']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('which command?');
  });
});
