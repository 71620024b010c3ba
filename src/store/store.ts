import type { TranscriptStore } from '../core/model/transcript-store.ts';
import type { ChangeRepository, StopWatching, WatchOptions, ChangeVersions } from './ports/changes.ts';
import type { DeliveryRepository } from './ports/deliveries.ts';
import type { EpisodeRepository } from './ports/episodes.ts';
import type { FeedStateRepository } from './ports/feed-state.ts';
import type { FollowedFeedRepository } from './ports/followed-feeds.ts';
import type { LeaseRepository } from './ports/lease.ts';
import type { LivenessLock } from './ports/liveness-lock.ts';
import type { SavedLibraryRepository } from './ports/saved-library.ts';
import type { RandomDeckRepository } from './ports/random-decks.ts';
import type { ShowRepository } from './ports/shows.ts';
import type { SubscriptionShowsRepository } from './ports/subscription-shows.ts';
import type { SubscriptionShapeRepository } from './ports/subscription-shapes.ts';
import type { SubscriptionRepository } from './ports/subscriptions.ts';
import type { TranscriptStateRepository } from './ports/transcript-state.ts';

/** The repositories of the store, each call asynchronous (the database may be across a network). */
export interface Repositories {
  readonly episodes: EpisodeRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly subscriptionShows: SubscriptionShowsRepository;
  readonly deliveries: DeliveryRepository;
  readonly feedState: FeedStateRepository;
  readonly shows: ShowRepository;
  /** Where fetching each episode's transcript stands. */
  readonly transcriptState: TranscriptStateRepository;
  /** The transcript segments themselves, searched by word. */
  readonly transcriptSegments: TranscriptStore;
  readonly savedLibrary: SavedLibraryRepository;
  /** The feeds followed from chat (shared by every process). */
  readonly followedFeeds: FollowedFeedRepository;
  /** How each channel's announcements are shaped (only some episodes, whom to mention). */
  readonly subscriptionShapes: SubscriptionShapeRepository;
  /** What changed, as versions every process can watch. */
  readonly changes: ChangeRepository;
  /** What /random has shown in each place. */
  readonly randomDecks: RandomDeckRepository;
  /** Leases, and the fence that refuses a former holder's writes (through a transaction). */
  readonly leases: LeaseRepository;
}

/**
 * The repositories inside one open transaction: every call through them is
 * part of it. `transaction` inside one nests (a savepoint): its work is kept
 * or undone as a whole, and the outer transaction goes on.
 */
export interface Transaction extends Repositories {
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

/**
 * Everything the bot keeps (SQLite in src/store/sqlite/; a networked engine
 * implements the same ports). Any call may wait and may fail.
 */
export interface Store extends Repositories {
  /**
   * Runs `work` in one transaction: everything it does through `tx` is stored,
   * or none of it when it throws (the error is passed on). Calls must go
   * through `tx`, never through the store itself, while it runs.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** The liveness lock that goes with lease `name` (see {@link LivenessLock}), or null where the engine offers none. */
  livenessLock(name: string): LivenessLock | null;
  /**
   * Calls `onChange` with the change versions whenever they differ from the
   * last ones seen (the first read counts as a change), so every process
   * learns what another stored: on a periodic read of the versions, and at
   * once on the engine's nudge where it has one (PostgreSQL: LISTEN/NOTIFY).
   * Calls never overlap. Returns the way to stop.
   */
  watch(onChange: (versions: ChangeVersions) => void | Promise<void>, options?: WatchOptions): StopWatching;
  /** Waits for calls in progress, then closes the store; later calls fail. */
  close(): Promise<void>;
}

/**
 * Where the store is: a SQLite file (":memory:" for one that lives as long as
 * the process), or, when `databaseUrl` is given, a PostgreSQL database (then `path` is not used).
 */
export interface StoreOptions {
  path: string;
  databaseUrl?: string;
}

/** Opens (creating and migrating if needed) the store an options object names. */
export type OpenStore = (options: StoreOptions) => Promise<Store>;
