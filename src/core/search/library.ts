import type { AsPlainObject } from 'minisearch';
import type { Catalog, Episode, Podcast } from '../model/catalog-schema.ts';
import { newestFirst } from '../model/episode-order.ts';
import { Recommender, type RecommendOptions, type Recommendation } from './recommend.ts';
import { EpisodeSearch } from './episode-search.ts';
import { MetadataIndex } from './metadata-index.ts';
import type { QueryPlan } from './query-plan.ts';
import { NameIndex, type PersonEntry, type Suggestion } from './name-index.ts';
import { DEFAULT_SEARCH_OPTIONS, type SearchOptions, type SearchPage } from './search-types.ts';
import type { TranscriptSink } from '../model/transcript-segment.ts';
import type { TranscriptStore } from '../model/transcript-store.ts';
import { TranscriptIndex } from './transcript-index.ts';
import type { TranscriptStatus } from './transcript-outage.ts';

/** Settings of the {@link Library}; each part has its own documented defaults. */
export interface LibrarySettings {
  search?: Partial<SearchOptions>;
  recommend?: Partial<RecommendOptions>;
}

/** What a {@link Library} is built with: its settings and where its transcript segments are stored and searched. */
export interface LibraryOptions extends LibrarySettings {
  /** The transcript store (the bot's database; src/app/ makes an in-memory one where there is none). */
  transcripts: TranscriptStore;
}

/**
 * Words of the transcript vocabulary read at a time at warm-up: each slice
 * is added to the typo map (a radix tree) between two turns of the event
 * loop, so a slice must be short work: 1,000 words take a few milliseconds,
 * the store's default 5,000 up to 70 ms on a busy machine.
 */
const VOCABULARY_SLICE = 1_000;

