/**
 * The PostgreSQL side of `store:copy`: checking, emptying and filling the
 * target inside the copy's one transaction. Rows go in batches, one
 * `INSERT … SELECT FROM unnest(…)` per batch; the transcript vocabulary and
 * totals follow the segments through the table's statement triggers.
 */
import type pg from 'pg';
import { insertSql, toColumnArrays, type CopiedSegment, type CopiedTable } from './copy-tables.ts';
import { TRANSCRIPT_WRITE_LOCK } from './transcript-queries.ts';

/**
 * Readies the transaction for a long copy: no statement or idle timeout (a
 * big transcript batch may take longer than the bot's limits), the transcript
 * writers' lock, and `tables` (those that exist) locked against writers, so
 * a bot started on the target meanwhile waits for the copy to finish.
 */
export async function prepareCopy(tx: pg.ClientBase, tables: readonly string[]): Promise<void> {
  await tx.query('SET LOCAL statement_timeout = 0');
  await tx.query('SET LOCAL idle_in_transaction_session_timeout = 0');
  await tx.query('SELECT pg_advisory_xact_lock($1)', [TRANSCRIPT_WRITE_LOCK.toString()]);
  if (tables.length > 0) await tx.query(`LOCK TABLE ${tables.join(', ')} IN EXCLUSIVE MODE`);
}

/** Which of `names` are tables of the target's current schema. */
export async function existingTables(tx: pg.ClientBase, names: readonly string[]): Promise<Set<string>> {
  const { rows } = await tx.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
     WHERE c.relkind IN ('r', 'p') AND c.relname = ANY($1::text[]) AND c.relnamespace = to_regnamespace(current_schema())`,
    [names],
  );
  return new Set(rows.map((r) => r.name));
}

/** Those of `tables` holding at least one row. */
export async function filledTables(tx: pg.ClientBase, tables: readonly string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const probes = tables.map((t) => `SELECT '${t}'::text AS name WHERE EXISTS (SELECT 1 FROM ${t})`).join(' UNION ALL ');
  const { rows } = await tx.query<{ name: string }>(probes);
  const filled = new Set(rows.map((r) => r.name));
  return tables.filter((t) => filled.has(t));
}

/** Removes every row of `tables` (TRUNCATE: the transcript triggers reset the vocabulary and totals too). */
export async function emptyTables(tx: pg.ClientBase, tables: readonly string[]): Promise<void> {
  if (tables.length > 0) await tx.query(`TRUNCATE ${tables.join(', ')}`);
}

/** Inserts one batch of SQLite rows into `table`. */
export async function insertRows(tx: pg.ClientBase, table: CopiedTable, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length > 0) await tx.query(insertSql(table), toColumnArrays(table, rows));
}

/** Inserts one batch of transcript segments (their episodes' `transcript_sources` rows must be there). */
export async function insertSegments(tx: pg.ClientBase, segments: readonly CopiedSegment[]): Promise<void> {
  if (segments.length === 0) return;
  await tx.query(
    `INSERT INTO transcript_segments (episode_id, seq, start_seconds, speaker, text)
     SELECT * FROM unnest($1::text[], $2::integer[], $3::double precision[], $4::text[], $5::text[])`,
    [
      segments.map((s) => s.episodeId),
      segments.map((s) => s.seq),
      segments.map((s) => s.startSeconds),
      segments.map((s) => s.speaker),
      segments.map((s) => s.text),
    ],
  );
}
