import type { Episode } from '../core/model/catalog-schema.ts';
import { episodeMatches } from '../core/search/episode-filter.ts';
import type { FeedState } from '../store/ports/feed-state.ts';
import type { Store, Transaction } from '../store/store.ts';
import { chooseAnnouncements, type AnnounceLimits } from './choose-announcements.ts';
import { healthAfter } from './feed-health.ts';
import type { FeedContent } from './read-feed.ts';

/** A poll's content to store, with the feed's state before it. */
export interface PollToStore {
  feedUrl: string;
  showKey: string;
  state: FeedState;
  feed: FeedContent;
  limits: AnnounceLimits;
}

/** What storing a poll did. */
export interface StoredPoll {
  added: Episode[];
  updated: Episode[];
  announce: Episode[];
  skip: Episode[];
  /** The show's previous title, when the feed renamed itself. */
  renamedFrom: string | null;
  /** The feed's state now. */
  state: FeedState;
}

/**
 * Stores one poll in one transaction, all of it or nothing: the episodes
 * (new and edited), deliveries of the ones chosen for announcement to every
 * active channel that wants the show (and, for a channel subscribed with
 * `only`, whose words the episode matches, by search's matching), their transcript files to fetch, the
 * show's identity, and the feed's health.
 */
export function storePoll(store: Store, poll: PollToStore, now: string): Promise<StoredPoll> {
  const { showKey, feed } = poll;
  return store.transaction(async (tx) => {
    const newestKnown = await tx.episodes.newestPublishedAt(showKey);
    const changes = await tx.episodes.save(feed.episodes, now);
    const { announce, skip } = chooseAnnouncements(poll.state, changes.added, newestKnown, poll.limits);
    const announced = announce.map((e) => e.id);
    const channels = await channelsFor(tx, showKey);
    for (const ep of announce) {
      const wanting = channels.filter((c) => c.only === null || episodeMatches(ep, c.only));
      if (wanting.length > 0) await tx.deliveries.plan([ep.id], wanting, now);
    }
    for (const ep of feed.episodes) {
      const sources = feed.transcripts[ep.id];
      if (sources) await tx.transcriptState.track({ episodeId: ep.id, showKey, publishedAt: ep.publishedAt, sources }, now);
    }
    const { renamedFrom } = await tx.shows.save({ key: showKey, feedUrl: poll.feedUrl, podcast: feed.podcast }, now);
    await tx.episodes.markAnnounced(announced);
    const state = healthAfter(poll.state, { ok: true, validators: feed.validators, initialized: true, lastEpisodeId: feed.episodes[0]?.id ?? poll.state.lastEpisodeId }, now);
    await tx.feedState.put(state);
    return { ...changes, announce, skip, renamedFrom, state };
  });
}

/** The active subscriptions that get posts of this show, with the words their posts must match (null: every episode). */
async function channelsFor(tx: Transaction, showKey: string): Promise<Array<{ platform: string; channelId: string; only: string | null }>> {
  const out: Array<{ platform: string; channelId: string; only: string | null }> = [];
  for (const c of await tx.subscriptions.list({ status: 'active' })) {
    if (!(await tx.subscriptionShows.wants(c.platform, c.channelId, showKey))) continue;
    const { only } = await tx.subscriptionShapes.get(c.platform, c.channelId);
    out.push({ platform: c.platform, channelId: c.channelId, only });
  }
  return out;
}
