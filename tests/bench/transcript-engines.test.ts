import { describe, expect, it } from 'vitest';
import type { Summary } from '../../bench/stats.ts';
import { engineTargets, transcriptEnginesMarkdown } from '../../bench/transcript-engines.ts';
import type { TranscriptSearchBench } from '../../bench/transcript-search.ts';

const p99 = (x: number): Summary => ({ n: 150, p50: x / 4, p99: x, mean: x / 3, max: x * 1.2 });
const FREQUENT = 'exact: transcript word, frequent (rank 300–1,500)';

/** A run's figures with these p99s (ms) and ingestion rate; only what the comparison reads is realistic. */
function run(engine: 'sqlite' | 'postgres', exact: number, typo: number, frequent: number, segmentsPerSecond: number): TranscriptSearchBench {
  const cold = p99(300);
  return {
    engine, episodes: 1000, wordsPerEpisode: 9000, database: engine,
    ingest: { segments: 1, inputMiB: 1, ms: 1, parseMs: 0, storeMs: 1, segmentsPerSecond, episodesPerSecond: 1, databaseMiB: null },
    analyzeMs: null,
    reingest: { episodes: 1, segments: 1, ms: 1, segmentsPerSecond },
    firstQuery: { query: 'x', ms: 1 },
    search: { exact: p99(exact), typo: p99(typo), kinds: { [FREQUENT]: p99(frequent) } },
    slowest: {},
    coldStart: { runs: 3, open: cold, library: cold, firstQuery: cold, ready: cold },
    where: engine === 'postgres'
      ? { databaseMiB: 1, segmentsTableMiB: 1, ginMiB: 1, ginPending: { pages: 0, tuples: 0 }, statements: 'none', explained: { slowest: 'tree', query: 'soqueld', terms: [{ term: 'soqueld', segments: 3, plan: 'Bitmap Heap Scan' }] } }
      : null,
    memoryAfterIngest: { heapUsedMB: 1, arrayBuffersMB: 0, rssMB: 1 },
    memoryAfterQueries: { heapUsedMB: 1, arrayBuffersMB: 0, rssMB: 1 },
    targets: [],
  };
}

const met = (rows: ReturnType<typeof engineTargets>, measure: string, engine: string) => rows.find((r) => r.measure.includes(measure) && r.engine === engine)?.met;

describe('transcript search on both engines: targets', () => {
  it('holds PostgreSQL to 20 ms and to twice SQLite in the same run, and both to 4,000 segments/s', () => {
    const rows = engineTargets({ sqlite: run('sqlite', 5, 12, 4, 20_000), postgres: run('postgres', 9, 19, 11, 3_900) });
    expect(met(rows, 'exact', 'PostgreSQL')).toBe(true); // 9 ≤ 10 and ≤ 20
    expect(met(rows, 'typo', 'PostgreSQL')).toBe(true); // 19 ≤ 20 and ≤ 24
    expect(met(rows, 'frequent', 'PostgreSQL')).toBe(false); // 11 > 2 × 4
    expect(met(rows, 'ingestion', 'PostgreSQL')).toBe(false);
    expect(met(rows, 'ingestion', 'SQLite')).toBe(true);
    expect(met(rows, 'exact', 'SQLite')).toBe(true);
  });

  it('misses PostgreSQL over 20 ms even when SQLite is slow', () => {
    const rows = engineTargets({ sqlite: run('sqlite', 30, 30, 30, 20_000), postgres: run('postgres', 21, 10, 10, 5_000) });
    expect(met(rows, 'exact', 'PostgreSQL')).toBe(false);
    expect(met(rows, 'exact', 'SQLite')).toBe(false);
  });

  it('prints where the time goes only when PostgreSQL misses a target, and a skipped engine with its reason', () => {
    const slow = transcriptEnginesMarkdown({ sqlite: run('sqlite', 5, 5, 5, 20_000), postgres: run('postgres', 50, 5, 5, 5_000) });
    expect(slow).toContain("Where PostgreSQL's time goes");
    expect(slow).toContain('Bitmap Heap Scan');
    const fine = transcriptEnginesMarkdown({ sqlite: run('sqlite', 5, 5, 5, 20_000), postgres: run('postgres', 6, 6, 6, 5_000) });
    expect(fine).not.toContain('Bitmap Heap Scan');
    expect(fine).toContain('PostgreSQL met its targets');
    const skipped = transcriptEnginesMarkdown({ sqlite: run('sqlite', 5, 5, 5, 20_000), postgres: { skipped: 'not measured (--no-postgres)' } });
    expect(skipped).toContain('**skipped**: not measured (--no-postgres)');
    expect(engineTargets({ sqlite: run('sqlite', 5, 5, 5, 20_000), postgres: { skipped: 'x' } }).every((r) => r.engine === 'SQLite')).toBe(true);
  });
});
