import type { Logger } from 'pino';
import { loadCatalogFile } from './catalog-file.ts';
import type { Catalog, Podcast } from '../core/model/catalog-schema.ts';
import { Library } from '../core/search/library.ts';
import { fail, ok, type Result } from '../core/model/result.ts';
import { ShowDirectory } from '../core/model/shows.ts';
import { showKeyOf } from '../core/model/show-key.ts';
import { loadLibrary, openSearchStore } from './saved-library.ts';
import type { OpenStore, Store } from '../store/store.ts';

/** What the bot answers from: the library, its shows, and (with feeds) the catalog file as an overlay. */
export interface LibrarySource {
  library: Library;
  shows: ShowDirectory;
  overlay: Catalog | null;
}

/** Where the catalog file is (CATALOG_PATH) and where its index is kept without the bot's store (INDEX_CACHE_PATH). */
export interface CatalogPaths {
  catalogPath: string;
  indexCachePath: string;
}

/**
 * No feed: the catalog file (from its index snapshot when fresh) is what the bot answers from, as one show.
 * Without the bot's store, the index lives in a store of its own at INDEX_CACHE_PATH (console, ask), opened with `open`.
 */
export async function catalogLibrary(
  paths: CatalogPaths,
  store: Store | null,
  log: Logger,
  open: OpenStore,
): Promise<Result<LibrarySource>> {
  const search = store ? { store, note: null } : await openSearchStore(paths.indexCachePath, open);
  if (search.note) log.warn({ index: paths.indexCachePath }, `INDEX_CACHE_PATH: ${search.note}`);
  const loaded = await loadLibrary(paths.catalogPath, search.store);
  if (!loaded.ok) return fail(loaded.error);
  const { library, note } = loaded.value;
  if (note) log.info({ index: store ? 'DATABASE_PATH' : paths.indexCachePath }, `index rebuilt: ${note}`);
  if (store) await library.upsert(await store.episodes.all((id, problem) => log.warn({ id, problem }, 'stored episode skipped')));
  return ok({ library, shows: ShowDirectory.single(library.podcast), overlay: null });
}

/**
 * Feeds: the episodes stored from them are the catalog (none of the catalog
 * file's are mixed in); the catalog file is kept as an overlay for the show
 * it describes. Shows not polled yet are named after their feed until then;
 * shows whose feed left the setting keep their episodes.
 */
export async function feedLibrary(catalogPath: string, feedUrls: readonly string[], store: Store, log: Logger): Promise<Result<LibrarySource>> {
  const catalog = loadCatalogFile(catalogPath);
  if (!catalog.ok) return fail(catalog.error);
  const stored = new Map((await store.shows.all()).map((s) => [s.key, s]));
  const shows = new ShowDirectory();
  for (const url of feedUrls) {
    const key = showKeyOf(url);
    shows.put({ key, feedUrl: url, followed: true, podcast: stored.get(key)?.podcast ?? placeholderPodcast(url) });
  }
  for (const s of stored.values()) if (!shows.get(s.key)) shows.put({ key: s.key, feedUrl: s.feedUrl, followed: false, podcast: s.podcast });
  const episodes = await store.episodes.all((id, problem) => log.warn({ id, problem }, 'stored episode skipped'));
  const library = await Library.create({ version: 1, podcast: shows.all()[0]!.podcast, episodes }, { transcripts: store.transcriptSegments });
  return ok({ library, shows, overlay: catalog.value });
}

/** A feed's name until its first poll tells the real one: its host, or its file name. */
export function placeholderPodcast(feedUrl: string): Podcast {
  let title = feedUrl;
  try {
    title = /^https?:/i.test(feedUrl) ? new URL(feedUrl).hostname : (feedUrl.split(/[\\/]/).pop() ?? feedUrl);
  } catch {
    // keep the URL
  }
  return { title, description: '', publisher: null, language: null, imageUrl: null, links: [] };
}
