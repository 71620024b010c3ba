/** What changed in the store, as versions that only grow: one per kind of data every process keeps in memory. */
export interface ChangeVersions {
  /** Stored episodes (added, edited or removed). */
  episodes: number;
  /** Stored transcripts (fetched, replaced or removed). */
  transcripts: number;
  /** Shows and the feeds followed from chat. */
  shows: number;
  /** Leases given up (a process stopping hands over: the others try to take the lease at once). */
  leases: number;
}

/**
 * The store's change versions. Each is raised in the transaction that makes
 * the change and taken in commit order (writers of one kind take turns), so
 * a reader that has seen version v has seen every change numbered up to v.
 */
export interface ChangeRepository {
  versions(): Promise<ChangeVersions>;
}

/** Stops a watch. */
export type StopWatching = () => void;

/** How often a watch reads the versions when nothing nudges it. */
export interface WatchOptions {
  /** Default 1 s (SQLite) or 2 s (PostgreSQL, where notifications come first). */
  intervalMs?: number;
}
