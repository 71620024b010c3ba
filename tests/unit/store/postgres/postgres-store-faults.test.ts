import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { PostgresStore } from '../../../../src/store/postgres/postgres-store.ts';
import type { LivenessLock } from '../../../../src/store/ports/liveness-lock.ts';
import { StoreError } from '../../../../src/store/store-error.ts';
import { describePostgres, useTestDatabase } from '../../../helpers/postgres/database.ts';
import { startTcpProxy, type TcpProxy } from '../../../helpers/postgres/tcp-proxy.ts';

const sub = (channelId: string) => ({ platform: 'discord' as const, channelId, serverId: 'g1', createdBy: 'admin' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` is true, polling every 20 ms, for at most `ms`. */
async function until(check: () => Promise<boolean>, ms = 5_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(20)) if (await check()) return true;
  return check();
}

describePostgres('PostgreSQL store: the server going away and coming back', () => {
  const db = useTestDatabase();
  let proxy: TcpProxy;
  const opened: PostgresStore[] = [];
  const open = async (url = proxy.through(db.url)) => {
    const store = await PostgresStore.open(url, { connectTimeoutMs: 1_000, startupRetryMs: 2_000 });
    opened.push(store);
    return store;
  };
  beforeAll(async () => {
    proxy = await startTcpProxy(Number(new URL(db.url).port));
  });
  const locks: LivenessLock[] = [];
  afterEach(async () => {
    for (const l of locks.splice(0)) await l.close();
    for (const s of opened.splice(0)) await s.close().catch(() => {});
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('fails calls with a StoreError naming the server while it is away, never crashing, and succeeds again once it is back', async () => {
    const store = await open();
    await store.subscriptions.add(sub('c1'), 'now');
    await proxy.away();
    const failed = await store.subscriptions.list().catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(StoreError);
    expect((failed as Error).message).toMatch(/PostgreSQL at 127\.0\.0\.1:\d+\/test_\w+ cannot be reached/);
    await expect(store.transaction(async (tx) => tx.subscriptions.add(sub('c2'), 'now'))).rejects.toBeInstanceOf(StoreError);
    await proxy.back();
    expect((await store.subscriptions.list()).map((s) => s.channelId)).toEqual(['c1']);
    expect(await store.subscriptions.add(sub('c2'), 'now')).toBe('created');
  });

  it('has a liveness lock one process holds at a time, dropped by the server when its holder’s connection is lost', async () => {
    const direct = await open(db.url);
    const viaProxy = await open();
    const [held, other, another] = [viaProxy.livenessLock('announcer'), direct.livenessLock('announcer'), direct.livenessLock('other-work')];
    locks.push(held, other, another);
    expect(held.problem).toBeNull();
    expect(await held.tryLock()).toBe(true);
    expect(await other.tryLock()).toBe(false);
    expect(await another.tryLock()).toBe(true); // another name, another lock
    await proxy.away(); // the holder's connection dies, as with kill -9 or a lost network
    expect(await until(() => other.tryLock())).toBe(true);
    expect(await until(async () => !held.locked)).toBe(true);
    await proxy.back();
    expect(await held.tryLock()).toBe(false); // reconnects, and finds the lock taken
    await other.close();
    expect(await until(() => held.tryLock())).toBe(true);
    await held.close();
  });

  it('hands the liveness lock over at once when its holder lets it go', async () => {
    const store = await open(db.url);
    const [a, b] = [store.livenessLock('announcer'), store.livenessLock('announcer')];
    locks.push(a, b);
    expect(await a.tryLock()).toBe(true);
    expect(await b.tryLock()).toBe(false);
    await a.unlock();
    expect(await b.tryLock()).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it('closes after the transaction in progress commits, and refuses calls afterwards', async () => {
    const store = await PostgresStore.open(db.url);
    let release!: () => void;
    const paused = new Promise<void>((r) => (release = r));
    const tx = store.transaction(async (t) => {
      await paused;
      await t.subscriptions.add(sub('last'), 'now');
    });
    await sleep(20);
    let closed = false;
    const closing = store.close().then(() => (closed = true));
    await sleep(50);
    expect(closed).toBe(false); // waiting for the transaction
    release();
    await tx;
    await closing;
    await expect(store.subscriptions.list()).rejects.toThrow(/not open/);
    const check = await open(db.url);
    expect((await check.subscriptions.list()).map((s) => s.channelId)).toContain('last');
  });

  it('stops the start naming host, port and database, never the password, when the server cannot be reached', async () => {
    await proxy.away();
    try {
      const url = new URL(proxy.through(db.url));
      url.password = 's3cret-pw';
      const started = Date.now();
      const failed = await open(url.toString()).catch((err: unknown) => err);
      expect(failed).toBeInstanceOf(StoreError);
      expect((failed as StoreError).kind).toBe('location');
      expect((failed as Error).message).toMatch(/127\.0\.0\.1:\d+\/test_\w+/);
      expect((failed as Error).message).not.toContain('s3cret-pw');
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_500); // retried for startupRetryMs
    } finally {
      await proxy.back();
    }
  });
});
