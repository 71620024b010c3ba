/** The bench's Markdown report and the figures behind it. */
import type { E2eFigures, E2ePart } from './e2e.ts';
import { slackVsBareMarkdown } from './e2e-slack.ts';
import type { MachineInfo } from './machine.ts';
import type { StartFigures } from './processes.ts';
import type { Summary } from './stats.ts';
import { transcriptEnginesMarkdown, type TranscriptEngines } from './transcript-engines.ts';
import type { WorkloadFigures } from './workloads.ts';
import { MIX } from './query-mix.ts';

/** Memory of a process, MB. */
export interface Memory {
  heapUsedMB: number;
  arrayBuffersMB: number;
  rssMB: number;
}

/** Everything measured for one catalog. */
export interface SizeFigures {
  label: string;
  episodes: number;
  catalogBytes: number;
  generateMs: number | null;
  catalogMs: number;
  buildMs: number;
  buildMemory: Memory;
  snapshotBytes: number;
  snapshotWriteMs: number;
  snapshotLoadMs: Summary;
  readyMemory: Memory | null;
  starts: StartFigures[];
  workloads: WorkloadFigures;
  e2e: E2eFigures | null;
}

/** A whole run. */
export interface BenchRun {
  machine: MachineInfo;
  command: string;
  wallSeconds: number;
  sizes: SizeFigures[];
  /** Transcript search on SQLite and PostgreSQL (absent under `--transcripts 0`). */
  transcriptEngines?: TranscriptEngines;
}

interface Target {
  label: string;
  /** The catalog size it applies to: a number of episodes, 'shipped', or 0 for every size of 1,000 or more. */
  episodes: number | 'shipped';
  /** The limit: at most (or, with `atLeast`, at least) this. */
  max: number;
  atLeast?: boolean;
  unit: 'ms' | 'MB' | '×';
  value: (s: SizeFigures) => number | null;
}

const startOf = (s: SizeFigures, prefix: string) => s.starts.find((x) => x.what.startsWith(prefix))?.wall.p50 ?? null;
const e2eP99 = (p: E2ePart | undefined) => (p && 'c50' in p ? p.c50.p99 : null);
const worst = (...xs: number[]) => Math.max(...xs);

/** The targets of issue 9 (a 2-core machine). */
export const TARGETS: Target[] = [
  { label: 'search p99, whole mix', episodes: 'shipped', max: 2, unit: 'ms', value: (s) => s.workloads.search.all.p99 },
  { label: 'search p99, exact words', episodes: 1_000, max: 15, unit: 'ms', value: (s) => s.workloads.search.exact.p99 },
  { label: 'search p99, one typo', episodes: 1_000, max: 15, unit: 'ms', value: (s) => s.workloads.search.typo.p99 },
  { label: 'autocomplete p99', episodes: 1_000, max: 2, unit: 'ms', value: (s) => s.workloads.autocomplete.p99 },
  { label: 'search p99, worst of exact / prefix / typo / stop words / frequent words', episodes: 10_000, max: 50, unit: 'ms', value: (s) => worst(s.workloads.search.exact.p99, s.workloads.search.prefix.p99, s.workloads.search.typo.p99, s.workloads.search.stopwords.p99, s.workloads.search.frequent?.p99 ?? 0) },
  { label: 'autocomplete p99', episodes: 10_000, max: 5, unit: 'ms', value: (s) => s.workloads.autocomplete.p99 },
  { label: 'V8 heap after start', episodes: 10_000, max: 150, unit: 'MB', value: (s) => s.readyMemory?.heapUsedMB ?? null },
  { label: 'RSS after start', episodes: 10_000, max: 400, unit: 'MB', value: (s) => s.readyMemory?.rssMB ?? null },
  { label: 'cold start to ready (saved index, node --import tsx)', episodes: 10_000, max: 2_500, unit: 'ms', value: (s) => startOf(s, 'ready, tsx') },
  { label: 'cold start, `npm run ask` with the saved index', episodes: 10_000, max: 2_500, unit: 'ms', value: (s) => startOf(s, 'main.ts later') },
  { label: 'p99 of naive minisearch ÷ p99 of this engine, same queries', episodes: 10_000, max: 5, atLeast: true, unit: '×', value: (s) => (s.workloads.baseline.queries > 0 ? s.workloads.baseline.ratioP99 : null) },
  { label: 'end to end p99 at concurrency 50, Slack', episodes: 0, max: 50, unit: 'ms', value: (s) => e2eP99(s.e2e?.slack) },
  { label: 'end to end p99 at concurrency 50, Discord', episodes: 0, max: 50, unit: 'ms', value: (s) => e2eP99(s.e2e?.discord) },
];

