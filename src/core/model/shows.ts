import type { Episode, Podcast } from './catalog-schema.ts';
import { foldTerm } from './text.ts';

/** Key of the shipped catalog's show (episodes whose `show` is null belong to it). */
export const CATALOG_SHOW_KEY = 'catalog';

/** One podcast the bot answers about: the shipped catalog, or a followed feed. */
export interface Show {
  /** Stable key: derived from the feed URL (src/core/model/show-key.ts), so a feed that renames itself stays the same show. */
  key: string;
  /** The podcast's identity, from its feed (or the catalog file). */
  podcast: Podcast;
  /** The feed it comes from; null for the shipped catalog. */
  feedUrl: string | null;
  /** Whether the feed is in the current setting (FEED_URL); a removed feed keeps its episodes but is not polled. */
  followed: boolean;
}

const fold = (s: string) => foldTerm(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * The shows the bot knows, in the order they were configured. Titles change
 * when a feed renames itself (the key does not), so everything that names a
 * show asks here at the time it names it.
 */
export class ShowDirectory {
  private readonly shows = new Map<string, Show>();

  constructor(shows: readonly Show[] = []) {
    for (const s of shows) this.put(s);
  }

  /** A directory of one show: the shipped catalog's podcast. */
  static single(podcast: Podcast): ShowDirectory {
    return new ShowDirectory([{ key: CATALOG_SHOW_KEY, podcast, feedUrl: null, followed: true }]);
  }

  /** Adds a show or replaces it (same key), keeping its place. */
  put(show: Show): void {
    this.shows.set(show.key, show);
  }

  /** Forgets a show (removed for good, or the demo giving way to followed feeds). */
  remove(key: string): void {
    this.shows.delete(key);
  }

  /** Every show, in order. */
  all(): Show[] {
    return [...this.shows.values()];
  }

  /** The show with this key. */
  get(key: string): Show | undefined {
    return this.shows.get(key);
  }

  /** Whether answers must say which show an episode is from. */
  get multiple(): boolean {
    return this.shows.size > 1;
  }

  /** The key of an episode's show. */
  keyOf(episode: Pick<Episode, 'show'>): string {
    return episode.show ?? CATALOG_SHOW_KEY;
  }

  /** The title of an episode's show ("" when unknown). */
  titleOf(episode: Pick<Episode, 'show'>): string {
    return this.shows.get(this.keyOf(episode))?.podcast.title ?? '';
  }

  /** What the bot is about, in a few words: the one show's title, or "A, B and C". */
  name(): string {
    const titles = this.all().map((s) => s.podcast.title);
    if (titles.length <= 1) return titles[0] ?? 'this podcast';
    return `${titles.slice(0, -1).join(', ')} and ${titles.at(-1)}`;
  }

  /**
   * The show someone means: its key, its title (case, accents and
   * punctuation ignored), or the one show whose title starts with or
   * contains what they typed. Undefined when none or several fit.
   */
  find(typed: string): Show | undefined {
    const text = typed.trim();
    if (text === '') return undefined;
    const byKey = this.shows.get(text);
    if (byKey) return byKey;
    const want = fold(text);
    if (want === '') return undefined;
    const all = this.all();
    const exact = all.find((s) => fold(s.podcast.title) === want);
    if (exact) return exact;
    const starts = all.filter((s) => fold(s.podcast.title).startsWith(want));
    if (starts.length === 1) return starts[0];
    const contains = all.filter((s) => ` ${fold(s.podcast.title)} `.includes(` ${want}`));
    return contains.length === 1 ? contains[0] : undefined;
  }

  /** Shows whose title contains what is typed (all of them for nothing typed), for autocomplete. */
  suggest(typed: string, limit = 25): Show[] {
    const want = fold(typed);
    return this.all()
      .filter((s) => want === '' || fold(s.podcast.title).includes(want) || s.key === typed.trim())
      .slice(0, limit);
  }
}
