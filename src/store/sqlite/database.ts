import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { keepStatements } from './keep-statements.ts';
import { makeDirectory } from './make-directory.ts';
import { StoreError } from '../store-error.ts';
import { MIGRATIONS } from './migrations.ts';

/** An open SQLite database with the current schema. */
export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database at `path` (":memory:" for
 * tests), applies pending migrations in one transaction, and refuses a
 * database whose schema is newer than this version of episode-bot knows
 * ({@link StoreError}, naming the file).
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    const made = makeDirectory(dirname(path));
    if (!made.ok) throw new StoreError(`${path}: ${made.error}`, 'location');
  }
  let db: Db;
  try {
    db = keepStatements(new Database(path));
  } catch (err) {
    throw new StoreError(`${path}: cannot open the database (${(err as Error).message})`, 'location');
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw new StoreError(`${path}: cannot use the database (${(err as Error).message})`, 'location');
  }
  migrate(db, path);
  return db;
}

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

function migrate(db: Db, path: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    db.close();
    throw new StoreError(
      `${path}: the database schema is version ${current}, newer than this episode-bot understands (${SCHEMA_VERSION}); upgrade episode-bot or use another DATABASE_PATH`,
    );
  }
  const apply = db.transaction(() => {
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  apply.immediate();
}
