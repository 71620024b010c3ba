import type { Episode } from '../../core/model/catalog-schema.ts';

/** What storing a feed's episodes changed. */
export interface EpisodeChanges {
  added: Episode[];
  updated: Episode[];
}

/** Episodes changed after a change version, and the version read with them. */
export interface EpisodesChangedAfter {
  episodes: Episode[];
  version: number;
}

/** Episodes discovered from the feeds, stored so they survive restarts. */
export interface EpisodeRepository {
  /** Inserts new episodes and updates changed ones (same id); reports which. Run it in the caller's transaction. */
  save(episodes: readonly Episode[], now: string): Promise<EpisodeChanges>;
  /** Marks episodes as announced (deliveries were planned for them). */
  markAnnounced(ids: readonly string[]): Promise<void>;
  /** Every stored episode, newest first; rows that no longer validate are skipped and reported. */
  all(onInvalid?: (id: string, problem: string) => void): Promise<Episode[]>;
  /** Episodes stored or changed since `since` (ISO time), for processes that do not poll. */
  changedSince(since: string): Promise<Episode[]>;
  /**
   * Episodes stored or changed after change version `version` (see
   * ChangeRepository; versions follow commit order, so no late commit is
   * skipped), and the version they bring the reader to.
   */
  changedAfter(version: number): Promise<EpisodesChangedAfter>;
  /** The stored episode with this id, if any (and still valid). */
  get(id: string): Promise<Episode | undefined>;
  /** The newest publication date stored (of one show, when given), if any. */
  newestPublishedAt(showKey?: string): Promise<string | null>;
  /** How many episodes came from feeds (from one show's feed, when given). */
  count(showKey?: string): Promise<number>;
  /** The show a stored episode belongs to: undefined when not stored, null for one stored before shows existed. */
  showOf(id: string): Promise<string | null | undefined>;
}
