/**
 * The library at start: read from its store when that holds an index saved
 * from this very catalog file (same path, size and modification time, same
 * options), else built from the catalog and saved there. The store also holds
 * the transcript segments. The bot uses its own store (DATABASE_PATH) when it
 * has one (feed, Discord, Slack); the console and `npm run ask` use
 * INDEX_CACHE_PATH, a SQLite file of its own.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalogFile } from './catalog-file.ts';
import { Library, type LibrarySettings } from '../core/search/library.ts';
import { fail, ok, type Result } from '../core/model/result.ts';
import { restoreLibrary, saveLibrary, type LibraryStorage } from './library-state.ts';
import type { OpenStore, Store } from '../store/store.ts';

/** A loaded library and how it was obtained. */
export interface LoadedLibrary {
  library: Library;
  /** `saved`: restored from the store; `catalog`: built from the catalog file. */
  source: 'saved' | 'catalog';
  /** Why the saved index was not used or not written, if so (never fatal). */
  note: string | null;
}

/** What a saved index records of the catalog file it was made from. */
export interface CatalogStamp {
  catalogPath: string;
  catalogSize: number;
  catalogModified: number;
}

/** The stamp of a catalog file (path, size and modification time), null when it cannot be read. */
export function stampOf(catalogPath: string): CatalogStamp | null {
  try {
    const s = statSync(catalogPath);
    return { catalogPath: resolve(catalogPath), catalogSize: s.size, catalogModified: s.mtimeMs };
  } catch {
    return null;
  }
}

/**
 * The index cache's store at `path` (created and migrated if needed); when it
 * cannot be opened, an in-memory one (search works, nothing is kept), with the reason.
 */
export async function openSearchStore(path: string, open: OpenStore): Promise<{ store: Store; note: string | null }> {
  if (path !== ':memory:' && fileKind(path) === 'other') {
    return { store: await open({ path: ':memory:' }), note: `${path} is not a regular file (a device, directory or special file), so the index is neither read from nor saved there; the index is kept in memory only` };
  }
  try {
    return { store: await open({ path }), note: null };
  } catch (err) {
    return { store: await open({ path: ':memory:' }), note: `${(err as Error).message}; the index is kept in memory only` };
  }
}

/**
 * The library for a catalog file over `storage`: restored when it holds an
 * index saved from this very file, else built from the catalog and saved.
 * Fails only when the catalog itself cannot be loaded.
 */
export async function loadLibrary(catalogPath: string, storage: LibraryStorage, options: LibrarySettings = {}): Promise<Result<LoadedLibrary>> {
  const stamp = stampOf(catalogPath);
  let note: string | null = null;
  if (stamp) {
    const restored = await restoreLibrary(storage, { ...stamp }, options);
    if (restored.ok) return ok({ library: restored.value, source: 'saved', note: null });
    note = restored.error;
  }
  const catalog = loadCatalogFile(catalogPath);
  if (!catalog.ok) return fail(catalog.error);
  const library = await Library.create(catalog.value, { ...options, transcripts: storage.transcriptSegments });
  if (stamp) {
    try {
      await saveLibrary(storage.savedLibrary, library, { ...stamp }, options);
    } catch (err) {
      note = `cannot save the index (${(err as Error).message})`;
    }
  }
  return ok({ library, source: 'catalog', note });
}

/** What is at `path`: nothing, a regular file, or something else (a directory, /dev/zero, a FIFO...) never to be read or replaced. */
function fileKind(path: string): 'none' | 'file' | 'other' {
  try {
    return statSync(path).isFile() ? 'file' : 'other';
  } catch {
    return 'none';
  }
}
