/**
 * A library saved in its SQLite database (table `search_state`), to start
 * again without re-indexing: the episodes and the minisearch index
 * (`toJSON` / `loadJS`), beside the transcript segments already stored
 * there. Saved with a format version and a stamp of what it was built
 * from; another version is refused, another stamp means "rebuild".
 */
import type Database from 'better-sqlite3';
import { Library, type LibraryOptions, type LibraryState } from '../core/search/library.ts';
import { DEFAULT_RECOMMEND_OPTIONS } from '../core/search/recommend.ts';
import { fail, ok, type Result } from '../core/model/result.ts';
import { METADATA_INDEX_VERSION } from '../core/search/metadata-index.ts';
import { DEFAULT_SEARCH_OPTIONS } from '../core/search/search-types.ts';
import { ensureSearchTables } from '../store/sqlite/transcript-schema.ts';

/** The saved-library format this version of episode-bot writes and reads; any other is refused. */
export const LIBRARY_STATE_VERSION = 1 * 100 + METADATA_INDEX_VERSION;

const NAME = 'library';

/** What a saved library depends on besides the catalog: options that change what is indexed. */
function buildStamp(source: Record<string, unknown>, options: LibraryOptions): string {
  return JSON.stringify({
    ...source,
    segmentWords: options.search?.segmentWords ?? DEFAULT_SEARCH_OPTIONS.segmentWords,
    headlineWeight: options.recommend?.headlineWeight ?? DEFAULT_RECOMMEND_OPTIONS.headlineWeight,
  });
}

/** Saves the library's state in its database, stamped with `source` (e.g. the catalog file's path, size and time). */
export function saveLibrary(db: Database.Database, library: Library, source: Record<string, unknown>, options: LibraryOptions = {}): number {
  ensureSearchTables(db);
  const body = JSON.stringify(library.state());
  db.prepare('INSERT OR REPLACE INTO search_state (name, version, stamp, body) VALUES (?, ?, ?, ?)').run(NAME, LIBRARY_STATE_VERSION, buildStamp(source, options), body);
  return body.length;
}

/**
 * The library saved in this database for `source` (`'any'`: whatever it was saved from). Fails, with the reason,
 * when none is saved, it was saved from something else, or in a format
 * version this episode-bot does not read.
 */
export function restoreLibrary(db: Database.Database, source: Record<string, unknown> | 'any', options: LibraryOptions = {}): Result<Library> {
  ensureSearchTables(db);
  const row = db.prepare<[string], { version: number; stamp: string; body: string }>('SELECT version, stamp, body FROM search_state WHERE name = ?').get(NAME);
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
  return ok(Library.restore(state, { ...options, database: db }));
}
