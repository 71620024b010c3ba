/**
 * Transcript search in PostgreSQL (issue 18, item 8): `--episodes` synthetic
 * hour-long VTT transcripts (bench/transcripts.ts, the same generator as
 * bench/transcript-search.ts), parsed, then stored through
 * src/store/postgres, a third each way (see MODES) (segments with their generated
 * tsvector and GIN entries, vocabulary and totals kept by the triggers);
 * then single-term searches (FTS5's bm25 in SQL, every match or only the
 * best 50) for frequent, middling and rare words, and quotes (ts_headline
 * on 5 segments). The same segments go into SQLite FTS5 (an in-memory
 * TranscriptIndex) and the same terms are searched there, for comparison.
 *
 * `node --import tsx bench/postgres-transcripts.ts [--episodes 1000] [--words 9000] [--url postgres://…] [--no-fsync] [--json]`.
 * Without `--url`, a throwaway cluster is started (tests/helpers/postgres/cluster.ts), with fsync on unless `--no-fsync`.
 */
import Database from 'better-sqlite3';
import type { TranscriptSegment } from '../src/core/model/transcript-segment.ts';
import { DEFAULT_SEARCH_OPTIONS } from '../src/core/search/search-types.ts';
import { TranscriptIndex } from '../src/core/search/transcript-index.ts';
import { parseTranscript } from '../src/feed/transcripts/parse-transcript.ts';
import { connectPostgres } from '../src/store/postgres/connect.ts';
import { parseDatabaseUrl } from '../src/store/postgres/database-url.ts';
import { migrate } from '../src/store/postgres/migrate.ts';
import { inTransaction } from '../src/store/postgres/transaction.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { markSegments, replaceTranscripts, termMatches, vocabulary } from '../src/store/postgres/transcript-queries.ts';
import { findPostgres, startCluster, type Cluster } from '../tests/helpers/postgres/cluster.ts';
import { summarize, type Summary } from './stats.ts';
import { intBetween, seededRandom } from './synthetic/prng.ts';
import { buildVocabulary } from './synthetic/vocabulary.ts';
import { cues, render } from './transcripts.ts';

/** Kinds of term searched, by rank in the synthetic vocabulary (as bench/transcript-search.ts). */
const KINDS = { 'frequent (rank 300–1,500)': [300, 1_500], 'middling (rank 1,500–6,000)': [1_500, 6_000], 'rare (rank 6,000–30,000)': [6_000, 30_000] } as const;

/** How transcripts are stored, a third of the episodes each: as the bot's transcript queue does, with asynchronous commit, in batches. */
const MODES = [
  { label: 'one transaction an episode', batch: 1, asyncCommit: false },
  { label: 'one transaction an episode, synchronous_commit off', batch: 1, asyncCommit: true },
  { label: '10 episodes a transaction', batch: 10, asyncCommit: false },
] as const;

/** What the PostgreSQL transcript benchmark measured (times in ms). */
export interface PostgresTranscriptBench {
  episodes: number;
  segments: number;
  server: string;
  ingest: {
    ms: number;
    segmentsPerSecond: number;
    /** A third of the episodes stored each way. */
    modes: Array<{ mode: string; episodes: number; segments: number; ms: number; segmentsPerSecond: number }>;
    sqliteSegmentsPerSecond: number;
    vacuumMs: number;
    databaseMiB: number;
    tableMiB: number;
    ginMiB: number;
  };
  vocabulary: { terms: number; loadMs: number };
  search: Record<string, { df: Summary; all: Summary; top50: Summary; sqlite: Summary }>;
  quote: Summary;
}

const say = (line: string) => process.stderr.write(`${line}\n`);

