import type { Db } from './database.ts';

/**
 * How a repository reaches the database: `run` does its synchronous
 * better-sqlite3 work as one step that may wait (for a transaction in
 * progress) and may fail, as a networked database would.
 */
export interface SqliteConnection {
  run<T>(work: (db: Db) => T): Promise<T>;
}

/** Runs `work` now; its result or its error as a promise. */
export function runNow<T>(db: Db, work: (db: Db) => T): Promise<T> {
  try {
    return Promise.resolve(work(db));
  } catch (err) {
    return Promise.reject(err);
  }
}
