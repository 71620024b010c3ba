import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Leadership } from '../../../src/following/leadership.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';

const log = pino({ level: 'silent' });
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Processes sharing one database file, with a clock the test moves. */
function world() {
  const path = join(mkdtempSync(join(tmpdir(), 'episode-bot-lease-')), 'bot.db');
  const clock = { now: 1_000_000 };
  const join_ = (options: { lock?: boolean } = {}) => {
    const store = SqliteStore.open(path);
    const lock = options.lock === false ? null : store.livenessLock('announcer');
    const leadership = new Leadership({ leases: store.leases, lock }, { ttlMs: 20_000, heartbeatMs: 5_000 }, log, () => clock.now);
    cleanups.push(async () => {
      await leadership.stop();
      await store.close();
    });
    return leadership;
  };
  return { clock, join: join_ };
}

describe('the announcer lease', () => {
  it('lets exactly one of several processes lead, on every heartbeat', async () => {
    const w = world();
    const [a, b, c] = [w.join(), w.join(), w.join()];
    for (let beat = 0; beat < 10; beat++) {
      const leaders = (await Promise.all([a, b, c].map((p) => p.tick()))).filter(Boolean);
      expect(leaders).toHaveLength(1);
      w.clock.now += 5_000;
    }
    expect(a.leading).toBe(true);
  });

  it('passes to another process within 25 s when the holder stops renewing, whatever the poll interval', async () => {
    const w = world();
    const [a, b] = [w.join({ lock: false }), w.join({ lock: false })];
    expect(await a.tick()).toBe(true);
    const stoppedAt = w.clock.now; // a hangs: no more heartbeats
    let tookOver: number | null = null;
    while (tookOver === null && w.clock.now - stoppedAt < 60_000) {
      w.clock.now += 5_000;
      if (await b.tick()) tookOver = w.clock.now - stoppedAt;
    }
    expect(tookOver).not.toBeNull();
    expect(tookOver!).toBeLessThanOrEqual(25_000);
    expect(a.leading).toBe(false);
    expect(await a.tick()).toBe(false); // when it wakes up, it finds the lease taken and does not announce
  });

  it('keeps the lease from a holder that is alive and holds the process lock, until it expires', async () => {
    const w = world();
    const [a, b] = [w.join(), w.join()];
    expect(await a.tick()).toBe(true);
    w.clock.now += 5_000;
    expect(await b.tick()).toBe(false); // a's lease is valid and a holds the lock
    w.clock.now += 16_000; // a hung past its lease; its lock is still held
    expect(await b.tick()).toBe(true);
    expect(await a.tick()).toBe(false);
  });

  it('takes over at once from a holder whose process lock was dropped (the process died), before the lease expires', async () => {
    const w = world();
    const a = w.join();
    expect(await a.tick()).toBe(true);
    // What the OS does when a's process is killed: its lock goes; its lease row stays, unexpired.
    await (a as unknown as { lock: { close(): Promise<void> } }).lock.close();
    const b = w.join();
    w.clock.now += 1_000;
    expect(await b.tick()).toBe(true);
    expect(await a.tick()).toBe(false);
  });

  it('does not take over from a live holder that never held the lock, even when the lock is free', async () => {
    const w = world();
    const a = w.join({ lock: false });
    expect(await a.tick()).toBe(true);
    const b = w.join();
    w.clock.now += 1_000;
    expect(await b.tick()).toBe(false);
    expect(await a.tick()).toBe(true);
  });

  it('gives the lease up at stop, so another process leads on its next heartbeat', async () => {
    const w = world();
    const [a, b] = [w.join(), w.join()];
    expect(await a.tick()).toBe(true);
    await a.stop();
    expect(await b.tick()).toBe(true);
  });

  it('grants the lease with a fencing epoch while leading, and none once it is lost', async () => {
    const w = world();
    const a = w.join({ lock: false });
    expect(a.grant).toBeNull();
    expect(await a.tick()).toBe(true);
    expect(a.grant).toMatchObject({ owner: a.lease.owner, epoch: expect.any(Number) });
    w.clock.now += 30_000;
    expect(a.grant).toBeNull();
  });
});
