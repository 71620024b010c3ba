import Database from 'better-sqlite3';
import { keepStatements } from '../../store/sqlite/keep-statements.ts';
import type { AsPlainObject } from 'minisearch';
import type { Catalog, Episode, Podcast } from '../model/catalog-schema.ts';
import { newestFirst } from '../model/episode-order.ts';
import { Recommender, type RecommendOptions, type Recommendation } from './recommend.ts';
import { EpisodeSearch } from './episode-search.ts';
import { MetadataIndex } from './metadata-index.ts';
import { NameIndex, type PersonEntry, type Suggestion } from './name-index.ts';
import { DEFAULT_SEARCH_OPTIONS, type SearchOptions, type SearchPage } from './search-types.ts';
import type { TranscriptSink } from '../model/transcript-segment.ts';
import { TranscriptIndex } from './transcript-index.ts';

/** Options of the {@link Library}; each part has its own documented defaults. */
export interface LibraryOptions {
  search?: Partial<SearchOptions>;
  recommend?: Partial<RecommendOptions>;
  /**
   * The SQLite database holding transcript segments (FTS5). Default: a new
   * in-memory database, so a library needs no setup (tests, the bench); the
   * bot passes its own (see src/library/saved-library.ts).
   */
  database?: Database.Database;
}

/** What a library saves to start again without rebuilding (see src/library/library-state.ts). */
export interface LibraryState {
  podcast: Podcast;
  /** Episodes newest first, without their transcript excerpts (those are in the database). */
  episodes: Episode[];
  /** The episode index, as minisearch's `toJSON()` object. */
  metadata: AsPlainObject;
}

/**
 * Everything the bot knows: the podcast, its episodes newest first, and the
 * indexes over them (minisearch for metadata and names, SQLite FTS5 for
 * transcripts), built once at start and updated when the feed brings new or
 * edited episodes.
 */
export class Library {
  readonly podcast: Podcast;
  /** Where fetched transcripts go; searchable as soon as stored. */
  readonly transcripts: TranscriptSink;
  private ordered: Episode[] = [];
  private byId = new Map<string, Episode>();
  private recencyOf = new Map<string, number>();
  private readonly options: SearchOptions;
  private readonly metadata: MetadataIndex;
  private readonly transcriptIndex: TranscriptIndex;
  private readonly names: NameIndex;
  private readonly recommender: Recommender;
  private readonly engine: EpisodeSearch;

  constructor(catalog: Catalog, options: LibraryOptions = {}, metadataJson?: AsPlainObject) {
    this.podcast = catalog.podcast;
    this.options = { ...DEFAULT_SEARCH_OPTIONS, ...options.search };
    this.metadata = new MetadataIndex(this.options, metadataJson);
    this.transcriptIndex = new TranscriptIndex(options.database ?? keepStatements(new Database(':memory:')), this.options);
    this.transcripts = this.transcriptIndex;
    this.names = new NameIndex(this.options);
    this.recommender = new Recommender(this.metadata, options.recommend);
    this.engine = new EpisodeSearch(this.options, this.metadata, this.transcriptIndex, {
      get: (id) => this.byId.get(id),
      recency: (id) => this.recencyOf.get(id) ?? Number.MAX_SAFE_INTEGER,
    });
    if (metadataJson === undefined) this.upsert(catalog.episodes);
    else this.setEpisodes(catalog.episodes);
  }

  /** A library from its saved state, over a database that already holds its transcripts; nothing is re-indexed. */
  static restore(state: LibraryState, options: LibraryOptions = {}): Library {
    return new Library({ version: 1, podcast: state.podcast, episodes: state.episodes }, options, state.metadata);
  }

  /** The library's state, to save. */
  state(): LibraryState {
    return { podcast: this.podcast, episodes: this.ordered, metadata: this.metadata.toJSON() };
  }

  /**
   * Adds new episodes and replaces edited ones (same id); every index is
   * updated at once. Transcript excerpts go to the transcript database
   * (an episode without one keeps what is stored) and leave memory.
   */
  upsert(added: readonly Episode[]): void {
    this.transcriptIndex.syncExcerpts(added.filter((e) => e.transcriptExcerpt !== null).map((e) => [e.id, e.transcriptExcerpt] as const));
    const episodes = added.map((ep) => (ep.transcriptExcerpt === null ? ep : { ...ep, transcriptExcerpt: null }));
    this.metadata.upsert(episodes);
    const merged = new Map(this.byId);
    for (const ep of episodes) merged.set(ep.id, ep);
    const listing = [...episodes.filter((e) => !this.byId.has(e.id)), ...this.ordered.map((e) => merged.get(e.id)!)];
    this.setEpisodes(listing);
  }

  private setEpisodes(listing: readonly Episode[]): void {
    this.ordered = newestFirst(listing);
    this.byId = new Map(this.ordered.map((e) => [e.id, e]));
    this.recencyOf = new Map(this.ordered.map((e, i) => [e.id, i]));
    this.names.build(this.ordered);
    this.recommender.build(this.ordered);
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
   * Full-text search over metadata and transcripts (see {@link EpisodeSearch}):
   * a window of the ranked hits, optionally among the episodes `filter` accepts (one show).
   */
  search(query: string, offset = 0, limit = 5, filter?: (ep: Episode) => boolean): SearchPage {
    return this.engine.search(query, offset, limit, filter);
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

  /**
   * Loads what the first transcript search would otherwise load on its own
   * time (the FTS5 vocabulary for typo tolerance), so no listener waits for it.
   */
  warmUp(): void {
    this.transcriptIndex.vocabulary();
  }

  /** Episodes like this one (never itself), with reasons. */
  similarTo(episodeId: string, limit = 3): Recommendation[] {
    return this.recommender.similarTo(episodeId, limit);
  }
}
