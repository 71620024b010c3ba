import { accessSync, constants, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '../../core/model/result.ts';
import type { Db } from './database.ts';
import { keepStatements } from './keep-statements.ts';
import { MIGRATIONS } from './migrations.ts';

/** The tables every episode-bot SQLite database has had since its first migration. */
const SIGNATURE_TABLES = ['feed_episodes', 'subscriptions', 'deliveries', 'feed_state', 'leases'];

/** An FTS5 row of a transcript segment, with its rowid. */
export interface ExportedSegment {
  rowid: number;
  text: string | null;
  start_seconds: unknown;
  speaker: unknown;
}

/**
 * A SQLite store opened read-only (the file is never written, not even
 * migrated) for copying elsewhere: it must be an episode-bot database at the
 * schema version this code writes. {@link begin} takes one snapshot that every
 * later read sees (a bot still writing to the file changes nothing read).
 * Reads come in batches, by rowid, each a complete `.all()` (never an
 * iterator: see keep-statements.ts).
 */
export class SqliteExport {
  private constructor(
    private readonly db: Db,
    readonly path: string,
  ) {}

  /**
   * Opens `path` read-only and checks it: a missing or unreadable file, one
   * that is not a SQLite database, a SQLite database that is not
   * episode-bot's, or one at another schema version, is refused with a
   * message naming the file and what to do.
   */
  static open(path: string): Result<SqliteExport, string> {
    const problem = fileProblem(path);
    if (problem) return fail(problem);
    let db: Db;
    try {
      db = keepStatements(new Database(path, { readonly: true, fileMustExist: true }));
    } catch (err) {
      return fail(`${path}: cannot open it read-only (${(err as Error).message})`);
    }
    const checked = check(db, path);
    if (!checked.ok) {
      db.close();
      return checked;
    }
    return ok(new SqliteExport(db, path));
  }

  /** Starts the read transaction: from the first read on, every read sees the database as it was then. */
  begin(): void {
    this.db.exec('BEGIN DEFERRED');
  }

  /** Whether `table` exists. */
  has(table: string): boolean {
    return this.db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM sqlite_schema WHERE name = ?").get(table)!.n > 0;
  }

  /** How many rows `table` has. */
  count(table: string): number {
    return this.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
  }

  /** The rows of `table` (these columns), `batchSize` at a time in rowid order. */
  *rows(table: string, columns: readonly string[], batchSize: number): Generator<Array<Record<string, unknown>>> {
    const select = this.db.prepare<[number, number], Record<string, unknown>>(
      `SELECT rowid AS copy_rowid, ${columns.join(', ')} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ?`,
    );
    for (let after = Number.MIN_SAFE_INTEGER; ; ) {
      const rows = select.all(after, batchSize);
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1]!.copy_rowid as number;
    }
  }

  /** Each stored transcript's FTS5 rowid range, sorted by its first row. */
  segmentOwners(): Array<{ episodeId: string; firstRow: number; segments: number }> {
    return this.db
      .prepare<[], { episodeId: string; firstRow: number; segments: number }>(
        'SELECT episode_id AS episodeId, first_row AS firstRow, segments FROM transcript_sources WHERE segments > 0 ORDER BY first_row',
      )
      .all();
  }

  /** The transcript segments (FTS5 rows), `batchSize` at a time in rowid order. */
  *segments(batchSize: number): Generator<ExportedSegment[]> {
    // `rowid > ? ORDER BY rowid LIMIT ?` is FTS5's quick path; a closed range (`rowid >= ? AND rowid < ?`) scans the whole table.
    const select = this.db.prepare<[number, number], ExportedSegment>(
      'SELECT rowid, text, start_seconds, speaker FROM transcript_fts WHERE rowid > ? ORDER BY rowid LIMIT ?',
    );
    for (let after = Number.MIN_SAFE_INTEGER; ; ) {
      const rows = select.all(after, batchSize);
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1]!.rowid;
    }
  }

  /** Ends the read transaction and closes the file. */
  close(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }
}

function fileProblem(path: string): string | null {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    return `${path}: no such file (give the SQLite database the bot uses: its DATABASE_PATH, data/episode-bot.db by default)`;
  }
  if (!isFile) return `${path}: not a file (give the SQLite database file the bot uses, its DATABASE_PATH)`;
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return `${path}: cannot be read (permission denied): run the copy as a user who can read it`;
  }
  return null;
}

function check(db: Db, path: string): Result<true, string> {
  let version: number;
  let tables: Set<string>;
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all().map((r) => r.name));
  } catch (err) {
    return fail(`${path}: not a SQLite database (${(err as Error).message})`);
  }
  if (!SIGNATURE_TABLES.every((t) => tables.has(t))) {
    return fail(`${path}: not an episode-bot database (it has no ${SIGNATURE_TABLES.filter((t) => !tables.has(t)).join(', ')} table)`);
  }
  const expected = MIGRATIONS.length;
  if (version < expected) {
    return fail(
      `${path}: the database schema is version ${version}, older than this episode-bot's (${expected}): ` +
        `start the bot once on it (DATABASE_PATH=${path}) so it migrates the file, stop it, then copy again`,
    );
  }
  if (version > expected) {
    return fail(`${path}: the database schema is version ${version}, newer than this episode-bot understands (${expected}): copy with the episode-bot version that wrote it`);
  }
  return ok(true);
}