/** Runs the benchmark against the database at `url` (migrated first). */
export async function runPostgresTranscriptBench(url: string, episodes: number, words: number, server: string): Promise<PostgresTranscriptBench> {
  const random = seededRandom(10);
  const words30k = buildVocabulary(random, 30_000);
  const transcripts: TranscriptSegment[][] = [];
  for (let i = 0; i < episodes; i++) {
    const parsed = parseTranscript(render('vtt', cues(random, words, words30k)), 'vtt');
    if (!parsed.ok) throw new Error(parsed.error);
    transcripts.push(parsed.value.segments);
  }
  const segments = transcripts.reduce((n, t) => n + t.length, 0);
  say(`postgres transcripts: ${episodes} transcripts parsed, ${segments.toLocaleString('en-US')} segments`);

  const pool = await connectPostgres(parseDatabaseUrl(url), { maxConnections: 2 });
  try {
    await migrate(pool);
    const ingestModes: PostgresTranscriptBench['ingest']['modes'] = [];
    const third = Math.ceil(episodes / 3);
    for (const [m, mode] of MODES.entries()) {
      const part = transcripts.slice(m * third, (m + 1) * third);
      const count = part.reduce((n, t) => n + t.length, 0);
      const t = performance.now();
      for (let i = 0; i < part.length; i += mode.batch) {
        const items = part.slice(i, i + mode.batch).map((segs, j) => ({ episodeId: `episode-${m * third + i + j}`, source: 'feed' as const, digest: null, segments: segs }));
        await inTransaction(pool, async (tx) => {
          if (mode.asyncCommit) await tx.query('SET LOCAL synchronous_commit = off');
          await replaceTranscripts(tx, items, new Date().toISOString());
        });
      }
      const took = performance.now() - t;
      ingestModes.push({ mode: mode.label, episodes: part.length, segments: count, ms: took, segmentsPerSecond: count / (took / 1000) });
      say(`postgres transcripts: ${part.length} transcripts, ${mode.label}: ${Math.round(count / (took / 1000))} segments/s`);
    }
    const ms = ingestModes.reduce((n, x) => n + x.ms, 0);
    const t1 = performance.now();
    await pool.query('VACUUM ANALYZE transcript_segments');
    await pool.query('VACUUM ANALYZE transcript_vocab');
    const vacuumMs = performance.now() - t1;
    const sizes = (
      await pool.query<{ db: string; tbl: string; gin: string }>(
        "SELECT pg_database_size(current_database()) AS db, pg_total_relation_size('transcript_segments') AS tbl, pg_relation_size('transcript_segments_tsv') AS gin",
      )
    ).rows[0]!;
    const sqlite = await sqliteTwin(transcripts);
    const ingest = {
      ms, modes: ingestModes, segmentsPerSecond: segments / (ms / 1000), sqliteSegmentsPerSecond: sqlite.segmentsPerSecond, vacuumMs,
      databaseMiB: Number(sizes.db) / 1_048_576, tableMiB: Number(sizes.tbl) / 1_048_576, ginMiB: Number(sizes.gin) / 1_048_576,
    };
    say(`postgres transcripts: stored in ${(ms / 1000).toFixed(1)} s: ${Math.round(ingest.segmentsPerSecond)} segments/s (SQLite FTS5 in memory: ${Math.round(sqlite.segmentsPerSecond)}); VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s`);

    const t2 = performance.now();
    const vocab = await vocabulary(pool);
    const vocabulary_ = { terms: vocab.length, loadMs: performance.now() - t2 };
    const df = new Map(vocab.map((v) => [v.term, v.segments]));
    const search: PostgresTranscriptBench['search'] = {};
    const quoteSamples: number[] = [];
    const r = seededRandom(31);
    for (const [kind, [lo, hi]] of Object.entries(KINDS)) {
      const terms = Array.from({ length: 200 }, () => words30k[intBetween(r, lo, hi - 1)]!.toLowerCase()).filter((t) => df.has(t) && /^[a-z]+$/.test(t));
      for (const t of terms.slice(0, 20)) await termMatches(pool, t); // warm-up
      const all: number[] = [];
      const top: number[] = [];
      const lite: number[] = [];
      for (const t of terms) {
        let s = performance.now();
        const rows = await termMatches(pool, t);
        all.push(performance.now() - s);
        s = performance.now();
        await termMatches(pool, t, 50);
        top.push(performance.now() - s);
        s = performance.now();
        sqlite.match.all(`text : "${t}"`);
        lite.push(performance.now() - s);
        s = performance.now();
        await markSegments(pool, [t], rows.slice(0, 5).map((m) => m.segmentId));
        quoteSamples.push(performance.now() - s);
      }
      search[kind] = { df: summarize(terms.map((t) => df.get(t)!)), all: summarize(all), top50: summarize(top), sqlite: summarize(lite) };
      const k = search[kind]!;
      say(`postgres transcripts: ${kind}: ${terms.length} terms, df p50 ${k.df.p50} max ${k.df.max}; all matches p50/p99 ${k.all.p50.toFixed(2)}/${k.all.p99.toFixed(2)} ms, best 50 ${k.top50.p50.toFixed(2)}/${k.top50.p99.toFixed(2)} ms; SQLite FTS5 ${k.sqlite.p50.toFixed(2)}/${k.sqlite.p99.toFixed(2)} ms`);
    }
    sqlite.db.close();
    return { episodes, segments, server, ingest, vocabulary: vocabulary_, search, quote: summarize(quoteSamples) };
  } finally {
    await pool.end();
  }
}

