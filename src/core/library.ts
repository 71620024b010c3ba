import type { Catalog, Episode, Podcast } from './catalog-schema.ts';
import { releasePlainTranscripts, withCompactTranscript } from './compact-text.ts';
import { newestFirst } from './episode-order.ts';
import { NameIndex, type NameIndexData, type PersonEntry, type Suggestion } from './people-index.ts';
import type { EpisodePostingsData } from './episode-postings.ts';
import { Recommender, type RecommenderData, type RecommendOptions, type Recommendation } from './recommend.ts';
import { SearchIndex, type SearchOptions, type SearchPage } from './search-index.ts';

/** Options of the {@link Library}; each part has its own documented defaults. */
export interface LibraryOptions {
  search?: Partial<SearchOptions>;
  recommend?: Partial<RecommendOptions>;
}

/** What a library is made of, to snapshot it and restore it without rebuilding (see library-snapshot.ts). */
export interface LibraryState {
  podcast: Podcast;
  /** Episodes newest first. */
  episodes: Episode[];
  search: EpisodePostingsData;
  recommender: RecommenderData;
  names: NameIndexData;
}

/**
 * Everything the bot knows: the podcast, its episodes newest first, and the
 * indexes over them, built once at start and updated when the feed brings
 * new or edited episodes.
 */
export class Library {
  readonly podcast: Podcast;
  private ordered: Episode[] = [];
  private byId = new Map<string, Episode>();
  private readonly searchIndex: SearchIndex;
  private readonly names = new NameIndex();
  private readonly recommender: Recommender;

  constructor(catalog: Catalog, options: LibraryOptions = {}) {
    this.podcast = catalog.podcast;
    this.searchIndex = new SearchIndex(options.search);
    this.recommender = new Recommender(options.recommend);
    this.upsert(catalog.episodes);
  }

  /** A library from a snapshot's state, without rebuilding its search index or recommendations. */
  static restore(state: LibraryState, options: LibraryOptions = {}): Library {
    const lib = new Library({ version: 1, podcast: state.podcast, episodes: [] }, options);
    lib.ordered = [...state.episodes];
    lib.byId = new Map(lib.ordered.map((e) => [e.id, e]));
    const order = lib.ordered.map((e) => e.id);
    lib.searchIndex.restore(state.search, lib.ordered, order);
    lib.recommender.restore(state.recommender, lib.ordered);
    lib.names.restore(state.names, lib.ordered);
    return lib;
  }

  /** The library's state, for a snapshot. */
  state(): LibraryState {
    return {
      podcast: this.podcast,
      episodes: this.ordered,
      search: this.searchIndex.data(),
      recommender: this.recommender.data(),
      names: this.names.data(),
    };
  }

  /**
   * Adds new episodes and replaces edited ones (same id); every index is
   * updated at once. Transcripts are kept compact (see {@link withCompactTranscript}).
   */
  upsert(added: readonly Episode[]): void {
    const episodes = added.map((ep) => withCompactTranscript(ep));
    const merged = new Map(this.byId);
    for (const ep of episodes) merged.set(ep.id, ep);
    const listing = [...episodes.filter((e) => !this.byId.has(e.id)), ...this.ordered.map((e) => merged.get(e.id)!)];
    this.ordered = newestFirst(listing);
    this.byId = new Map(this.ordered.map((e) => [e.id, e]));
    this.searchIndex.upsert(episodes, this.ordered.map((e) => e.id));
    this.names.build(this.ordered);
    this.recommender.build(this.ordered);
    releasePlainTranscripts(episodes);
  }

  /** Number of episodes. */
  get size(): number {
    return this.ordered.length;
  }

  /** Episodes newest first. */
  latest(offset = 0, limit = 5): Episode[] {
    return this.ordered.slice(offset, offset + limit);
  }

  /** The episode with this id, if any. */
  get(id: string): Episode | undefined {
    return this.byId.get(id);
  }

  /**
   * Full-text search; see {@link SearchIndex.search}. `filter` keeps only
   * the episodes it accepts (e.g. one show's), applied to the ranked list
   * (at most `maxResults`) before the window is cut.
   */
  search(query: string, offset = 0, limit = 5, filter?: (episodeId: string) => boolean): SearchPage {
    if (!filter) return this.searchIndex.search(query, { offset, limit });
    const all = this.searchIndex.search(query, { offset: 0, limit: Number.MAX_SAFE_INTEGER });
    const kept = all.hits.filter((h) => filter(h.episodeId));
    return { ...all, total: kept.length, hits: kept.slice(offset, offset + limit) };
  }

  /** A random episode; `random` returns a number in [0, 1). */
  random(random: () => number): Episode | undefined {
    return this.ordered[Math.floor(random() * this.ordered.length)];
  }

  /** Guests whose name matches (typos allowed), each with their episodes newest first. */
  findGuests(name: string): PersonEntry[] {
    return this.names.findPeople(name);
  }

  /** Autocomplete choices for episode titles and/or guest names. */
  suggest(typed: string, kinds: ReadonlyArray<Suggestion['kind']>, limit = 25): Suggestion[] {
    return this.names.suggest(typed, kinds, limit);
  }

  /** Episodes like this one (never itself), with reasons. */
  similarTo(episodeId: string, limit = 3): Recommendation[] {
    return this.recommender.similarTo(episodeId, limit);
  }
}