const agreement = (b: { sameFirst?: number; bothFound?: number }) =>
  b.bothFound ? `${((100 * b.sameFirst!) / b.bothFound).toFixed(0)} % (${b.sameFirst} of ${b.bothFound})` : '–';
const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : n0(x));
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const pp = (s: Summary) => `${ms(s.p50)} / ${ms(s.p99)}`;
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

function targetRows(run: BenchRun): string[] {
  const out = [row(['Target', 'Catalog', 'Limit', 'Measured', 'Met']), row(['---', '---:', '---:', '---:', ':---:'])];
  for (const t of TARGETS) {
    const sizes =
      t.episodes === 0 ? run.sizes.filter((s) => s.episodes >= 1_000) : t.episodes === 'shipped' ? run.sizes.filter((s) => s.label.startsWith('shipped')) : run.sizes.filter((s) => s.episodes === t.episodes);
    for (const s of sizes) {
      const v = t.value(s);
      if (v === null) continue;
      const met = t.atLeast ? v >= t.max : v <= t.max;
      const shown = t.unit === 'ms' ? ms(v) : v.toFixed(t.unit === '×' ? 1 : 0);
      out.push(row([t.label, n0(s.episodes), `${t.atLeast ? '≥' : '≤'} ${n0(t.max)} ${t.unit}`, `${shown} ${t.unit}`, met ? 'yes' : `**no** (×${(t.atLeast ? t.max / v : v / t.max).toFixed(1)})`]));
    }
  }
  return out;
}

