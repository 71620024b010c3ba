import type { Store, StoreOptions } from '../store/store.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';

/**
 * Opens the store the options name, creating and migrating it if needed:
 * today a SQLite file (":memory:" for one that lives as long as the process).
 * The one place that picks an engine. Fails with a StoreError naming the
 * database and what to do.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  return SqliteStore.open(options.path);
}
