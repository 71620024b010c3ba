/**
 * Both store engines side by side (issue 18, item 8): transcript search p99
 * per kind, ingestion and cold start, from the runs of
 * bench/transcript-search.ts on SQLite and on PostgreSQL over the same
 * synthetic catalog and transcripts, with the targets and, when PostgreSQL
 * misses one, where its time goes.
 */
import { postgresWhereMarkdown } from './postgres-where.ts';
import type { Summary } from './stats.ts';
import type { TranscriptSearchBench } from './transcript-search.ts';

/** The two runs; PostgreSQL's may have been skipped (`--no-postgres`, no binaries) or have failed, with the reason. */
export interface TranscriptEngines {
  sqlite: TranscriptSearchBench;
  postgres: TranscriptSearchBench | { skipped: string };
}

/** One row of the targets table. */
export interface EngineTarget {
  measure: string;
  engine: 'SQLite' | 'PostgreSQL';
  value: number;
  unit: 'ms' | 'segments/s';
  target: string;
  met: boolean | null;
}

const FREQUENT = 'exact: transcript word, frequent (rank 300–1,500)';
const KINDS: Array<[string, (b: TranscriptSearchBench) => Summary]> = [
  ['transcript search p99, exact words', (b) => b.search.exact],
  ['transcript search p99, one typo', (b) => b.search.typo],
  ['transcript search p99, a frequent word', (b) => b.search.kinds[FREQUENT]!],
];

/** SQLite: issue 10's ≤ 15 ms; PostgreSQL: ≤ 20 ms and ≤ 2× SQLite's in the same run; both: ingestion ≥ 4,000 segments/s. */
export function engineTargets(e: TranscriptEngines): EngineTarget[] {
  const pg = 'skipped' in e.postgres ? null : e.postgres;
  const rows: EngineTarget[] = [];
  for (const [measure, of] of KINDS) {
    const lite = of(e.sqlite).p99;
    rows.push({ measure, engine: 'SQLite', value: lite, unit: 'ms', target: '≤ 15 ms', met: lite <= 15 });
    if (pg) {
      const p = of(pg).p99;
      const limit = Math.min(20, 2 * lite);
      rows.push({ measure, engine: 'PostgreSQL', value: p, unit: 'ms', target: `≤ 20 ms and ≤ 2× SQLite (${fmt(2 * lite)} ms)`, met: p <= limit });
    }
  }
  for (const [engine, b] of [['SQLite', e.sqlite], ['PostgreSQL', pg]] as const) {
    if (!b) continue;
    rows.push({ measure: 'ingestion (parse + store)', engine, value: b.ingest.segmentsPerSecond, unit: 'segments/s', target: '≥ 4,000 segments/s', met: b.ingest.segmentsPerSecond >= 4_000 });
  }
  for (const [engine, b] of [['SQLite', e.sqlite], ['PostgreSQL', pg]] as const) {
    if (!b) continue;
    rows.push({ measure: 'cold start: open the store, build the Library, first transcript answer (p50)', engine, value: b.coldStart.ready.p50, unit: 'ms', target: '–', met: null });
  }
  return rows;
}

const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US'));

/** The side-by-side section of latest.md; `withWhere`: where PostgreSQL's time goes when it missed a target. */
export function transcriptEnginesMarkdown(e: TranscriptEngines, withWhere = true): string {
  const s = e.sqlite;
  const pg = 'skipped' in e.postgres ? null : e.postgres;
  const rows = engineTargets(e);
  const lines = [
    `## Transcript search on both store engines (${s.episodes.toLocaleString('en-US')} episodes, ~${s.wordsPerEpisode.toLocaleString('en-US')}-word transcript each)`,
    '',
    `Same synthetic catalog, transcripts and query mix on each engine, one process each (bench/transcript-search.ts): SQLite: ${s.database}; PostgreSQL: ${pg ? pg.database : `**skipped**: ${(e.postgres as { skipped: string }).skipped}`}.`,
    '',
    '| Measure | Engine | Measured | Target | Met |',
    '| --- | --- | ---: | --- | :---: |',
    ...rows.map((r) => `| ${r.measure} | ${r.engine} | ${r.unit === 'ms' ? `${fmt(r.value)} ms` : `${Math.round(r.value).toLocaleString('en-US')}`} | ${r.target} | ${r.met === null ? '–' : r.met ? 'yes' : '**no**'} |`),
    '',
  ];
  if (pg) {
    lines.push('| p50 / p99, ms | SQLite | PostgreSQL |', '| --- | ---: | ---: |');
    for (const kind of Object.keys(s.search.kinds)) {
      const a = s.search.kinds[kind]!;
      const b = pg.search.kinds[kind];
      lines.push(`| ${kind} | ${fmt(a.p50)} / ${fmt(a.p99)} | ${b ? `${fmt(b.p50)} / ${fmt(b.p99)}` : '–'} |`);
    }
    const c = (b: TranscriptSearchBench) => `${fmt(b.coldStart.open.p50)} / ${fmt(b.coldStart.library.p50)} / ${fmt(b.coldStart.firstQuery.p50)}`;
    lines.push(`| cold start: open the store / build the Library / first transcript query (p50 of ${s.coldStart.runs}) | ${c(s)} | ${c(pg)} |`, '');
    const missed = rows.some((r) => r.engine === 'PostgreSQL' && r.met === false);
    if (missed && pg.where && withWhere) lines.push('### Where PostgreSQL\'s time goes (a target was missed)', '', postgresWhereMarkdown(pg.where));
    else if (pg.where && !missed) lines.push(`PostgreSQL met its targets. ${postgresWhereMarkdown(pg.where).split('\n')[0]}`, '');
  }
  return `${lines.join('\n')}\n`;
}
