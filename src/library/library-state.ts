/**
 * A library saved in its store (the saved-library repository), to start
 * again without re-indexing: the episodes and the minisearch index
 * (`toJSON` / `loadJS`), beside the transcript segments already stored
 * there. Saved with a format version and a stamp of what it was built
 * from; another version is refused, another stamp means "rebuild".
 */
import type { TranscriptStore } from '../core/model/transcript-store.ts';
import { Library, type LibrarySettings, type LibraryState } from '../core/search/library.ts';
import { DEFAULT_RECOMMEND_OPTIONS } from '../core/search/recommend.ts';
import { fail, ok, type Result } from '../core/model/result.ts';
import { METADATA_INDEX_VERSION } from '../core/search/metadata-index.ts';
import { DEFAULT_SEARCH_OPTIONS } from '../core/search/search-types.ts';
import type { SavedLibraryRepository } from '../store/ports/saved-library.ts';

/** The saved-library format this version of episode-bot writes and reads; any other is refused. */
export const LIBRARY_STATE_VERSION = 1 * 100 + METADATA_INDEX_VERSION;

const NAME = 'library';

/** Where a library is saved: the saved-library repository, and the transcript store its transcripts are in. */
export interface LibraryStorage {
  savedLibrary: SavedLibraryRepository;
  transcriptSegments: TranscriptStore;
}

/** What a saved library depends on besides the catalog: options that change what is indexed. */
function buildStamp(source: Record<string, unknown>, options: LibrarySettings): string {
  return JSON.stringify({
    ...source,
    segmentWords: options.search?.segmentWords ?? DEFAULT_SEARCH_OPTIONS.segmentWords,
    headlineWeight: options.recommend?.headlineWeight ?? DEFAULT_RECOMMEND_OPTIONS.headlineWeight,
  });
}

/** Saves the library's state, stamped with `source` (e.g. the catalog file's path, size and time); resolves to its size in characters. */
export async function saveLibrary(saved: SavedLibraryRepository, library: Library, source: Record<string, unknown>, options: LibrarySettings = {}): Promise<number> {
  const body = JSON.stringify(library.state());
  await saved.put(NAME, { version: LIBRARY_STATE_VERSION, stamp: buildStamp(source, options), body });
  return body.length;
}

/**
 * The library saved in this storage for `source` (`'any'`: whatever it was saved from). Fails, with the reason,
 * when none is saved, it was saved from something else, or in a format
 * version this episode-bot does not read.
 */
export async function restoreLibrary(storage: LibraryStorage, source: Record<string, unknown> | 'any', options: LibrarySettings = {}): Promise<Result<Library>> {
  const row = await storage.savedLibrary.get(NAME);
  if (!row) return fail('no saved index');
  if (row.version !== LIBRARY_STATE_VERSION) {
    return fail(`the saved index is format version ${row.version}; this episode-bot reads version ${LIBRARY_STATE_VERSION}; rebuilding it`);
  }
  if (source !== 'any' && row.stamp !== buildStamp(source, options)) return fail('the saved index was made from another version of the catalog or other options');
  let state: LibraryState;
  try {
    state = JSON.parse(row.body) as LibraryState;
  } catch {
    return fail('the saved index is damaged');
  }
  return ok(Library.restore(state, { ...options, transcripts: storage.transcriptSegments }));
}
