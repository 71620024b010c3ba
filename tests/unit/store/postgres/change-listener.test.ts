import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import type { ChangeVersions } from '../../../../src/store/ports/changes.ts';
import { PostgresStore } from '../../../../src/store/postgres/postgres-store.ts';
import { describePostgres, useTestDatabase } from '../../../helpers/postgres/database.ts';
import { startTcpProxy } from '../../../helpers/postgres/tcp-proxy.ts';
import { at, episode } from '../contract/use-store.ts';

// The backstop read is set to a minute here: whatever arrives within seconds came through LISTEN/NOTIFY.

describePostgres('the store watch on PostgreSQL', () => {
  const db = useTestDatabase();
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const s of open.splice(0).reverse()) await s.close();
  });

  async function stores() {
    const writer = await PostgresStore.open(db.url);
    const reader = await PostgresStore.open(db.url);
    const admin = new pg.Pool({ connectionString: db.url, max: 1 });
    open.push(writer, reader, { close: () => admin.end() });
    const seen: ChangeVersions[] = [];
    reader.watch((v) => void seen.push(v), { intervalMs: 60_000 });
    await until(() => seen.length === 1);
    return { writer, admin, seen };
  }

  it('hears of a change another process committed at once, through a notification', async () => {
    const { writer, seen } = await stores();
    const started = Date.now();
    await writer.episodes.save([episode('n1', null)], at(0));
    await until(() => seen.length === 2);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(seen[1]!.episodes).toBeGreaterThan(seen[0]!.episodes);
  });

  it('listens again after its connection was cut, and reads what changed meanwhile', async () => {
    const { writer, admin, seen } = await stores();
    const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE '%(change listener)' AND datname = current_database()");
    expect(cut.rowCount).toBe(1);
    await writer.followedFeeds.add({ feedUrl: 'https://example.org/a.xml', showKey: 'example.org/a.xml', title: null, platform: 'slack', serverId: null, followedBy: 'U1', followedAt: at(0) });
    await until(() => seen.some((v) => v.shows > seen[0]!.shows), 5_000);
    await until(async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name LIKE '%(change listener)' AND datname = current_database()")).rowCount === 1);
    const count = seen.length;
    await writer.episodes.save([episode('n2', null)], at(0));
    await until(() => seen.length === count + 1);
  });

  it('a process cut off from the database is not ready, and catches up by itself once it is back', async () => {
    const proxy = await startTcpProxy(Number(new URL(db.url).port));
    open.push({ close: () => proxy.close() });
    const writer = await PostgresStore.open(db.url);
    const reader = await PostgresStore.open(proxy.through(db.url), { connectTimeoutMs: 1_000 });
    open.push(writer, reader);
    const seen: ChangeVersions[] = [];
    reader.watch((v) => void seen.push(v), { intervalMs: 500 });
    await until(() => seen.length === 1);
    await reader.ping();
    await proxy.away();
    await expect(reader.ping()).rejects.toThrow(/cannot be reached/);
    await writer.episodes.save([episode('while-away', null)], at(0));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(seen).toHaveLength(1);
    await proxy.back();
    await until(() => seen.length === 2, 10_000);
    expect(seen[1]!.episodes).toBeGreaterThan(seen[0]!.episodes);
    await reader.ping();
  });
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
