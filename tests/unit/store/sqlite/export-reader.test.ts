import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteExport } from '../../../../src/store/sqlite/export-reader.ts';
import { MIGRATIONS } from '../../../../src/store/sqlite/migrations.ts';
import { SqliteStore } from '../../../../src/store/sqlite/sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'episode-bot-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(path: string): string {
  const opened = SqliteExport.open(path);
  if (opened.ok) {
    opened.value.close();
    throw new Error(`${path} was accepted`);
  }
  return opened.error;
}

describe('SqliteExport: the source of store:copy', () => {
  it('refuses a missing file, a directory and a file that is not a database, naming it', () => {
    expect(refusal(join(dir, 'missing.db'))).toMatch(/missing\.db: no such file .*DATABASE_PATH/);
    expect(refusal(dir)).toMatch(/: not a file/);
    const text = join(dir, 'text.db');
    writeFileSync(text, 'hello\n'.repeat(200));
    expect(refusal(text)).toMatch(/text\.db: not a SQLite database/);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a file it cannot read', () => {
    const locked = join(dir, 'locked.db');
    writeFileSync(locked, '');
    chmodSync(locked, 0o000);
    expect(refusal(locked)).toMatch(/locked\.db: cannot be read/);
  });

  it("refuses another program's SQLite database", () => {
    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    db.close();
    expect(refusal(other)).toMatch(/other\.db: not an episode-bot database \(it has no feed_episodes, subscriptions, deliveries, feed_state, leases table\)/);
  });

  it('refuses an older schema, saying to start the bot once on it, and a newer one', () => {
    const older = join(dir, 'older.db');
    const db = new Database(older);
    db.exec(MIGRATIONS[0]!);
    db.pragma('user_version = 1');
    db.close();
    expect(refusal(older)).toMatch(new RegExp(`schema is version 1, older than this episode-bot's \\(${MIGRATIONS.length}\\): start the bot once on it`));
    const newer = join(dir, 'newer.db');
    const n = new Database(newer);
    for (const m of MIGRATIONS) n.exec(m);
    n.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    n.close();
    expect(refusal(newer)).toMatch(/newer than this episode-bot understands/);
  });

  it('reads a store in batches from one snapshot, without writing to it', async () => {
    const path = join(dir, 'store.db');
    const store = SqliteStore.open(path);
    for (let i = 0; i < 5; i++) await store.subscriptions.add({ platform: 'discord', channelId: `c${i}`, serverId: 'g', createdBy: null }, 't');
    const opened = SqliteExport.open(path);
    if (!opened.ok) throw new Error(opened.error);
    const source = opened.value;
    try {
      source.begin();
      const first = [...source.rows('subscriptions', ['channel_id'], 2)];
      await store.subscriptions.add({ platform: 'discord', channelId: 'later', serverId: 'g', createdBy: null }, 't');
      const again = [...source.rows('subscriptions', ['channel_id'], 2)];
      expect(first.map((b) => b.map((r) => r.channel_id))).toEqual([['c0', 'c1'], ['c2', 'c3'], ['c4']]);
      expect(again).toEqual(first);
      expect(() => (source as unknown as { db: Database.Database }).db.exec("INSERT INTO leases VALUES ('x', 'y', 1)")).toThrow(/readonly/);
    } finally {
      source.close();
      await store.close();
    }
  });
});
