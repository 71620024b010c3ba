/**
 * `npm run bench [-- --sizes shipped,1000,10000] [--no-e2e] [--transcripts 1000|0] [--no-postgres] [--out DIR]`
 * (`--transcripts N`: transcript ingestion per format and transcript search at N episodes, on SQLite and on
 * PostgreSQL (a throwaway cluster started and stopped here; `--no-postgres` skips it); 0 skips them;
 * `--no-baseline`: skip the naive minisearch baseline, about 10 minutes at 10,000 episodes;
 * `--no-slack-recovery`: skip the Slack look-up under conversations.history's limits, about 2 minutes;
 * `--replicas N`: takeover and spreading times of bot processes on a throwaway PostgreSQL, N runs, about 30 s each)
 *
 * Builds, loads and queries the library over the shipped catalog and
 * synthetic ones, starts processes, runs the adapters end to end, and writes
 * `bench/results/latest.md` and `latest.json`. Progress on stderr.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Library } from '../src/core/search/library.ts';
import { loadCatalogFile } from '../src/library/catalog-file.ts';
import { runE2e } from './e2e.ts';
import { readSavedLibrary } from './read-saved-library.ts';
import { replicasMarkdown, type ReplicasBench } from './replicas.ts';
import { runSlackRecoveryBench, slackRecoveryMarkdown } from './slack-recovery.ts';
import { runTranscriptBench, transcriptMarkdown } from './transcripts.ts';
import { startBenchCluster } from './bench-cluster.ts';
import { transcriptEnginesMarkdown, type TranscriptEngines } from './transcript-engines.ts';
import { transcriptSearchMarkdown, type TranscriptSearchBench } from './transcript-search.ts';
import { fullGc } from './gc.ts';
import { machineInfo } from './machine.ts';
import { bundleChild, lastJson, ROOT, runNode, startTimes, type StartFigures } from './processes.ts';
import { searchMix } from './query-mix.ts';
import { measureStartLatency, startLatencyMarkdown } from './start-latency.ts';
import { markdown, type BenchRun, type Memory, type SizeFigures } from './report.ts';
import { summarize } from './stats.ts';
import { writeSyntheticCatalog } from './synthetic/write-catalog.ts';
import { runWorkloads } from './workloads.ts';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const sizes = (option('sizes') ?? 'shipped,1000,10000').split(',').map((s) => s.trim()).filter(Boolean);
const outDir = option('out') ?? join(ROOT, 'bench', 'results');
const withE2e = !argv.includes('--no-e2e');
const started = performance.now();
const say = (line: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

interface BuildReport {
  episodes: number;
  catalogMs: number;
  buildMs: number;
  writeMs: number;
  snapshotBytes: number;
  memory: Memory;
}

interface ReadyReport {
  loadMs: number;
  readyMs: number;
  source: string;
  memory: Memory | null;
}

async function measureSize(size: string, tmp: string, bundle: string | null): Promise<SizeFigures> {
  const shipped = size === 'shipped' || size === '17';
  let catalogPath = join(ROOT, 'data', 'episodes.json');
  let generateMs: number | null = null;
  if (!shipped) {
    const episodes = Number(size);
    if (!Number.isInteger(episodes) || episodes < 1) throw new Error(`--sizes: "${size}" is not a number of episodes (or "shipped")`);
    catalogPath = join(tmp, `catalog-${episodes}.json`);
    const written = writeSyntheticCatalog(catalogPath, episodes, say);
    generateMs = written.ms;
  }
  const snapshotPath = join(tmp, `catalog-${size}.index`);
  say(`${size}: building the index in a fresh process`);
  const build = lastJson<BuildReport>(await runNode(['--expose-gc', '--import', 'tsx', 'bench/child.ts', 'build', '--catalog', catalogPath, '--snapshot', snapshotPath]), 'build');
  const big = build.episodes >= 5_000;
  const runs = big ? 3 : 5;
  const readyArgs = ['ready', '--catalog', catalogPath, '--snapshot', snapshotPath];
  say(`${size}: cold starts (${runs} each)`);
  const starts: StartFigures[] = [];
  if (bundle) starts.push(await startTimes('ready, bundled JS', [bundle, ...readyArgs], runs));
  starts.push(await startTimes('ready, tsx', ['--import', 'tsx', 'bench/child.ts', ...readyArgs], runs));
  const mainEnv = { ...process.env, CATALOG_PATH: catalogPath, INDEX_CACHE_PATH: join(tmp, `main-${size}.index`), LOG_LEVEL: 'silent', CONSOLE: 'off', DATABASE_PATH: join(tmp, 'bench.db'), FEED_URL: '', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '' };
  const askArgs = ['--import', 'tsx', 'src/main.ts', '--ask', '/latest'];
  say(`${size}: cold start of src/main.ts --ask "/latest": first (indexes the catalog, saves the index), then ${runs}× loading the saved index`);
  starts.push(await startTimes('main.ts first start', askArgs, 1, mainEnv));
  starts.push(await startTimes('main.ts later starts', askArgs, runs, mainEnv));
  const ready = lastJson<ReadyReport>(await runNode(['--expose-gc', '--import', 'tsx', 'bench/child.ts', ...readyArgs, '--memory'], process.env, false), 'ready --memory');
  const loads = starts.flatMap((s) => s.reports as ReadyReport[]).map((r) => r.loadMs).filter((x) => typeof x === 'number');
  say(`${size}: loading the saved index here for the latency runs`);
  const read = await readSavedLibrary(snapshotPath);
  if (!read.ok) throw new Error(read.error);
  const library: Library = read.value;
  const catalog = loadCatalogFile(catalogPath);
  if (!catalog.ok) throw new Error(catalog.error);
  const workloads = await runWorkloads(library, catalog.value, (line) => say(`${size}: ${line}`), undefined, !argv.includes('--no-baseline'));
  let e2e = null;
  if (withE2e) {
    const queries = searchMix(catalog.value, 1_000)
      .filter((q) => q.kind !== 'stopwords')
      .map((q) => q.text);
    e2e = await runE2e(snapshotPath, queries, (line) => say(`${size}: ${line}`));
  }
  fullGc();
  return {
    label: shipped ? `shipped (${build.episodes})` : `${build.episodes.toLocaleString('en-US')} synthetic`,
    episodes: build.episodes,
    catalogBytes: statSync(catalogPath).size,
    generateMs,
    catalogMs: build.catalogMs,
    buildMs: build.buildMs,
    buildMemory: build.memory,
    snapshotBytes: build.snapshotBytes,
    snapshotWriteMs: build.writeMs,
    snapshotLoadMs: summarize(loads),
    readyMemory: ready.memory,
    starts,
    workloads,
    e2e,
  };
}

/**
 * Transcript search at `episodes` episodes on SQLite, then on PostgreSQL in a
 * throwaway cluster started here and stopped before returning (also when the
 * run fails), each in a fresh process; PostgreSQL skipped with the reason
 * under `--no-postgres`, without the server's binaries, or when it fails.
 */
