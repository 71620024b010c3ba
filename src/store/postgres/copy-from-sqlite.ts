import type pg from 'pg';
import { fail, ok, type Result } from '../../core/model/result.ts';
import { SqliteExport } from '../sqlite/export-reader.ts';
import { connectPostgres, PostgresConnectError } from './connect.ts';
import { COPIED_TABLES, ownSegments, sourceColumns, TARGET_TABLES } from './copy-tables.ts';
import { DatabaseUrlError, hidePassword, parseDatabaseUrl, type PostgresUrl } from './database-url.ts';
import { migrate, SchemaError } from './migrate.ts';
import { emptyTables, existingTables, filledTables, insertRows, insertSegments, prepareCopy } from './sqlite-import.ts';
import { inTransaction } from './transaction.ts';

/** What to copy where. */
export interface CopyOptions {
  /** The SQLite database file (opened read-only). */
  from: string;
  /** The PostgreSQL URL (`postgres://user:password@host:port/database`). */
  to: string;
  /** Empty the target's tables first, instead of refusing a target holding data. */
  replace: boolean;
  /** How long an unreachable server is tried again before giving up (ms). */
  connectWaitMs?: number;
  /** Rows per INSERT (segments: {@link CopyOptions.segmentBatch}). */
  rowBatch?: number;
  segmentBatch?: number;
  /** Told of each table once it is copied. */
  onTable?: (copied: CopiedCount) => void;
}

/** One table copied. */
export interface CopiedCount {
  table: string;
  rows: number;
  ms: number;
}

/** What a copy did. */
export interface CopyReport {
  /** `host:port/database` of the target (never the password). */
  target: string;
  /** The target's schema version before and after its migrations. */
  schema: { from: number; to: number };
  /** Whether the target's rows were removed first (`replace`). */
  replaced: string[];
  tables: CopiedCount[];
  /** Tables the target's schema does not have yet (a later PostgreSQL migration adds them): not copied. */
  skipped: Array<{ table: string; rows: number }>;
  /** FTS5 rows no stored transcript owns (left by an interrupted write): not copied. */
  orphanSegments: number;
  ms: number;
}

/**
 * Why a copy did not happen: `usage` for something the person must change
 * (the arguments, the source file, a target already holding data, a target
 * schema newer than this code), `failed` when the target could not be
 * reached or the copy failed (then nothing was written). Never holds the password.
 */
export type CopyProblem = { kind: 'usage' | 'failed'; message: string };

const DEFAULT_ROW_BATCH = 1_000;
const DEFAULT_SEGMENT_BATCH = 5_000;

/**
 * Copies everything a SQLite store holds (but leases) into a PostgreSQL
 * database: its schema migrated first, then every row in one transaction,
 * committed only when all are in. A target holding rows in any of the copied
 * tables is refused unless `replace`. The source is only read.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<Result<CopyReport, CopyProblem>> {
  let url: PostgresUrl;
  try {
    url = parseDatabaseUrl(options.to, '--to');
  } catch (err) {
    if (err instanceof DatabaseUrlError) return fail({ kind: 'usage', message: err.message });
    throw err;
  }
  const opened = SqliteExport.open(options.from);
  if (!opened.ok) return fail({ kind: 'usage', message: opened.error });
  const source = opened.value;
  try {
    return await copyInto(source, url, options);
  } finally {
    source.close();
  }
}

async function copyInto(source: SqliteExport, url: PostgresUrl, options: CopyOptions): Promise<Result<CopyReport, CopyProblem>> {
  const started = performance.now();
  let pool: pg.Pool;
  try {
    pool = await connectPostgres(url, {
      applicationName: 'episode-bot store:copy',
      maxConnections: 1,
      statementTimeoutMs: 0,
      queryTimeoutMs: 0,
      idleInTransactionTimeoutMs: 0,
      startupRetryMs: options.connectWaitMs ?? 10_000,
    });
  } catch (err) {
    if (err instanceof PostgresConnectError) return fail({ kind: 'failed', message: err.message });
    throw err;
  }
  try {
    let schema: { from: number; to: number };
    try {
      schema = await migrate(pool);
    } catch (err) {
      const message = `${url.where}: ${hidePassword((err as Error).message, url.connectionString)}`;
      return fail({ kind: err instanceof SchemaError && err.kind !== 'failed' ? 'usage' : 'failed', message });
    }
    const copied = await inTransaction(pool, (tx) => copyRows(tx, source, options)).catch((err: Error) =>
      fail<CopyProblem>({ kind: 'failed', message: `${url.where}: the copy failed, nothing was written: ${hidePassword(err.message, url.connectionString)}${hint(err)}` }),
    );
    if (!copied.ok) return copied;
    return ok({ ...copied.value, target: url.where, schema, ms: Math.round(performance.now() - started) });
  } finally {
    await pool.end().catch(() => {});
  }
}

type Copied = Omit<CopyReport, 'target' | 'schema' | 'ms'>;

async function copyRows(tx: pg.PoolClient, source: SqliteExport, options: CopyOptions): Promise<Result<Copied, CopyProblem>> {
  const present = await existingTables(tx, TARGET_TABLES);
  const missing = TARGET_TABLES.filter((t) => !present.has(t) && !COPIED_TABLES.find((c) => c.name === t)?.optional);
  if (missing.length > 0) {
    return fail({ kind: 'failed', message: `the target's schema has no ${missing.join(', ')} table after its migrations (is the URL's search_path another schema?)` });
  }
  const targets = TARGET_TABLES.filter((t) => present.has(t));
  await prepareCopy(tx, targets);
  const filled = await filledTables(tx, targets);
  if (filled.length > 0 && !options.replace) {
    return fail({
      kind: 'usage',
      message: `the target already holds data (in ${filled.join(', ')}): copy into an empty database, or give --replace to remove what it holds first`,
    });
  }
  if (options.replace) await emptyTables(tx, targets);
  source.begin();
  const report: Copied = { replaced: options.replace ? filled : [], tables: [], skipped: [], orphanSegments: 0 };
  const done = (entry: CopiedCount) => {
    report.tables.push(entry);
    options.onTable?.(entry);
  };
  for (const table of COPIED_TABLES) {
    if (!present.has(table.name)) {
      report.skipped.push({ table: table.name, rows: source.count(table.name) });
      continue;
    }
    const t0 = performance.now();
    let rows = 0;
    await naming(table.name, async () => {
      for (const batch of source.rows(table.name, sourceColumns(table), options.rowBatch ?? DEFAULT_ROW_BATCH)) {
        await insertRows(tx, table, batch);
        rows += batch.length;
      }
    });
    done({ table: table.name, rows, ms: Math.round(performance.now() - t0) });
  }
  const t0 = performance.now();
  let rows = 0;
  await naming('transcript_segments', async () => {
    const owners = source.segmentOwners();
    for (const batch of source.segments(options.segmentBatch ?? DEFAULT_SEGMENT_BATCH)) {
      const { segments, orphans } = ownSegments(owners, batch);
      await insertSegments(tx, segments);
      rows += segments.length;
      report.orphanSegments += orphans;
    }
  });
  done({ table: 'transcript_segments', rows, ms: Math.round(performance.now() - t0) });
  return ok(report);
}

/** Runs `work`, its error prefixed with the table being copied. */
async function naming(table: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    throw new Error(`copying ${table}: ${(err as Error).message}`, { cause: err });
  }
}

function hint(err: Error): string {
  if (/lock timeout/.test(err.message)) return ' (another connection holds the tables: stop any bot running on the target, then copy again)';
  return '';
}
