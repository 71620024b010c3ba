import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { keepStatements } from './keep-statements.ts';
import { makeDirectory } from './make-directory.ts';
import { MIGRATIONS } from './migrations.ts';

/** An open SQLite database with the current schema. */
export type Db = Database.Database;

/**
 * Raised when the database cannot be used; the message names the file and what to do.
 * `location`: the file cannot be created or opened where it is (a setting to fix);
 * `content`: the file is there but unusable (for example a newer schema).
 */
export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly kind: 'location' | 'content' = 'content',
  ) {
    super(message);
  }
}

/**
 * Opens (creating if needed) the SQLite database at `path` (":memory:" for
 * tests), applies pending migrations in one transaction, and refuses a
 * database whose schema is newer than this version of episode-bot knows.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    const made = makeDirectory(dirname(path));
    if (!made.ok) throw new DatabaseError(`${path}: ${made.error}`, 'location');
  }
  let db: Db;
  try {
    db = keepStatements(new Database(path));
  } catch (err) {
    throw new DatabaseError(`${path}: cannot open the database (${(err as Error).message})`, 'location');
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    db.close();
    throw new DatabaseError(`${path}: cannot use the database (${(err as Error).message})`, 'location');
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
    throw new DatabaseError(
      `${path}: the database schema is version ${current}, newer than this episode-bot understands (${SCHEMA_VERSION}); upgrade episode-bot or use another DATABASE_PATH`,
    );
  }
  const apply = db.transaction(() => {
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  apply.immediate();
}
