import type { Store, StoreOptions } from '../store/store.ts';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';

/** Told when a pooled PostgreSQL connection fails while idle (the server restarted, the network dropped); the pool replaces it. */
export type IdleErrorListener = (err: Error) => void;

/**
 * Opens the store the options name, creating and migrating it if needed:
 * PostgreSQL when `databaseUrl` is set (no SQLite file is created), else the
 * SQLite file at `path` (":memory:" for one that lives as long as the
 * process). The one place that picks an engine. Fails with a StoreError
 * naming the database and what to do (never a password).
 */
export async function openStore(options: StoreOptions, onIdleError: IdleErrorListener = () => {}): Promise<Store> {
  if (options.databaseUrl) return PostgresStore.open(options.databaseUrl, { onIdleError });
  return SqliteStore.open(options.path);
}
