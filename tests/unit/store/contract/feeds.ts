import { describe, expect, it } from 'vitest';
import { blankFeedState } from '../../../../src/store/ports/feed-state.ts';
import { at, episode, useStore, type OpenTestStore } from './use-store.ts';

const podcast = (title: string) => ({ title, description: 'd', publisher: null, language: null, imageUrl: null, links: [] });

/** What the feeds bring: episodes, each feed's state and each show's identity. */
export function feedsContract(open: OpenTestStore): void {
  describe('episodes', () => {
    const store = useStore(open);

    it('stores new episodes and edited ones, and says which', async () => {
      const a = episode('a', '2030-01-01T00:00:00Z');
      const b = episode('b', '2030-02-01T00:00:00Z', { show: 'show-b' });
      expect(await store().episodes.save([a, b], at(0))).toEqual({ added: [a, b], updated: [] });
      const edited = { ...a, title: 'Edited' };
      expect(await store().episodes.save([edited, b], at(1))).toEqual({ added: [], updated: [edited] });
      expect(await store().episodes.get('a')).toEqual(edited);
      expect(await store().episodes.get('nope')).toBeUndefined();
      expect((await store().episodes.all()).map((e) => e.id)).toEqual(['b', 'a']);
    });

    it('counts, dates and assigns episodes per show', async () => {
      await store().episodes.save([episode('a1', '2030-01-01T00:00:00Z'), episode('a2', '2030-03-01T00:00:00Z'), episode('b1', '2030-02-01T00:00:00Z', { show: 'show-b' })], at(0));
      expect(await store().episodes.count()).toBe(3);
      expect(await store().episodes.count('show-a')).toBe(2);
      expect(await store().episodes.newestPublishedAt()).toBe('2030-03-01T00:00:00Z');
      expect(await store().episodes.newestPublishedAt('show-b')).toBe('2030-02-01T00:00:00Z');
      expect(await store().episodes.newestPublishedAt('show-none')).toBeNull();
      expect(await store().episodes.showOf('b1')).toBe('show-b');
      expect(await store().episodes.showOf('nope')).toBeUndefined();
      await store().episodes.save([episode('old', null, { show: null })], at(0));
      expect(await store().episodes.showOf('old')).toBeNull();
    });

    it('lists the episodes stored or changed since a time', async () => {
      await store().episodes.save([episode('a', null), episode('b', null)], at(0));
      await store().episodes.save([episode('a', null, { title: 'Edited' }), episode('c', null)], at(10));
      expect((await store().episodes.changedSince(at(5))).map((e) => e.id).sort()).toEqual(['a', 'c']);
      expect(await store().episodes.changedSince(at(10))).toEqual([]);
      await store().episodes.markAnnounced(['a', 'c']);
      expect(await store().episodes.count()).toBe(3);
    });
  });

  describe('feed state', () => {
    const store = useStore(open);

    it('gives a blank state for a feed never polled, and keeps what is put', async () => {
      expect(await store().feedState.get('https://x.example/feed')).toEqual(blankFeedState('https://x.example/feed'));
      const state = {
        ...blankFeedState('https://x.example/feed'),
        etag: '"v1"', lastModified: 'Mon, 01 Jan 2030 00:00:00 GMT', initialized: true, lastAttemptAt: at(1), lastSuccessAt: at(0),
        lastError: 'HTTP 500', lastErrorAt: at(1), consecutiveFailures: 2, nextPollAt: at(9), lastEpisodeId: 'e9',
      };
      await store().feedState.put(state);
      expect(await store().feedState.get('https://x.example/feed')).toEqual(state);
      await store().feedState.put({ ...state, consecutiveFailures: 0, initialized: false });
      expect(await store().feedState.get('https://x.example/feed')).toMatchObject({ consecutiveFailures: 0, initialized: false, etag: '"v1"' });
    });
  });

  describe('shows', () => {
    const store = useStore(open);

    it('stores a show, says when its feed renamed it, and lists shows oldest first', async () => {
      expect(await store().shows.save({ key: 'k2', feedUrl: 'https://two.example/feed', podcast: podcast('Two') }, at(0))).toEqual({ renamedFrom: null });
      expect(await store().shows.save({ key: 'k1', feedUrl: 'https://one.example/feed', podcast: podcast('One') }, at(1))).toEqual({ renamedFrom: null });
      expect(await store().shows.save({ key: 'k2', feedUrl: 'https://two.example/feed', podcast: podcast('Two, renamed') }, at(2))).toEqual({ renamedFrom: 'Two' });
      expect(await store().shows.save({ key: 'k2', feedUrl: 'https://two.example/feed', podcast: podcast('Two, renamed') }, at(3))).toEqual({ renamedFrom: null });
      expect(await store().shows.get('k2')).toEqual({ key: 'k2', feedUrl: 'https://two.example/feed', podcast: podcast('Two, renamed') });
      expect(await store().shows.get('nope')).toBeUndefined();
      expect((await store().shows.all()).map((s) => s.key)).toEqual(['k2', 'k1']);
    });
  });
}
