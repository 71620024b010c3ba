/**
 * Where transcript search's time goes in PostgreSQL, for the bench report:
 * the database's sizes, the statements that took the most server time
 * (pg_stat_statements, when the cluster preloads it), and EXPLAIN (ANALYZE,
 * BUFFERS) of the one-term query (`TERM_MATCHES_SQL`, what
 * `PostgresTranscriptStore.matches` runs) for each word of a query, warm.
 */
import pg from 'pg';
import { TERM_MATCHES_SQL, transcriptTerms } from '../src/store/postgres/transcript-queries.ts';

/** One statement's server time over the run (pg_stat_statements). */
export interface StatementTime {
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  maxMs: number;
}

/** What {@link postgresWhere} found. */
export interface PostgresWhere {
  databaseMiB: number;
  segmentsTableMiB: number;
  ginMiB: number;
  /** The GIN index's pending list (fastupdate: entries not yet merged, read by every search), or why unknown. */
  ginPending: { pages: number; tuples: number } | string;
  /** Top statements by total server time, or why there are none. */
  statements: StatementTime[] | string;
  /** The slowest query of the mix, and the query explained: the slowest with a word in the vocabulary (a typo's variants are not known here), each word with the segments holding it and its plan. */
  explained: { slowest: string; query: string; terms: Array<{ term: string; segments: number; plan: string }> };
}

/** Sizes, statement times and plans from the database at `url`; `slowest`: the mix's slowest queries, slowest first. */
export async function postgresWhere(url: string, slowest: readonly string[]): Promise<PostgresWhere> {
  const client = new pg.Client({ connectionString: url, application_name: 'episode-bot-bench' });
  await client.connect();
  try {
    const sizes = (
      await client.query<{ db: string; tbl: string; gin: string }>(
        "SELECT pg_database_size(current_database()) AS db, pg_total_relation_size('transcript_segments') AS tbl, pg_relation_size('transcript_segments_tsv') AS gin",
      )
    ).rows[0]!;
    const explained: PostgresWhere['explained'] = { slowest: slowest[0] ?? '', query: '', terms: [] };
    for (const query of slowest) {
      for (const term of new Set(await transcriptTerms(client, query))) {
        const df = await client.query<{ segments: number }>('SELECT segments FROM transcript_vocab WHERE term = $1', [term]);
        if (df.rows.length === 0) continue;
        await client.query({ text: TERM_MATCHES_SQL, values: [term] }); // warm, as in the mix
        const plan = await client.query<{ 'QUERY PLAN': string }>({ text: `EXPLAIN (ANALYZE, BUFFERS) ${TERM_MATCHES_SQL}`, values: [term] });
        explained.terms.push({ term, segments: df.rows[0]!.segments, plan: plan.rows.map((r) => r['QUERY PLAN']).join('\n') });
      }
      if (explained.terms.length > 0) {
        explained.query = query;
        break;
      }
    }
    return { databaseMiB: mib(sizes.db), segmentsTableMiB: mib(sizes.tbl), ginMiB: mib(sizes.gin), ginPending: await ginPending(client), statements: await statementTimes(client), explained };
  } finally {
    await client.end();
  }
}

async function ginPending(client: pg.Client): Promise<PostgresWhere['ginPending']> {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
    const { rows } = await client.query<{ pages: string; tuples: string }>("SELECT pending_pages AS pages, pending_tuples AS tuples FROM pgstatginindex('transcript_segments_tsv')");
    return { pages: Number(rows[0]!.pages), tuples: Number(rows[0]!.tuples) };
  } catch (err) {
    return `pgstattuple unavailable: ${(err as Error).message}`;
  }
}

async function statementTimes(client: pg.Client): Promise<StatementTime[] | string> {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const { rows } = await client.query<{ query: string; calls: string; total: number; mean: number; max: number }>(
      `SELECT query, calls, total_exec_time AS total, mean_exec_time AS mean, max_exec_time AS max
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       ORDER BY total_exec_time DESC LIMIT 6`,
    );
    return rows.map((r) => ({ query: r.query.replace(/\s+/g, ' ').trim(), calls: Number(r.calls), totalMs: r.total, meanMs: r.mean, maxMs: r.max }));
  } catch (err) {
    return `pg_stat_statements unavailable: ${(err as Error).message}`;
  }
}

const mib = (bytes: string) => Number(bytes) / 1_048_576;

/** The findings as Markdown. */
export function postgresWhereMarkdown(w: PostgresWhere): string {
  const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
  const lines = [
    `Database ${w.databaseMiB.toFixed(0)} MiB (transcript segments with their indexes ${w.segmentsTableMiB.toFixed(0)} MiB, of which the GIN index ${w.ginMiB.toFixed(0)} MiB). ` +
      (typeof w.ginPending === 'string'
        ? w.ginPending
        : `GIN pending list (fastupdate; scanned by every search until VACUUM or gin_pending_list_limit merges it) after the query mix and the replaced transcripts: ${w.ginPending.pages} pages, ${w.ginPending.tuples} entries.`),
    '',
  ];
  if (typeof w.statements === 'string') lines.push(w.statements, '');
  else {
    lines.push('Server time per statement over the whole run (ingestion included; pg_stat_statements, top 6 by total):', '', '| statement | calls | total s | mean ms | max ms |', '| --- | ---: | ---: | ---: | ---: |');
    for (const s of w.statements) lines.push(`| \`${s.query.slice(0, 90).replace(/\|/g, '\\|')}${s.query.length > 90 ? '…' : ''}\` | ${s.calls} | ${(s.totalMs / 1000).toFixed(1)} | ${f(s.meanMs)} | ${f(s.maxMs)} |`);
    lines.push('');
  }
  const e = w.explained;
  const which = e.query === e.slowest ? 'the slowest query of the mix' : `the slowest query of the mix with a word in the vocabulary (the slowest, "${e.slowest}", has none: a typo, whose variants are not known here)`;
  lines.push(`EXPLAIN (ANALYZE, BUFFERS) of ${which}, "${e.query}", word by word (\`TERM_MATCHES_SQL\`, warm):`, '');
  for (const t of e.terms) lines.push(`- "${t.term}", in ${t.segments} segments:`, '', '```', t.plan, '```', '');
  return `${lines.join('\n')}\n`;
}

/** VACUUM ANALYZE of the transcript tables at `url`, timed (ms). */
export async function vacuumAnalyze(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, application_name: 'episode-bot-bench' });
  await client.connect();
  try {
    const t = performance.now();
    await client.query('VACUUM ANALYZE transcript_segments');
    await client.query('VACUUM ANALYZE transcript_vocab');
    return performance.now() - t;
  } finally {
    await client.end();
  }
}
