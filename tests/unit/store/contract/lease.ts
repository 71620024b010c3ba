import { describe, expect, it } from 'vitest';
import { useStore, type OpenTestStore } from './use-store.ts';

const T0 = 1_000_000;
const TTL = 20_000;

/** Leases: one holder at a time, renewed, expiring, handed over, given up. */
export function leaseContract(open: OpenTestStore): void {
  describe('leases', () => {
    const store = useStore(open);
    const lease = (owner: string, name = 'announcer') => store().leases.lease(name, owner, TTL);

    it('grants a free lease to one owner, renews it for that owner only, and names its holder', async () => {
      const [a, b] = [lease('a'), lease('b')];
      expect(await a.holder()).toBeUndefined();
      const grant = await a.acquire(T0);
      expect(grant).toMatchObject({ owner: 'a', expiresAt: T0 + TTL, epoch: expect.any(Number) });
      expect(await b.acquire(T0 + 1_000)).toBeNull();
      expect(await a.acquire(T0 + 5_000)).toMatchObject({ owner: 'a', expiresAt: T0 + 5_000 + TTL, epoch: grant!.epoch });
      expect(await a.holder()).toEqual({ owner: 'a', expiresAt: T0 + 5_000 + TTL });
      expect(await lease('c', 'other-work').acquire(T0)).toMatchObject({ owner: 'c' });
    });

    it('lets another owner take an expired lease, with a later epoch, and the old holder lose it', async () => {
      const [a, b] = [lease('a'), lease('b')];
      const first = await a.acquire(T0);
      expect(await b.acquire(T0 + TTL - 1)).toBeNull();
      const second = await b.acquire(T0 + TTL + 1);
      expect(second).toMatchObject({ owner: 'b' });
      expect(second!.epoch).toBeGreaterThanOrEqual(first!.epoch);
      expect(await a.acquire(T0 + TTL + 2)).toBeNull();
    });

    it('is taken over from a named previous owner at once, expired or not, but not from another', async () => {
      const [a, b, c] = [lease('a'), lease('b'), lease('c')];
      await a.acquire(T0);
      expect(await c.takeOver('b', T0 + 1)).toBeNull();
      expect(await b.takeOver('a', T0 + 1)).toMatchObject({ owner: 'b', expiresAt: T0 + 1 + TTL });
      expect(await a.acquire(T0 + 2)).toBeNull();
      expect((await a.holder())?.owner).toBe('b');
    });

    it('is free for anyone at once when its holder gives it up, and only then', async () => {
      const [a, b] = [lease('a'), lease('b')];
      await a.acquire(T0);
      await b.release(); // not b's to give
      expect(await b.acquire(T0 + 1)).toBeNull();
      await a.release();
      expect(await a.holder()).toBeUndefined();
      expect(await b.acquire(T0 + 2)).toMatchObject({ owner: 'b' });
    });

    it('notes which holder holds the liveness lock, until it says otherwise or gives the lease up', async () => {
      const [a, b] = [lease('a'), lease('b')];
      expect(await a.lockHolder()).toBeUndefined();
      await a.acquire(T0);
      await a.noteLock(true);
      expect(await b.lockHolder()).toBe('a');
      await a.noteLock(false);
      expect(await b.lockHolder()).toBeUndefined();
      await a.noteLock(true);
      await a.release();
      expect(await b.lockHolder()).toBeUndefined();
      expect(await b.holder()).toBeUndefined();
    });
  });
}
