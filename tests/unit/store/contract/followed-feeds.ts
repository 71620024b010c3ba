import { describe, expect, it } from 'vitest';
import { blankFeedState } from '../../../../src/store/ports/feed-state.ts';
import type { FollowedFeed } from '../../../../src/store/ports/followed-feeds.ts';
import { at, episode, useStore, type OpenTestStore } from './use-store.ts';

const podcast = (title: string) => ({ title, description: 'd', publisher: null, language: null, imageUrl: null, links: [] });

const feed = (key: string, minute = 0): FollowedFeed => ({
  feedUrl: `https://${key}.example/feed.xml`,
  showKey: key,
  title: `Show ${key}`,
  platform: 'discord',
  serverId: 'G1',
  followedBy: 'U1',
  followedAt: at(minute),
});

/** Feeds followed from chat, removing a show for good, and each subscription's shape. */
export function followedFeedsContract(open: OpenTestStore): void {
  describe('followed feeds', () => {
    const store = useStore(open);

    it('adds each show once, lists them oldest first, and removes them', async () => {
      expect(await store().followedFeeds.add(feed('show-b', 2))).toBe(true);
      expect(await store().followedFeeds.add(feed('show-a', 1))).toBe(true);
      expect(await store().followedFeeds.add({ ...feed('show-a', 5), feedUrl: 'https://other.example/' })).toBe(false);
      expect((await store().followedFeeds.list()).map((f) => f.showKey)).toEqual(['show-a', 'show-b']);
      expect(await store().followedFeeds.get('show-a')).toEqual(feed('show-a', 1));
      expect(await store().followedFeeds.get('show-z')).toBeUndefined();
      expect(await store().followedFeeds.remove('show-a')).toBe(true);
      expect(await store().followedFeeds.remove('show-a')).toBe(false);
      expect((await store().followedFeeds.list()).map((f) => f.showKey)).toEqual(['show-b']);
    });

    it('purges a show: its episodes, transcript state, open deliveries, feed state and its place in subscriptions', async () => {
      const s = store();
      const url = 'https://show-a.example/feed.xml';
      await s.followedFeeds.add(feed('show-a'));
      await s.episodes.save([episode('a1', '2030-01-01'), episode('a2', '2030-01-02'), episode('b1', '2030-01-03', { show: 'show-b' })], at(0));
      await s.shows.save({ key: 'show-a', feedUrl: url, podcast: podcast('A') }, at(0));
      await s.feedState.put({ ...blankFeedState(url), initialized: true });
      await s.transcriptState.track({ episodeId: 'a1', showKey: 'show-a', publishedAt: '2030-01-01', sources: [{ url: 'https://x/1.vtt', type: 'text/vtt', language: null, rel: null }] }, at(0));
      for (const c of ['only-a', 'a-and-b', 'every']) await s.subscriptions.add({ platform: 'slack', channelId: c, serverId: 'T', createdBy: 'U' }, at(0));
      await s.subscriptionShows.set('slack', 'only-a', ['show-a']);
      await s.subscriptionShows.set('slack', 'a-and-b', ['show-a', 'show-b']);
      await s.subscriptionShapes.set('slack', 'only-a', { only: 'chaos', mention: null });
      await s.deliveries.plan(['a2', 'b1'], [{ platform: 'slack', channelId: 'every' }], at(0));

      expect(await s.followedFeeds.purgeShow('show-a', url)).toEqual({ episodes: 2, transcripts: 1, subscriptions: 1 });

      expect((await s.episodes.all()).map((e) => e.id)).toEqual(['b1']);
      expect(await s.shows.get('show-a')).toBeUndefined();
      expect((await s.feedState.get(url)).initialized).toBe(false);
      expect(await s.followedFeeds.list()).toEqual([]);
      expect((await s.transcriptState.counts('show-a')).listed).toBe(0);
      expect((await s.subscriptions.list({})).map((c) => c.channelId).sort()).toEqual(['a-and-b', 'every']);
      expect(await s.subscriptionShows.of('slack', 'a-and-b')).toEqual(['show-b']);
      expect(await s.subscriptionShapes.get('slack', 'only-a')).toEqual({ only: null, mention: null });
      expect((await s.deliveries.open()).map((d) => d.episodeId)).toEqual(['b1']);
    });
  });

  describe('subscription shapes', () => {
    const store = useStore(open);

    it('keeps a shape per channel, and the plain shape removes it', async () => {
      expect(await store().subscriptionShapes.get('discord', 'c1')).toEqual({ only: null, mention: null });
      await store().subscriptionShapes.set('discord', 'c1', { only: 'kubernetes istio', mention: '<@&42>' });
      await store().subscriptionShapes.set('discord', 'c1', { only: 'kubernetes', mention: '<@&42>' });
      expect(await store().subscriptionShapes.get('discord', 'c1')).toEqual({ only: 'kubernetes', mention: '<@&42>' });
      expect(await store().subscriptionShapes.get('slack', 'c1')).toEqual({ only: null, mention: null });
      await store().subscriptionShapes.set('discord', 'c1', { only: null, mention: null });
      expect(await store().subscriptionShapes.get('discord', 'c1')).toEqual({ only: null, mention: null });
    });
  });
}
