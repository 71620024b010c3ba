import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { DatabaseUrlError, hidePassword, parseDatabaseUrl } from '../../../../src/store/postgres/database-url.ts';

const SECRET = 'hunter2%2Fsecret';

describe('DATABASE_URL', () => {
  it('reads host, port, database and user, and says where without the password', () => {
    const u = parseDatabaseUrl(`postgres://bot:${SECRET}@db.example.com:6543/episodes`);
    expect(u).toMatchObject({ host: 'db.example.com', port: 6543, database: 'episodes', user: 'bot', sslmode: 'disable', where: 'db.example.com:6543/episodes' });
    expect(parseDatabaseUrl('postgresql://bot@[::1]/episodes')).toMatchObject({ host: '::1', port: 5432, where: '::1:5432/episodes' });
  });

  it('honours sslmode with libpq\'s meaning (node-postgres with uselibpqcompat), without its security warning', () => {
    const ssl = (mode: string) => {
      const u = parseDatabaseUrl(`postgres://bot:pw@db.example.com/episodes?sslmode=${mode}`);
      return { mode: u.sslmode, ssl: new pg.Client({ connectionString: u.connectionString }) as unknown as { connectionParameters: { ssl: unknown } } };
    };
    expect(ssl('disable').ssl.connectionParameters.ssl).toBe(false);
    expect(ssl('require').ssl.connectionParameters.ssl).toEqual({ rejectUnauthorized: false });
    expect(ssl('verify-full').ssl.connectionParameters.ssl).toEqual({});
    expect(ssl('no-verify').ssl.connectionParameters.ssl).toEqual({ rejectUnauthorized: false });
    expect(parseDatabaseUrl('postgres://bot@h/db?sslmode=require').connectionString).toContain('uselibpqcompat=true');
  });

  it.each([
    ['not a url', 'not a valid URL; expected postgres://user:password@host:5432/database'],
    [`http://bot:${SECRET}@db/episodes`, 'must start with postgres:// or postgresql:// (not http://)'],
    [`postgres://bot:${SECRET}@:5432/episodes`, "not a valid URL"],
    ["postgres:///episodes", "names no host"],
    [`postgres://bot:${SECRET}@db:0/episodes`, 'the port must be a whole number from 1 to 65535'],
    [`postgres://bot:${SECRET}@db:99999/episodes`, 'not a valid URL'],
    [`postgres://bot:${SECRET}@db:5432`, 'names no database'],
    [`postgres://bot:${SECRET}@db/a/b`, 'names no database (or more than one path segment)'],
    [`postgres://bot:hun%zzter2@db/episodes`, 'malformed %-escape'],
    [`postgres://bot:${SECRET}@db/episodes?sslmode=bogus`, 'sslmode=bogus is not one of disable, require, verify-ca, verify-full, no-verify'],
    [`postgres://bot:${SECRET}@db/episodes?sslmode=prefer`, 'sslmode=prefer is not supported: node-postgres cannot fall back to an unencrypted connection; use sslmode=require'],
    [`postgres://bot:${SECRET}@db/episodes?sslmode=verify-ca`, 'sslmode=verify-ca requires specifying a CA with sslrootcert'],
    [`postgres://bot:${SECRET}@db/episodes?sslmode=require&sslrootcert=/nonexistent/ca.pem`, "no such file or directory, open '/nonexistent/ca.pem'"],
  ])('refuses %s, naming DATABASE_URL and never the password', (raw, problem) => {
    let error: unknown;
    try {
      parseDatabaseUrl(raw);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseUrlError);
    const message = (error as Error).message;
    expect(message.startsWith('DATABASE_URL: ')).toBe(true);
    expect(message).toContain(problem);
    for (const secret of ['hunter2', 'secret', 'hun%zzter2']) expect(message).not.toContain(secret);
  });

  it('hides a password in any text, as written and %-decoded', () => {
    const url = `postgres://bot:${SECRET}@db/episodes`;
    expect(hidePassword(`failed for ${url} with hunter2/secret`, url)).toBe('failed for postgres://bot:***@db/episodes with ***');
  });
});