/** The store, its vocabulary read in slices of `size` words unless a size is given. */
function withVocabularySlices(store: TranscriptStore, size: number): TranscriptStore {
  return {
    stored: (ids) => store.stored(ids),
    replace: (items, options) => store.replace(items, options),
    hasFetched: (id) => store.hasFetched(id),
    segmentCount: () => store.segmentCount(),
    vocabulary: (sliceSize = size) => store.vocabulary(sliceSize),
    matches: (term) => store.matches(term),
    segmentsWith: (term, scope) => store.segmentsWith(term, scope),
    quotes: (ids, terms) => store.quotes(ids, terms),
  };
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
 * indexes over them (minisearch for metadata and names, in memory; the
 * transcript store for transcripts), built once at start and updated when the
 * feed brings new or edited episodes. Everything in memory answers at once;
 * what reads transcripts (search, storing them) is asynchronous.
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
  private readonly transcriptStore: TranscriptStore;

  private constructor(podcast: Podcast, options: LibraryOptions, metadataJson?: AsPlainObject) {
    this.podcast = podcast;
    this.options = { ...DEFAULT_SEARCH_OPTIONS, ...options.search };
    this.metadata = new MetadataIndex(this.options, metadataJson);
    this.transcriptStore = options.transcripts;
    this.transcriptIndex = new TranscriptIndex(withVocabularySlices(options.transcripts, VOCABULARY_SLICE), this.options);
    this.transcripts = this.transcriptIndex;
    const recency = (id: string) => this.recencyOf.get(id) ?? Number.MAX_SAFE_INTEGER;
    this.names = new NameIndex(this.options, recency);
    this.recommender = new Recommender(this.metadata, recency, podcast.title, options.recommend);
    this.engine = new EpisodeSearch(this.options, this.metadata, this.transcriptIndex, {
      get: (id) => this.byId.get(id),
      recency: (id) => this.recencyOf.get(id) ?? Number.MAX_SAFE_INTEGER,
    });
  }

  /** A library of the catalog, every episode indexed and its transcript excerpt stored. */
  static async create(catalog: Catalog, options: LibraryOptions): Promise<Library> {
    const library = new Library(catalog.podcast, options);
    await library.upsert(catalog.episodes);
    return library;
  }

  /** A library from its saved state, over a transcript store that already holds its transcripts; nothing is re-indexed. */
  static restore(state: LibraryState, options: LibraryOptions): Library {
    const library = new Library(state.podcast, options, state.metadata);
    library.setOrder(state.episodes);
    library.names.build(library.ordered);
    library.recommender.build(library.ordered);
    return library;
  }

  /** The library's state, to save. */
  state(): LibraryState {
    return { podcast: this.podcast, episodes: this.ordered, metadata: this.metadata.toJSON() };
  }

  /**
   * Adds new episodes and replaces edited ones (same id): the indexes in
   * memory are updated at once (before this returns), then transcript
   * excerpts go to the transcript store (an episode without one keeps what
   * is stored) and leave memory; resolves once they are stored.
   */
  upsert(added: readonly Episode[]): Promise<void> {
    const excerpts = added.filter((e) => e.transcriptExcerpt !== null).map((e) => [e.id, e.transcriptExcerpt] as const);
    // The same id twice: the last one counts.
    const latest = new Map(added.map((ep) => [ep.id, ep.transcriptExcerpt === null ? ep : { ...ep, transcriptExcerpt: null }]));
    const episodes = [...latest.values()];
    this.metadata.upsert(episodes);
    const listing = [...episodes.filter((e) => !this.byId.has(e.id)), ...this.ordered.map((e) => latest.get(e.id) ?? e)];
    this.setOrder(listing);
    this.names.update(episodes, []);
    this.recommender.update(episodes, []);
    return this.transcriptIndex.syncExcerpts(excerpts);
  }

  /** Takes episodes out (a show removed for good, or the demo giving way to followed feeds); search no longer finds them or their transcripts. */
  remove(ids: readonly string[]): void {
    const gone = new Set(ids.filter((id) => this.byId.has(id)));
    if (gone.size === 0) return;
    this.metadata.remove([...gone]);
    this.setOrder(this.ordered.filter((e) => !gone.has(e.id)));
    this.names.update([], [...gone]);
    this.recommender.update([], [...gone]);
  }

  /** The episodes newest first, and where each stands; the indexes are updated by the caller. */
  private setOrder(listing: readonly Episode[]): void {
    this.ordered = newestFirst(listing);
    this.byId = new Map(this.ordered.map((e) => [e.id, e]));
    this.recencyOf = new Map(this.ordered.map((e, i) => [e.id, i]));
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
  search(query: string, offset = 0, limit = 5, filter?: (ep: Episode) => boolean): Promise<SearchPage> {
    return this.engine.search(query, offset, limit, filter);
  }

  /**
   * How a query is looked for: each typed word with its exact, prefix and
   * typo variants in metadata and transcripts, planned once (what search
   * and its miss explanation read).
   */
  plan(query: string): Promise<QueryPlan & { transcripts: TranscriptStatus }> {
    return this.engine.plan(query);
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
   * The word of the catalog's titles, guests, organisations and chapter
   * titles nearest to `word` (a folded word), within a suggestion's typo
   * budget (see typos.ts): what "Did you mean …?" offers. Null when none is near.
   */
  nearestWord(word: string): string | null {
    return this.metadata.nearestSuggestable(word);
  }

  /** The guests whose names come nearest to `name` (per word, with typos), best first. */
  nearestGuests(name: string, limit = 3): string[] {
    return this.names.nearestGuests(name, limit);
  }

  /** Every guest's name, in order of their newest episode. */
  guestNames(): string[] {
    return this.names.guestNames();
  }

  /**
   * Loads what the first transcript search would otherwise load on its own
   * time (the transcript vocabulary for typo tolerance), so no listener waits for it.
   */
  warmUp(): Promise<void> {
    return this.transcriptIndex.warmUp();
  }

  /**
   * Another process stored, replaced or removed transcripts: their words are
   * read again from the store (searches go on with the old ones meanwhile).
   */
  transcriptsChanged(): Promise<void> {
    return this.transcriptIndex.reload();
  }

  /** Episodes like this one (never itself), with reasons; their transcripts count too ("Also talks about …") when the store can be read. */
  similarTo(episodeId: string, limit = 3): Promise<Recommendation[]> {
    return this.recommender.similarTo(episodeId, limit, this.transcriptStore);
  }
}
