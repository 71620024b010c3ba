import type pg from 'pg';
import { MIGRATIONS } from './migrations.ts';

/** The PostgreSQL schema version this code writes. */
export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * The transaction-level advisory lock every migrator takes first, so that two
 * processes starting together apply each migration once (any constant bigint
 * would do; this is "episode-bot:migrate" in ASCII, cut to 63 bits).
 */
export const MIGRATION_LOCK = 0x6570_6973_6f64_656dn & 0x7fff_ffff_ffff_ffffn;

/** Raised when the database cannot be used by this version: its message names the setting and what to do. */
export class SchemaError extends Error {
  constructor(
    message: string,
    readonly kind: 'too-new' | 'locale' | 'failed',
  ) {
    super(message);
  }
}

/** What {@link migrate} did. */
export interface MigrationReport {
  /** The version found before migrating (0 for an empty database). */
  from: number;
  /** The version now. */
  to: number;
}

/** Something that can run a query: a `pg.Client`, or a `pg.Pool` (then one connection is checked out for the whole migration). */
export type Queryable = pg.Pool | pg.Client | pg.PoolClient;

/**
 * Brings the database's schema to this code's version: in one transaction,
 * under {@link MIGRATION_LOCK} (a second process waits, then finds nothing to
 * do), each missing migration is applied and recorded in `schema_migrations`.
 * A database whose schema is newer than this code is refused, naming both
 * versions; so is one whose character classes are not Unicode (`LC_CTYPE` C
 * or POSIX, or an encoding other than UTF8), where transcript search would
 * drop every accented letter.
 */
export async function migrate(db: Queryable, migrations: readonly string[] = MIGRATIONS): Promise<MigrationReport> {
  const client = 'totalCount' in db ? await db.connect() : db;
  try {
    await client.query('BEGIN');
    try {
      const report = await apply(client, migrations);
      await client.query('COMMIT');
      return report;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  } finally {
    if (client !== db) (client as pg.PoolClient).release();
  }
}

async function apply(client: pg.Client | pg.PoolClient, migrations: readonly string[]): Promise<MigrationReport> {
  // Migrations may rebuild large indexes: no statement timeout inside this transaction.
  await client.query('SET LOCAL statement_timeout = 0');
  await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await client.query<{ v: number }>('SELECT coalesce(max(version), 0)::integer AS v FROM schema_migrations');
  const from = rows[0]!.v;
  if (from > migrations.length) {
    throw new SchemaError(
      `the database schema is version ${from}, newer than this episode-bot understands (${migrations.length}); upgrade episode-bot or use another DATABASE_URL`,
      'too-new',
    );
  }
  if (from < migrations.length) await checkLocale(client);
  for (let v = from; v < migrations.length; v++) {
    try {
      await client.query(migrations[v]!);
    } catch (err) {
      throw new SchemaError(`migration ${v + 1} of ${migrations.length} failed: ${(err as Error).message}${hint(err)}`, 'failed');
    }
    await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [v + 1]);
  }
  return { from, to: migrations.length };
}

async function checkLocale(client: pg.Client | pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ ctype: string; encoding: string }>(
    'SELECT datctype AS ctype, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()',
  );
  const { ctype, encoding } = rows[0]!;
  if (encoding !== 'UTF8' || ctype === 'C' || ctype === 'POSIX') {
    throw new SchemaError(
      `the database has encoding ${encoding} and LC_CTYPE ${ctype}: transcript search needs UTF8 with a Unicode LC_CTYPE ` +
        `(accented and non-Latin letters are not letters under C); create it with ` +
        `CREATE DATABASE … ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0 (or en_US.UTF-8) and point DATABASE_URL at it`,
      'locale',
    );
  }
}

function hint(err: unknown): string {
  const message = (err as Error).message;
  if (/unaccent/.test(message) && /extension|control file/.test(message)) return ' (the unaccent extension comes with PostgreSQL\'s contrib modules: install postgresql-contrib, or ask the provider to allow it)';
  if (/permission denied/.test(message)) return ' (the DATABASE_URL user needs to own the database, or the CREATE privilege on it)';
  return '';
}
