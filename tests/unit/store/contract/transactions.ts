import { describe, expect, it } from 'vitest';
import type { Transaction } from '../../../../src/store/store.ts';
import { at, useStore, type OpenTestStore } from './use-store.ts';

const sub = (channelId: string) => ({ platform: 'discord' as const, channelId, serverId: 'g1', createdBy: 'admin' });

/** Transactions: all or nothing, nested ones alone, and what happens beside one that is open. */
export function transactionContract(open: OpenTestStore): void {
  describe('transactions', () => {
    const store = useStore(open);

    it('keeps everything done through the transaction when its work resolves, and resolves to its result', async () => {
      const result = await store().transaction(async (tx) => {
        await tx.subscriptions.add(sub('c1'), 'now');
        await tx.subscriptionShows.set('discord', 'c1', ['show-a']);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await store().subscriptions.get('discord', 'c1')).toMatchObject({ status: 'active' });
      expect(await store().subscriptionShows.of('discord', 'c1')).toEqual(['show-a']);
    });

    it('keeps nothing when its work throws, and passes the error on', async () => {
      const boom = new Error('boom');
      await expect(
        store().transaction(async (tx) => {
          await tx.subscriptions.add(sub('c1'), 'now');
          await tx.deliveries.plan(['e1'], [{ platform: 'discord', channelId: 'c1' }], 'now');
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await store().subscriptions.list()).toEqual([]);
      expect(await store().deliveries.counts()).toEqual({ pending: 0, sending: 0, delivered: 0, failed: 0 });
    });

    it('neither loses nor rolls back a write made beside an open transaction that then rolls back', async () => {
      let release!: () => void;
      const paused = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const rolledBack = store().transaction(async (tx) => {
        await tx.subscriptions.add(sub('in-tx'), 'now');
        entered();
        await paused; // the transaction waits on something else (a network call, a timer) while open
        throw new Error('undo');
      });
      await inside;
      const beside = store().subscriptions.add(sub('beside'), 'now');
      await new Promise((r) => setTimeout(r, 20));
      release();
      await expect(rolledBack).rejects.toThrow('undo');
      expect(await beside).toBe('created');
      expect((await store().subscriptions.list()).map((s) => s.channelId)).toEqual(['beside']);
    });

    it('commits a transaction while another caller writes beside it, keeping both', async () => {
      const [a, b] = await Promise.all([
        store().transaction(async (tx) => {
          await tx.subscriptions.add(sub('a'), at(0));
          await new Promise((r) => setTimeout(r, 10));
          await tx.subscriptions.add(sub('a2'), at(0));
          return 'a';
        }),
        store().subscriptions.add(sub('b'), at(0)),
      ]);
      expect([a, b]).toEqual(['a', 'created']);
      expect((await store().subscriptions.list()).map((s) => s.channelId).sort()).toEqual(['a', 'a2', 'b']);
    });

    it('nests: an inner transaction that throws is undone alone, and the outer one commits', async () => {
      await store().transaction(async (tx) => {
        await tx.subscriptions.add(sub('outer'), 'now');
        await expect(
          tx.transaction(async (inner) => {
            await inner.subscriptions.add(sub('inner'), 'now');
            throw new Error('inner fails');
          }),
        ).rejects.toThrow('inner fails');
        await tx.transaction(async (inner) => {
          await inner.subscriptions.add(sub('inner-ok'), 'now');
        });
      });
      expect((await store().subscriptions.list()).map((s) => s.channelId).sort()).toEqual(['inner-ok', 'outer']);
    });

    it('refuses calls through a transaction that is over', async () => {
      const kept: { tx: Transaction | null } = { tx: null };
      await store().transaction(async (tx) => {
        kept.tx = tx;
      });
      await expect(kept.tx!.subscriptions.list()).rejects.toThrow(/transaction/);
    });
  });
}