function figureRows(run: BenchRun): string[] {
  const sizes = run.sizes;
  const head = [row(['Figure', ...sizes.map((s) => s.label)]), row(['---', ...sizes.map(() => '---:')])];
  const line = (name: string, f: (s: SizeFigures) => string) => row([name, ...sizes.map(f)]);
  const w = (s: SizeFigures) => s.workloads;
  const start = (prefix: string) => (s: SizeFigures) => {
    const x = s.starts.find((y) => y.what.startsWith(prefix));
    return x ? `${ms(x.wall.p50)} (n=${x.wall.n})` : '–';
  };
  const mem = (m: Memory | null) => (m ? `${m.heapUsedMB.toFixed(0)} + ${m.arrayBuffersMB.toFixed(0)} / ${m.rssMB.toFixed(0)}` : '–');
  const e2e = (pick: (f: E2eFigures) => E2ePart, phase: 'c1' | 'c50') => (s: SizeFigures) => {
    const p = s.e2e ? pick(s.e2e) : null;
    return !p ? 'not run' : 'skipped' in p ? 'skipped' : pp(p[phase]);
  };
  return [
    ...head,
    line('catalog file (MB)', (s) => mb(s.catalogBytes)),
    line('catalog read + validated (ms)', (s) => ms(s.catalogMs)),
    line('index build from catalog (ms)', (s) => ms(s.buildMs)),
    line('search database: FTS5 transcripts + saved minisearch index (MB)', (s) => mb(s.snapshotBytes)),
    line('saving the index (ms)', (s) => ms(s.snapshotWriteMs)),
    line('saved index load, in a fresh process (ms, p50)', (s) => ms(s.snapshotLoadMs.p50)),
    line('cold start to ready, saved index, bundled JS (ms, p50)', start('ready, bundled')),
    line('cold start to ready, saved index, node --import tsx (ms, p50)', start('ready, tsx')),
    line('cold start, `npm run ask -- /latest` first start: indexes the catalog, saves the index (ms)', start('main.ts first')),
    line('cold start, `npm run ask -- /latest` later starts: loads the saved index (ms, p50)', start('main.ts later')),
    line('memory after start from the saved index: heap + array buffers / RSS (MB)', (s) => mem(s.readyMemory)),
    line('memory after build from catalog: heap + array buffers / RSS (MB)', (s) => mem(s.buildMemory)),
    line('search, all 1,000 queries, p50 / p99 (ms)', (s) => pp(w(s).search.all)),
    line(`search, exact 1–3 words (${MIX.exact}), p50 / p99 (ms)`, (s) => pp(w(s).search.exact)),
    line(`search, prefix (${MIX.prefix}), p50 / p99 (ms)`, (s) => pp(w(s).search.prefix)),
    line(`search, one typo (${MIX.typo}), p50 / p99 (ms)`, (s) => pp(w(s).search.typo)),
    line(`search, stop-word heavy (${MIX.stopwords}), p50 / p99 (ms)`, (s) => pp(w(s).search.stopwords)),
    line(`search, frequent words (${MIX.frequent}), p50 / p99 (ms)`, (s) => (w(s).search.frequent ? pp(w(s).search.frequent) : '–')),
    line('autocomplete, 1,000 prefixes, p50 / p99 (ms)', (s) => pp(w(s).autocomplete)),
    line('recommend `similarTo(id, 3)`, p50 / p99 (ms)', (s) => `${pp(w(s).recommend)} (n=${w(s).recommend.n})`),
    line('ingest, `upsert` of one edited episode, p50 / p99 (ms)', (s) => (w(s).ingest ? `${pp(w(s).ingest)} (n=${w(s).ingest.n})` : 'n/a')),
    line('naive linear scan (no index), p50 / p99 (ms)', (s) => `${pp(w(s).naive)} (n=${w(s).naive.queries})`),
    line('baseline: naive minisearch build (ms)', (s) => ms(w(s).baseline.buildMs)),
    line('baseline: naive minisearch search, p50 / p99 (ms)', (s) => `${pp(w(s).baseline.naive)} (n=${w(s).baseline.queries})`),
    line('this engine on the same queries, p50 / p99 (ms)', (s) => pp(w(s).baseline.ours)),
    line('p99 ratio, naive minisearch ÷ this engine', (s) => (w(s).baseline.queries > 0 ? `${w(s).baseline.ratioP99.toFixed(1)}×` : '–')),
    line('same episode first, naive minisearch and this engine (of the queries both answer)', (s) => agreement(w(s).baseline)),
    line('end to end Slack, concurrency 1, p50 / p99 (ms)', e2e((f) => f.slack, 'c1')),
    line('end to end Slack, concurrency 50, p50 / p99 (ms)', e2e((f) => f.slack, 'c50')),
    line('end to end Discord, concurrency 1, p50 / p99 (ms)', e2e((f) => f.discord, 'c1')),
    line('end to end Discord, concurrency 50, p50 / p99 (ms)', e2e((f) => f.discord, 'c50')),
    line('bot CPU per request at c50, Slack / Discord (ms)', (s) => cpu(s.e2e)),
    line('dispatcher (commands + core) per request, c1, Slack / Discord (ms)', (s) => dispatcherShare(s.e2e)),
  ];
}

function cpu(f: E2eFigures | null): string {
  const one = (p: E2ePart | undefined) => (p && 'botCpuMsPerRequest' in p ? ms(p.botCpuMsPerRequest) : '–');
  return f ? `${one(f.slack)} / ${one(f.discord)}` : '–';
}

function dispatcherShare(f: E2eFigures | null): string {
  const one = (p: E2ePart | undefined) => (p && 'dispatcherMsPerRequest' in p ? ms(p.dispatcherMsPerRequest) : '–');
  return f ? `${one(f.slack)} / ${one(f.discord)}` : '–';
}