/** The same segments in SQLite FTS5 (in memory, through TranscriptIndex as the bot stores them), and its per-term bm25 statement. */
async function sqliteTwin(transcripts: readonly TranscriptSegment[][]): Promise<{ db: Database.Database; match: Database.Statement<[string]>; segmentsPerSecond: number }> {
  const store = SqliteStore.open(':memory:');
  const db = store.db;
  const index = new TranscriptIndex(store.transcriptSegments, DEFAULT_SEARCH_OPTIONS);
  const t = performance.now();
  for (const [i, segments] of transcripts.entries()) await index.replaceTranscript(`episode-${i}`, segments);
  const ms = performance.now() - t;
  const count = transcripts.reduce((n, s) => n + s.length, 0);
  const match = db.prepare<[string]>('SELECT rowid, bm25(transcript_fts) FROM transcript_fts WHERE transcript_fts MATCH ?').raw(true);
  return { db, match, segmentsPerSecond: count / (ms / 1000) };
}

/** The figures as Markdown. */
export function postgresTranscriptMarkdown(b: PostgresTranscriptBench): string {
  const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
  const i = b.ingest;
  return [
    `### PostgreSQL transcript search at ${b.episodes.toLocaleString('en-US')} episodes (${b.segments.toLocaleString('en-US')} segments; ${b.server})`,
    '',
    `Ingestion: ${Math.round(i.segmentsPerSecond).toLocaleString('en-US')} segments/s over all (target ≥ 4,000; SQLite FTS5 in memory, same segments: ${Math.round(i.sqliteSegmentsPerSecond).toLocaleString('en-US')}); ${i.modes.map((m) => `${m.mode}: ${Math.round(m.segmentsPerSecond).toLocaleString('en-US')}`).join('; ')}.`,
    `VACUUM ANALYZE after: ${(i.vacuumMs / 1000).toFixed(1)} s. Database ${i.databaseMiB.toFixed(0)} MiB (segments table with indexes ${i.tableMiB.toFixed(0)} MiB, GIN ${i.ginMiB.toFixed(0)} MiB).`,
    `Vocabulary: ${b.vocabulary.terms.toLocaleString('en-US')} terms, read in ${f(b.vocabulary.loadMs)} ms. Quote (ts_headline on 5 segments): p50 ${f(b.quote.p50)} ms, p99 ${f(b.quote.p99)} ms.`,
    '',
    '| one term, ms | terms | segments holding it (p50 / max) | all matches p50 | p99 | best 50 p50 | p99 | SQLite FTS5 p50 | p99 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...Object.entries(b.search).map(([k, s]) => `| ${k} | ${s.all.n} | ${s.df.p50} / ${s.df.max} | ${f(s.all.p50)} | ${f(s.all.p99)} | ${f(s.top50.p50)} | ${f(s.top50.p99)} | ${f(s.sqlite.p50)} | ${f(s.sqlite.p99)} |`),
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  let cluster: Cluster | undefined;
  let url = arg('url');
  let server = 'the server at --url';
  if (!url) {
    const found = findPostgres();
    if (!found.ok) throw new Error(found.reason);
    const t = performance.now();
    cluster = await startCluster(found, { durable: !argv.includes('--no-fsync') });
    server = `throwaway PostgreSQL ${found.version}, ${argv.includes('--no-fsync') ? 'fsync off' : 'fsync on'}, started in ${Math.round(performance.now() - t)} ms`;
    url = cluster.url;
  }
  try {
    const bench = await runPostgresTranscriptBench(url, Number(arg('episodes') ?? 1000), Number(arg('words') ?? 9000), server);
    process.stdout.write(argv.includes('--json') ? `${JSON.stringify(bench)}\n` : postgresTranscriptMarkdown(bench));
  } finally {
    cluster?.stop();
  }
}
