import type { Repositories } from '../store.ts';
import type { SqliteConnection } from './connection.ts';
import { SqliteChangeRepository } from './changes-repo.ts';
import { SqliteDeliveryRepository } from './delivery-repo.ts';
import { SqliteEpisodeRepository } from './episode-repo.ts';
import { SqliteFeedStateRepository } from './feed-state-repo.ts';
import { SqliteFollowedFeedRepository } from './followed-feeds-repo.ts';
import { SqliteRandomDeckRepository } from './random-deck-repo.ts';
import { SqliteLeaseRepository } from './lease-repo.ts';
import { SqliteSavedLibraryRepository } from './saved-library-repo.ts';
import { SqliteShowRepository } from './show-repo.ts';
import { SqliteSubscriptionRepository } from './subscription-repo.ts';
import { SqliteSubscriptionShowsRepository } from './subscription-shows-repo.ts';
import { SqliteSubscriptionShapeRepository } from './subscription-shapes-repo.ts';
import type { TranscriptOwners } from './transcript-owners.ts';
import { SqliteTranscriptStore } from './transcript-segments.ts';
import { SqliteTranscriptStateRepository } from './transcript-state-repo.ts';

/** Every SQLite repository over one connection (the store's, or a transaction's). */
export function sqliteRepositories(c: SqliteConnection, owners: TranscriptOwners): Repositories & { leases: SqliteLeaseRepository } {
  return {
    episodes: new SqliteEpisodeRepository(c),
    subscriptions: new SqliteSubscriptionRepository(c),
    subscriptionShows: new SqliteSubscriptionShowsRepository(c),
    deliveries: new SqliteDeliveryRepository(c),
    feedState: new SqliteFeedStateRepository(c),
    shows: new SqliteShowRepository(c),
    transcriptState: new SqliteTranscriptStateRepository(c),
    transcriptSegments: new SqliteTranscriptStore(c, owners),
    savedLibrary: new SqliteSavedLibraryRepository(c),
    followedFeeds: new SqliteFollowedFeedRepository(c),
    subscriptionShapes: new SqliteSubscriptionShapeRepository(c),
    changes: new SqliteChangeRepository(c),
    randomDecks: new SqliteRandomDeckRepository(c),
    leases: new SqliteLeaseRepository(c),
  };
}