/** The Markdown report. */
export function markdown(run: BenchRun): string {
  const m = run.machine;
  const skipped = run.sizes.flatMap((s) => (s.e2e ? [s.e2e.slack, s.e2e.discord] : [])).find((p) => 'skipped' in p);
  return [
    '# episode-bot benchmark',
    '',
    `Measured ${m.date.slice(0, 16).replace('T', ' ')} UTC on **${m.cpu}**, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}.`,
    `Command: \`${run.command}\` (${Math.round(run.wallSeconds)} s in all). Figures in milliseconds unless marked; p50 / p99.`,
    '',
    '## Targets',
    '',
    ...targetRows(run),
    '',
    '## Figures',
    '',
    ...figureRows(run),
    '',
    ...slackVsBareMarkdown(run.sizes.map((s) => ({ label: s.label, slackVsBare: s.e2e?.slackVsBare }))),
    run.transcriptEngines ? transcriptEnginesMarkdown(run.transcriptEngines) : '',
    '## How it was measured',
    '',
    '- **Catalogs**: the shipped one (`data/episodes.json`) and synthetic ones made by `bench/synthetic/` with a seeded PRNG: realistic titles, two guests, ~80-word descriptions, six chapters, ~3,000-word transcripts (speaker paragraphs) drawn from a Zipf-distributed vocabulary of 30,000 words (the commonest English words, then pronounceable pseudo-words). Written to a temporary directory and read with `loadCatalogFile`.',
    '- **Build** runs in a fresh process: catalog read and validated, then `new Library(catalog)` over a SQLite file (minisearch index of episode metadata, name index, transcript excerpts cut into segments and written to FTS5), then the index saved in that file (`src/library/library-state.ts`: minisearch `toJSON` and the episodes, with a format version). Memory after a full garbage collection; "heap" is V8\'s heap, RSS is the whole process (SQLite\'s page cache included); transcripts stay on disk.',
    '- **Cold start**: wall time from spawning `node` to its exit, for (a) `bench/child.ts ready`, which starts as the bot would with an index cache (`loadLibrary` from `src/library/saved-library.ts`: saved index, dispatcher, the answer to `/latest` rendered), once bundled to plain JavaScript with esbuild and once with `node --import tsx`; (b) `src/main.ts --ask "/latest"` (what `npm run ask` runs) with `CATALOG_PATH` pointing at the catalog: the first start indexes the catalog and saves the index to `INDEX_CACHE_PATH`; later starts load it.',
    '- **Latency** with tinybench (each input of a fixed list run once, after a warm-up on as many other inputs; p50/p99 are tinybench\'s), over a library restored from the snapshot, as after a cold start. The search mix runs as one tinybench task, kinds interleaved (its "all" row is tinybench\'s), each call also timed by us for the per-kind rows. Search: a fixed mix of 1,000 queries drawn from the catalog (350 exact 1–3 words, 175 prefixes of 3–6 letters, 175 with one typo, 150 stop-word-heavy sentences, 150 with the catalog\'s 30 commonest words: one alone, two, or one beside a word of some episode); `library.search(q, 0, 5)` including the explanation (chapter, snippet) of the 5 hits shown. Autocomplete: `library.suggest(prefix, ["episode","guest"], 25)` over 1,000 beginnings of titles and names. Recommend: `library.similarTo(id, 3)`.',
    '- **Baseline**: naive minisearch (`bench/naive-minisearch.ts`: one document per episode, every field and the whole transcript, minisearch\'s own tokenizer, fuzzy 0.2 and prefix on every term, AND falling back to OR), built in the same process over the same catalog; it and this engine run the same sample of the query mix (as many queries as fit in about 30 s of naive minisearch), each after the same warm-up; the ratio is of their p99s. Agreement: of the sampled queries both engines answer, the share where both put the same episode first.',
    '- **Naive scan**: the same queries, every episode\'s lower-cased text scanned for each query word (`includes`), in the same run; as many queries as fit in 20 s (n given).',
    '- **End to end**: the bot (library from the snapshot, real dispatcher, real Slack adapter in HTTP mode and real Discord adapter, logging at info to nowhere) runs in its own process (`bench/e2e-bot.ts`); this process runs the doubles of `tests/doubles/` and the load: a signed `/episode <query>` slash command POSTed to the Bolt receiver until the answer arrives (in the acknowledgement\'s body when ready within the answer budget, else at the response URL), and an `/episode` interaction sent by the gateway double until the interaction callback arrives. Each phase starts with a wave of as many simultaneous requests as its concurrency (so every HTTP connection is open, as in a long-running bot) and a warm-up, then times 200 requests one at a time, or 1,000 with 50 in flight (closed loop, `runPool` of `bench/stats.ts`). Percentiles of our own. "Bot CPU per request" is the bot process\'s CPU time over the 1,000 requests at concurrency 50; "dispatcher per request" is the wall time spent in `Dispatcher.command` (commands and core: one search per `/episode`, the answer) one request at a time.',
    '- **Targets** for search are compared with the p99 of the exact-word and one-typo queries of the mix, each query run once; run to run, p99s at 1,000 episodes vary by a few tenths of a millisecond (garbage collection pauses of 1–6 ms on this virtual machine land on a few queries).',
    skipped ? `- End to end was skipped: ${'skipped' in skipped ? skipped.skipped : ''}` : '',
    '',
  ].join('\n');
}
