import { describe, expect, it } from 'vitest';
import type { LeaseGrant } from '../../../../src/store/ports/lease.ts';
import { useStore, type OpenTestStore } from './use-store.ts';

/**
 * Whose clock times the leases: the callers' (`nowMs` given to each call;
 * the tests move it on at will) or the database's (the tests wait for real,
 * with a short lease).
 */
export type LeaseClock = 'caller' | 'database';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Leases: one holder at a time, renewed, expiring, handed over, given up; grants fence writes. */
export function leaseContract(open: OpenTestStore, clock: LeaseClock = 'caller'): void {
  describe('leases', () => {
    const store = useStore(open);
    const TTL = clock === 'caller' ? 20_000 : 400;
    // The caller's clock is a number the tests move; the database's is real time.
    let virtual = 1_000_000;
    const now = () => (clock === 'caller' ? virtual : Date.now());
    const pass = async (ms: number) => {
      if (clock === 'caller') virtual += ms;
      else await sleep(ms);
    };
    /** An expiry as granted at `t`: exact with the caller's clock, within 250 ms with the database's (same host). */
    const expiringFrom = (t: number) => (clock === 'caller' ? t + TTL : expect.closeTo(t + TTL, -2.7));
    const lease = (owner: string, name = 'announcer') => store().leases.lease(name, owner, TTL);
    const fence = (g: LeaseGrant, name = 'announcer') => ({ name, owner: g.owner, epoch: g.epoch });

    it('grants a free lease to one owner, renews it for that owner only, and names its holder', async () => {
      const [a, b] = [lease('a'), lease('b')];
      expect(await a.holder()).toBeUndefined();
      const t0 = now();
      const grant = await a.acquire(t0);
      expect(grant).toMatchObject({ owner: 'a', expiresAt: expiringFrom(t0), epoch: expect.any(Number) });
      await pass(TTL / 4);
      expect(await b.acquire(now())).toBeNull();
      const t1 = now();
      expect(await a.acquire(t1)).toMatchObject({ owner: 'a', expiresAt: expiringFrom(t1), epoch: grant!.epoch });
      expect(await a.holder()).toEqual({ owner: 'a', expiresAt: expiringFrom(t1) });
      expect(await lease('c', 'other-work').acquire(now())).toMatchObject({ owner: 'c' });
    });

    it('lets another owner take an expired lease, with a later epoch, and the old holder lose it', async () => {
      const [a, b] = [lease('a'), lease('b')];
      const first = await a.acquire(now());
      await pass(TTL / 2);
      expect(await b.acquire(now())).toBeNull();
      await pass(TTL / 2 + 50);
      const second = await b.acquire(now());
      expect(second).toMatchObject({ owner: 'b' });
      if (clock === 'database') expect(second!.epoch).toBeGreaterThan(first!.epoch);
      else expect(second!.epoch).toBeGreaterThanOrEqual(first!.epoch);
      expect(await a.acquire(now())).toBeNull();
    });

    it('is taken over from a named previous owner at once, expired or not, but not from another', async () => {
      const [a, b, c] = [lease('a'), lease('b'), lease('c')];
      await a.acquire(now());
      expect(await c.takeOver('b', now())).toBeNull();
      const t = now();
      expect(await b.takeOver('a', t)).toMatchObject({ owner: 'b', expiresAt: expiringFrom(t) });
      expect(await a.acquire(now())).toBeNull();
      expect((await a.holder())?.owner).toBe('b');
    });

    it('is free for anyone at once when its holder gives it up, and only then', async () => {
      const [a, b] = [lease('a'), lease('b')];
      await a.acquire(now());
      await b.release(); // not b's to give
      expect(await b.acquire(now())).toBeNull();
      await a.release();
      expect(await a.holder()).toBeUndefined();
      expect(await b.acquire(now())).toMatchObject({ owner: 'b' });
    });

    it('notes which holder holds the liveness lock, until it says otherwise or gives the lease up', async () => {
      const [a, b] = [lease('a'), lease('b')];
      expect(await a.lockHolder()).toBeUndefined();
      await a.acquire(now());
      await a.noteLock(true);
      expect(await b.lockHolder()).toBe('a');
      await a.noteLock(false);
      expect(await b.lockHolder()).toBeUndefined();
      await a.noteLock(true);
      await a.release();
      expect(await b.lockHolder()).toBeUndefined();
      expect(await b.holder()).toBeUndefined();
    });

    it('fences writes: a grant holds until the lease changes hands, then a transaction checking it is refused and writes nothing', async () => {
      const [a, b] = [lease('a'), lease('b')];
      const granted = (await a.acquire(now()))!;
      expect(await store().leases.holds(fence(granted))).toBe(true);
      await a.acquire(now()); // a renewal keeps the grant
      expect(await store().leases.holds(fence(granted))).toBe(true);
      expect(await store().leases.holds(fence(granted, 'other-work'))).toBe(false);
      await b.takeOver('a', now()); // a froze; b took over
      const fencedWrite = () =>
        store().transaction(async (tx) => {
          if (!(await tx.leases.holds(fence(granted)))) return 'refused';
          await tx.deliveries.plan(['e1'], [{ platform: 'discord', channelId: 'c1' }], 'now');
          return 'written';
        });
      expect(await fencedWrite()).toBe('refused');
      expect(await store().deliveries.counts()).toEqual({ pending: 0, sending: 0, delivered: 0, failed: 0 });
    });

    it('keeps the lease from changing hands while a transaction that checked the grant is open, so its writes land first', async () => {
      const [a, b] = [lease('a'), lease('b')];
      const granted = (await a.acquire(now()))!;
      let release!: () => void;
      const paused = new Promise<void>((r) => (release = r));
      let checked!: () => void;
      const inside = new Promise<void>((r) => (checked = r));
      const writing = store().transaction(async (tx) => {
        expect(await tx.leases.holds(fence(granted))).toBe(true);
        checked();
        await paused;
        await tx.deliveries.plan(['e1'], [{ platform: 'discord', channelId: 'c1' }], 'now');
      });
      await inside;
      let taken = false;
      const takeover = b.takeOver('a', now()).then((g) => (taken = g !== null));
      await sleep(150);
      expect(taken).toBe(false); // waits for the fenced transaction
      release();
      await writing;
      await takeover;
      expect(taken).toBe(true);
      expect(await store().leases.holds(fence(granted))).toBe(false);
      expect(await store().deliveries.counts()).toMatchObject({ pending: 1 });
    });

    it('fences a former holder even after the lease was given up and granted again', async () => {
      const [a, b, c] = [lease('a'), lease('b'), lease('c')];
      const old = (await a.acquire(now()))!;
      await b.takeOver('a', now());
      await b.release();
      const again = (await c.acquire(now()))!;
      expect(await store().leases.holds(fence(old))).toBe(false);
      expect(await store().leases.holds(fence(again))).toBe(true);
      if (clock === 'database') expect(again.epoch).toBeGreaterThan(old.epoch);
    });
  });
}
