import { afterEach, describe, expect, it } from 'vitest';
import type { Episode } from '../../../src/core/model/catalog-schema.ts';
import type { FeedContent } from '../../../src/following/read-feed.ts';
import { storePoll } from '../../../src/following/store-poll.ts';
import { blankFeedState } from '../../../src/store/ports/feed-state.ts';
import type { ShowRepository } from '../../../src/store/ports/shows.ts';
import type { Store, Transaction } from '../../../src/store/store.ts';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.ts';
import { shippedCatalog } from '../../helpers/bot.ts';

const FEED = 'https://quokka.example/feed.xml';
const SHOW = 'show-quokka';
const limits = { announceOnFirstPoll: 1, maxBacklog: 3, backCatalogToleranceMs: 2 * 86_400_000 };
const episode = (id: string, publishedAt: string): Episode => ({ ...shippedCatalog().episodes[16]!, id, guid: id, title: `Quokkas ${id}`, publishedAt, transcriptExcerpt: null, show: SHOW });
const content = (episodes: Episode[]): FeedContent => ({
  podcast: { title: 'Quokka Radio', description: '', publisher: null, language: null, imageUrl: null, links: [] },
  episodes,
  transcripts: { [episodes[0]!.id]: [{ url: 'https://quokka.example/t.vtt', type: 'text/vtt', language: null, rel: null }] },
  validators: { etag: '"v1"', lastModified: null },
});

const stores: SqliteStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function subscribedStore(): Promise<SqliteStore> {
  const store = SqliteStore.open(':memory:');
  stores.push(store);
  for (const channelId of ['all-shows', 'other-show', 'gone']) await store.subscriptions.add({ platform: 'discord', channelId, serverId: 'g', createdBy: null }, 'now');
  await store.subscriptionShows.set('discord', 'other-show', ['show-wombat']);
  await store.subscriptions.markFailed('discord', 'gone', 'Unknown Channel', 'now');
  return store;
}

/** The store, with the show repository of its transactions failing (a disk full, a connection lost). */
function failingShows(store: Store): Store {
  const broken: ShowRepository = {
    save: async () => {
      throw new Error('disk full');
    },
    get: async () => undefined,
    all: async () => [],
  };
  return Object.assign(Object.create(store) as Store, {
    transaction: <T>(work: (tx: Transaction) => Promise<T>) => store.transaction((tx) => work(Object.assign(Object.create(tx) as Transaction, { shows: broken }))),
  });
}

describe('storing a poll', () => {
  it('stores the episodes, plans the newest one for the active channels that want the show, tracks transcripts and saves the show and health', async () => {
    const store = await subscribedStore();
    const eps = [episode('q2', '2030-06-08T10:00:00Z'), episode('q1', '2030-06-01T10:00:00Z')];
    const stored = await storePoll(store, { feedUrl: FEED, showKey: SHOW, state: blankFeedState(FEED), feed: content(eps), limits }, '2030-06-09T00:00:00.000Z');
    expect(stored).toMatchObject({ added: eps, updated: [], announce: [eps[0]], skip: [eps[1]], renamedFrom: null });
    expect(stored.state).toMatchObject({ initialized: true, etag: '"v1"', lastEpisodeId: 'q2', consecutiveFailures: 0, lastSuccessAt: '2030-06-09T00:00:00.000Z' });
    expect(await store.feedState.get(FEED)).toEqual(stored.state);
    expect((await store.deliveries.open()).map((d) => [d.episodeId, d.channelId])).toEqual([['q2', 'all-shows']]);
    expect(await store.transcriptState.get('q2')).toMatchObject({ state: 'pending', showKey: SHOW });
    expect(await store.shows.get(SHOW)).toMatchObject({ feedUrl: FEED, podcast: { title: 'Quokka Radio' } });
  });

  it('stores nothing of a poll whose storing fails half-way, and passes the error on', async () => {
    const store = await subscribedStore();
    const eps = [episode('q1', '2030-06-01T10:00:00Z')];
    const poll = { feedUrl: FEED, showKey: SHOW, state: blankFeedState(FEED), feed: content(eps), limits };
    await expect(storePoll(failingShows(store), poll, 'now')).rejects.toThrow('disk full');
    expect(await store.episodes.count()).toBe(0);
    expect(await store.deliveries.counts()).toEqual({ pending: 0, sending: 0, delivered: 0, failed: 0 });
    expect(await store.transcriptState.get('q1')).toBeUndefined();
    expect(await store.feedState.get(FEED)).toEqual(blankFeedState(FEED));
    const again = await storePoll(store, poll, 'later');
    expect(again.announce.map((e) => e.id)).toEqual(['q1']);
    expect(await store.episodes.count()).toBe(1);
  });
});
