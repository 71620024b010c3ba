import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { freePort } from '../helpers/postgres/cluster.ts';
import { storeCopy } from '../helpers/store-copy.ts';

const dir = mkdtempSync(join(tmpdir(), 'episode-bot-store-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run store:copy: refusals', () => {
  it('refuses a malformed target URL, naming the option and never printing the password', async () => {
    writeFileSync(join(dir, 'any.db'), '');
    const run = await storeCopy(['--from', join(dir, 'any.db'), '--to', 'postgres://bot:s3cretPa55@db.example:0/episodes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--to: the port must be a whole number from 1 to 65535/);
    expect(run.stdout + run.stderr).not.toContain('s3cretPa55');
  });

  it('refuses an unreachable target with exit 1, naming host and port and never printing the password', async () => {
    const port = await freePort();
    const source = join(dir, 'unreachable.db');
    await SqliteStore.open(source).close();
    const run = await storeCopy(['--from', source, '--to', `postgres://bot:s3cretPa55@127.0.0.1:${port}/episodes`, '--wait', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot connect to PostgreSQL at 127.0.0.1:${port}/episodes`);
    expect(run.stdout + run.stderr).not.toContain('s3cretPa55');
  });

  it('refuses a source that is not a database, or is missing, before connecting anywhere', async () => {
    const notDb = join(dir, 'notes.db');
    writeFileSync(notDb, 'these are notes, not a database\n'.repeat(100));
    const run = await storeCopy(['--from', notDb, '--to', 'postgres://bot:pw@127.0.0.1:1/episodes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/notes\.db: not a SQLite database/);
    const missing = await storeCopy(['--from', join(dir, 'nothing-here.db'), '--to', 'postgres://bot:pw@127.0.0.1:1/episodes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nothing-here\.db: no such file/);
  });

  it('asks where to when neither --to nor DATABASE_URL is given', async () => {
    const run = await storeCopy(['--from', join(dir, 'any.db')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/give --to postgres:\/\/.* \(or set DATABASE_URL\)/);
  });
});