async function measureEngines(episodes: number): Promise<TranscriptEngines> {
  const searchArgs = ['--import', 'tsx', 'bench/transcript-search.ts', '--episodes', String(episodes), '--words', '9000', '--json'];
  say(`transcript search on SQLite: ${episodes} episodes, in a fresh process`);
  const sqlite = lastJson<TranscriptSearchBench>(await runNode(searchArgs), 'transcript search (SQLite)');
  if (argv.includes('--no-postgres')) return { sqlite, postgres: { skipped: 'not measured (--no-postgres)' } };
  const cluster = await startBenchCluster();
  if (!cluster.ok) {
    say(`transcript search on PostgreSQL skipped: ${cluster.reason}`);
    return { sqlite, postgres: { skipped: cluster.reason } };
  }
  try {
    say(`transcript search on PostgreSQL (${cluster.server}): ${episodes} episodes, in a fresh process`);
    const out = await runNode([...searchArgs, '--url', cluster.url, '--server', cluster.server]);
    return { sqlite, postgres: lastJson<TranscriptSearchBench>(out, 'transcript search (PostgreSQL)') };
  } finally {
    cluster.stop();
  }
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'episode-bot-bench-'));
  try {
    say(`sizes ${sizes.join(', ')}; temporary files in ${tmp}`);
    // Inside the project, so the bundle finds better-sqlite3's native binding in node_modules.
    const bundle = await bundleChild(join(ROOT, 'node_modules', '.cache', `bench-child-${process.pid}.mjs`));
    const figures: SizeFigures[] = [];
    for (const size of sizes) figures.push(await measureSize(size, tmp, bundle));
    const startLatency = await measureStartLatency(tmp, 5, say);
    const run: BenchRun = {
      machine: machineInfo(),
      command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
      wallSeconds: (performance.now() - started) / 1000,
      sizes: figures,
    };
    mkdirSync(outDir, { recursive: true });
    const writeLatest = () => {
      writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify({ ...run, startLatency }, null, 2)}\n`);
      writeFileSync(join(outDir, 'latest.md'), markdown(run) + startLatencyMarkdown(startLatency));
    };
    writeLatest();
    const transcriptEpisodes = Number(option('transcripts') ?? 1000);
    if (transcriptEpisodes > 0) {
      const transcripts = await runTranscriptBench(transcriptEpisodes, 9_000, say);
      const engines = await measureEngines(transcriptEpisodes);
      run.transcriptEngines = engines;
      const pgSearch = 'skipped' in engines.postgres ? '' : `\n${transcriptSearchMarkdown(engines.postgres)}`;
      writeFileSync(join(outDir, 'transcripts.json'), `${JSON.stringify({ machine: run.machine, ...transcripts, search: engines.sqlite, postgres: engines.postgres }, null, 2)}\n`);
      writeFileSync(join(outDir, 'transcripts.md'), `${transcriptMarkdown(transcripts)}\n${transcriptEnginesMarkdown(engines, false)}\n${transcriptSearchMarkdown(engines.sqlite)}${pgSearch}`);
      run.wallSeconds = (performance.now() - started) / 1000;
      writeLatest();
    }
    if (!argv.includes('--no-slack-recovery')) {
      const recovery = await runSlackRecoveryBench(say);
      writeFileSync(join(outDir, 'slack-recovery.json'), `${JSON.stringify({ machine: run.machine, ...recovery }, null, 2)}\n`);
      writeFileSync(join(outDir, 'slack-recovery.md'), slackRecoveryMarkdown(recovery));
    }
    const replicaRuns = Number(option('replicas') ?? 0);
    if (replicaRuns > 0) {
      say(`replicas: ${replicaRuns} runs on a throwaway PostgreSQL`);
      const out = await runNode(['--import', 'tsx', 'bench/replicas.ts', '--runs', String(replicaRuns), '--json']);
      const replicas = lastJson<ReplicasBench>(out, 'replicas');
      writeFileSync(join(outDir, 'replicas.json'), `${JSON.stringify({ machine: run.machine, ...replicas }, null, 2)}\n`);
      writeFileSync(join(outDir, 'replicas.md'), replicasMarkdown(replicas));
    }
    say(`done in ${run.wallSeconds.toFixed(0)} s: ${join(outDir, 'latest.md')}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(join(ROOT, 'node_modules', '.cache', `bench-child-${process.pid}.mjs`), { force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
