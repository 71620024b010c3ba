import type { Catalog } from '../../src/core/model/catalog-schema.ts';
import { Library, type LibrarySettings } from '../../src/core/search/library.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

/** A store in memory, gone with the process (what a test or the bench uses instead of a file). */
export function memoryStore(): SqliteStore {
  return SqliteStore.open(':memory:');
}

/** A library of `catalog` whose transcripts live in an in-memory store of its own. */
export function memoryLibrary(catalog: Catalog, settings: LibrarySettings = {}): Promise<Library> {
  return Library.create(catalog, { ...settings, transcripts: memoryStore().transcriptSegments });
}
