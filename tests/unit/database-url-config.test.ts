import { describe, expect, it } from 'vitest';
import { checkDatabaseUrl } from '../../src/app/read-config.ts';
import { loadConfig, secretsOf } from '../../src/config.ts';

const load = (DATABASE_URL: string) => loadConfig({ DATABASE_URL }, { checkDatabaseUrl });

describe('DATABASE_URL in the configuration', () => {
  it('is optional: without it, the SQLite file of DATABASE_PATH is the store', () => {
    const c = loadConfig({});
    expect(c.ok && c.value.DATABASE_URL).toBeUndefined();
    expect(c.ok && c.value.DATABASE_PATH).toBe('data/episode-bot.db');
  });

  it('accepts a postgres:// URL with sslmode, and counts its password among the secrets to redact', () => {
    const c = load('postgres://bot:pa%24s-w0rd@db.example:6543/episodes?sslmode=require');
    expect(c.ok).toBe(true);
    if (c.ok) expect(secretsOf(c.value)).toEqual(expect.arrayContaining(['pa%24s-w0rd', 'pa$s-w0rd']));
  });

  it.each([
    ['mysql://bot:hunter22@db.example/episodes', /DATABASE_URL: must be a postgres:\/\/ URL/],
    ['postgres://bot:hunter22@db.example:99999/episodes', /DATABASE_URL: not a valid URL/],
    ['postgres://bot:hunter22@db.example:5432/', /DATABASE_URL: names no database/],
    ['postgres://bot:hunter22@db.example/episodes?sslmode=prefer', /DATABASE_URL: sslmode=prefer is not supported/],
  ])('refuses %s naming DATABASE_URL and never its password', (url, problem) => {
    const c = load(url);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.error.join('\n')).toMatch(problem);
    expect(c.error.join('\n')).not.toContain('hunter22');
  });
});
