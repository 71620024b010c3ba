import type { Repositories } from '../store.ts';
import type { PgConnection } from './connection.ts';
import { PgChangeRepository } from './changes-repo.ts';
import { PgDeliveryRepository } from './delivery-repo.ts';
import { PgEpisodeRepository } from './episode-repo.ts';
import { PgFeedStateRepository } from './feed-state-repo.ts';
import { PgFollowedFeedRepository } from './followed-feeds-repo.ts';
import { PgLeaseRepository } from './lease-repo.ts';
import { PgRandomDeckRepository } from './random-deck-repo.ts';
import { PgSavedLibraryRepository } from './saved-library-repo.ts';
import { PgShowRepository } from './show-repo.ts';
import { PgSubscriptionRepository } from './subscription-repo.ts';
import { PgSubscriptionShapeRepository } from './subscription-shapes-repo.ts';
import { PgSubscriptionShowsRepository } from './subscription-shows-repo.ts';
import { PgTranscriptStateRepository } from './transcript-state-repo.ts';
import { PgTranscriptStore } from './transcript-store.ts';

/** Every PostgreSQL repository over one connection (the store's pool, or a transaction's client). */
export function pgRepositories(c: PgConnection): Repositories {
  return {
    episodes: new PgEpisodeRepository(c),
    subscriptions: new PgSubscriptionRepository(c),
    subscriptionShows: new PgSubscriptionShowsRepository(c),
    deliveries: new PgDeliveryRepository(c),
    feedState: new PgFeedStateRepository(c),
    shows: new PgShowRepository(c),
    transcriptState: new PgTranscriptStateRepository(c),
    transcriptSegments: new PgTranscriptStore(c),
    savedLibrary: new PgSavedLibraryRepository(c),
    followedFeeds: new PgFollowedFeedRepository(c),
    subscriptionShapes: new PgSubscriptionShapeRepository(c),
    leases: new PgLeaseRepository(c),
    changes: new PgChangeRepository(c),
    randomDecks: new PgRandomDeckRepository(c),
  };
}
