import { openStore } from '../src/app/open-store.ts';
import type { Library, LibrarySettings } from '../src/core/search/library.ts';
import { fail, type Result } from '../src/core/model/result.ts';
import { restoreLibrary } from '../src/library/library-state.ts';

/** The library saved in the store file at `path`, whatever catalog it was made from (the bench's processes). */
export async function readSavedLibrary(path: string, options: LibrarySettings = {}): Promise<Result<Library>> {
  const restored = await restoreLibrary(await openStore({ path }), 'any', options);
  return restored.ok ? restored : fail(`${path}: ${restored.error}`);
}
