import { openDatabase, type Db } from './database.ts';
import { DeliveryRepo } from './delivery-repo.ts';
import { EpisodeRepo } from './episode-repo.ts';
import { FeedStateRepo } from './feed-state-repo.ts';
import { ShowRepo } from './show-repo.ts';
import { SubscriptionShowsRepo } from './subscription-shows-repo.ts';
import { TranscriptStateRepo } from './transcript-state-repo.ts';
import { SubscriptionRepo } from './subscription-repo.ts';

/** The bot's storage: one SQLite database and its repositories. */
export class Store {
  readonly episodes: EpisodeRepo;
  readonly subscriptions: SubscriptionRepo;
  readonly deliveries: DeliveryRepo;
  readonly feedState: FeedStateRepo;
  readonly shows: ShowRepo;
  readonly subscriptionShows: SubscriptionShowsRepo;
  readonly transcripts: TranscriptStateRepo;

  constructor(readonly db: Db) {
    this.episodes = new EpisodeRepo(db);
    this.subscriptions = new SubscriptionRepo(db);
    this.deliveries = new DeliveryRepo(db);
    this.feedState = new FeedStateRepo(db);
    this.shows = new ShowRepo(db);
    this.subscriptionShows = new SubscriptionShowsRepo(db);
    this.transcripts = new TranscriptStateRepo(db);
  }

  /** Opens the database file (":memory:" for tests), migrating it. */
  static open(path: string): Store {
    return new Store(openDatabase(path));
  }

  /** Runs `work` in one transaction: all of it is stored, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  close(): void {
    this.db.close();
  }
}
