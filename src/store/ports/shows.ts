import type { Podcast } from '../../core/model/catalog-schema.ts';

/** A show as stored: the podcast identity its feed gave at the last successful poll. */
export interface StoredShow {
  key: string;
  feedUrl: string;
  podcast: Podcast;
}

/** Shows seen in feeds, one per feed URL's key; kept when a feed leaves the setting. */
export interface ShowRepository {
  /** Stores a show's identity; resolves to the previous title when the feed renamed itself. */
  save(show: StoredShow, now: string): Promise<{ renamedFrom: string | null }>;
  /** One show, if stored (and still valid). */
  get(key: string): Promise<StoredShow | undefined>;
  /** Every stored show, oldest first. */
  all(): Promise<StoredShow[]>;
}
