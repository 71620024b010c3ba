import { describe, expect, it } from 'vitest';
import { at, episode, useStore, type OpenTestStore } from './use-store.ts';

const sub = (channelId: string, platform: 'discord' | 'slack' = 'discord', serverId = 'g1') => ({ platform, channelId, serverId, createdBy: 'admin' });
const channel = (channelId: string) => ({ platform: 'discord', channelId });

/** The delivery ledger, subscriptions and which shows a channel gets. */
export function ledgerContract(open: OpenTestStore): void {
  describe('deliveries', () => {
    const store = useStore(open);

    it('plans a delivery once per episode and channel, however often it is planned', async () => {
      expect(await store().deliveries.plan(['e1', 'e2'], [channel('c1'), channel('c2')], at(0))).toBe(4);
      expect(await store().deliveries.plan(['e1', 'e3'], [channel('c1')], at(1))).toBe(1);
      expect(await store().deliveries.counts()).toEqual({ pending: 5, sending: 0, delivered: 0, failed: 0 });
      expect((await store().deliveries.forEpisode('e1')).map((d) => [d.channelId, d.state, d.attempts, d.updatedAt])).toEqual([
        ['c1', 'pending', 0, at(0)],
        ['c2', 'pending', 0, at(0)],
      ]);
    });

    it('lists open deliveries oldest episode first, then by channel', async () => {
      await store().episodes.save([episode('new', '2030-03-01T00:00:00Z'), episode('old', '2030-01-01T00:00:00Z'), episode('mid', '2030-02-01T00:00:00Z')], at(0));
      await store().deliveries.plan(['new', 'mid', 'old'], [channel('c2'), channel('c1')], at(0));
      expect((await store().deliveries.open()).map((d) => `${d.episodeId}/${d.channelId}`)).toEqual(['old/c1', 'old/c2', 'mid/c1', 'mid/c2', 'new/c1', 'new/c2']);
    });

    it('records an attempt before the post and its outcome after; only open ones are listed', async () => {
      await store().deliveries.plan(['e1'], [channel('c1'), channel('c2'), channel('c3')], at(0));
      const [d1, d2, d3] = await store().deliveries.open();
      await store().deliveries.markSending(d1!, at(5));
      expect(await store().deliveries.forEpisode('e1')).toContainEqual(expect.objectContaining({ channelId: 'c1', state: 'sending', attempts: 1, updatedAt: at(5) }));
      await store().deliveries.finish(d1!, { state: 'delivered', messageId: 'm1' }, at(6));
      await store().deliveries.markSending(d2!, at(7));
      await store().deliveries.finish(d2!, { state: 'pending', error: 'rate limited' }, at(8));
      await store().deliveries.markSending(d3!, at(9));
      await store().deliveries.finish(d3!, { state: 'failed', error: 'Unknown Channel' }, at(10));
      expect((await store().deliveries.forEpisode('e1')).map((d) => [d.channelId, d.state, d.attempts, d.messageId, d.lastError])).toEqual([
        ['c1', 'delivered', 1, 'm1', null],
        ['c2', 'pending', 1, null, 'rate limited'],
        ['c3', 'failed', 1, null, 'Unknown Channel'],
      ]);
      expect((await store().deliveries.open()).map((d) => d.channelId)).toEqual(['c2']);
      expect(await store().deliveries.counts()).toEqual({ pending: 1, sending: 0, delivered: 1, failed: 1 });
    });

    it('lists a delivery interrupted while sending as open, with the time of its attempt', async () => {
      await store().deliveries.plan(['e1'], [channel('c1')], at(0));
      await store().deliveries.markSending({ episodeId: 'e1', platform: 'discord', channelId: 'c1' }, at(3));
      expect(await store().deliveries.open()).toEqual([
        { episodeId: 'e1', platform: 'discord', channelId: 'c1', state: 'sending', attempts: 1, lastError: null, messageId: null, updatedAt: at(3) },
      ]);
    });
  });

  describe('subscriptions', () => {
    const store = useStore(open);

    it('subscribes a channel once, and makes a failed one active again', async () => {
      expect(await store().subscriptions.add(sub('c1'), at(0))).toBe('created');
      expect(await store().subscriptions.add(sub('c1'), at(1))).toBe('exists');
      await store().subscriptions.markFailed('discord', 'c1', 'Missing Access', at(2));
      expect(await store().subscriptions.get('discord', 'c1')).toEqual({
        platform: 'discord', channelId: 'c1', serverId: 'g1', createdAt: at(0), createdBy: 'admin', status: 'failed', lastError: 'Missing Access', failedAt: at(2),
      });
      expect(await store().subscriptions.add(sub('c1'), at(3))).toBe('reactivated');
      expect(await store().subscriptions.get('discord', 'c1')).toMatchObject({ status: 'active', lastError: null, failedAt: null, createdAt: at(0) });
    });

    it('lists subscriptions oldest first, filtered by platform, server and status', async () => {
      await store().subscriptions.add(sub('d2', 'discord', 'g2'), at(2));
      await store().subscriptions.add(sub('d1'), at(1));
      await store().subscriptions.add(sub('s1', 'slack', 'T1'), at(3));
      await store().subscriptions.markFailed('discord', 'd2', 'gone', at(4));
      expect((await store().subscriptions.list()).map((s) => s.channelId)).toEqual(['d1', 'd2', 's1']);
      expect((await store().subscriptions.list({ platform: 'discord' })).map((s) => s.channelId)).toEqual(['d1', 'd2']);
      expect((await store().subscriptions.list({ platform: 'discord', serverId: 'g2' })).map((s) => s.channelId)).toEqual(['d2']);
      expect((await store().subscriptions.list({ status: 'active' })).map((s) => s.channelId)).toEqual(['d1', 's1']);
    });

    it('removes a subscription, saying whether there was one', async () => {
      await store().subscriptions.add(sub('c1'), at(0));
      expect(await store().subscriptions.remove('discord', 'c1')).toBe(true);
      expect(await store().subscriptions.remove('discord', 'c1')).toBe(false);
      expect(await store().subscriptions.get('discord', 'c1')).toBeUndefined();
    });
  });

  describe('the shows a channel gets', () => {
    const store = useStore(open);

    it('gives every show to a channel limited to none, and only its shows to one limited to some', async () => {
      expect(await store().subscriptionShows.of('discord', 'c1')).toEqual([]);
      expect(await store().subscriptionShows.wants('discord', 'c1', 'any-show')).toBe(true);
      await store().subscriptionShows.set('discord', 'c1', ['zebra', 'aardvark', 'zebra']);
      expect(await store().subscriptionShows.of('discord', 'c1')).toEqual(['aardvark', 'zebra']);
      expect(await store().subscriptionShows.wants('discord', 'c1', 'zebra')).toBe(true);
      expect(await store().subscriptionShows.wants('discord', 'c1', 'okapi')).toBe(false);
      expect(await store().subscriptionShows.of('slack', 'c1')).toEqual([]);
      await store().subscriptionShows.set('discord', 'c1', []);
      expect(await store().subscriptionShows.wants('discord', 'c1', 'okapi')).toBe(true);
    });
  });
}
