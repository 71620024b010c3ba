/** The timed workloads over a loaded library: search mix, autocomplete, recommendations, and the naive scan. */
import type { Catalog } from '../src/core/model/catalog-schema.ts';
import type { Library } from '../src/core/search/library.ts';
import { measure, measureGroups, type Measured } from './latency.ts';
import { NaiveMiniSearch } from './naive-minisearch.ts';
import { NaiveScan } from './naive-scan.ts';
import { autocompleteMix, recommendMix, searchMix, MIX, type QueryKind } from './query-mix.ts';
import type { Summary } from './stats.ts';

/** Latency figures of one catalog size, in milliseconds. */
export interface WorkloadFigures {
  search: Record<QueryKind | 'all', Summary>;
  autocomplete: Summary;
  recommend: Summary;
  /** `upsert` of one edited episode (a feed bringing a change): the indexes updated in place, its transcript excerpt stored. */
  ingest: Summary;
  naive: Summary & { queries: number; budgetMs: number };
  /** The baseline: naive minisearch (see naive-minisearch.ts) on a sample of the mix, and this engine on the same sample. */
  baseline: { naive: Summary; ours: Summary; queries: number; buildMs: number; ratioP99: number; sameFirst: number; bothFound: number };
}

const strip = (m: Measured): Summary => ({ n: m.n, p50: m.p50, p99: m.p99, mean: m.mean, max: m.max });

/** Runs every workload; `say` reports progress. `naiveBudgetMs` bounds the naive scan (it reads every episode per query). */
export async function runWorkloads(library: Library, catalog: Catalog, say: (line: string) => void, naiveBudgetMs = 20_000, withBaseline = true): Promise<WorkloadFigures> {
  const queries = searchMix(catalog, 1_000);
  say(`search: ${queries.length} queries (${Object.entries(MIX).map(([k, n]) => `${n} ${k}`).join(', ')})`);
  const mixed = await measureGroups('search', queries, (q) => q.kind, (q) => library.search(q.text, 0, 5), searchMix(catalog, 1_000, 99));
  const search = { ...mixed.groups, all: strip(mixed.all) } as Record<QueryKind | 'all', Summary>;
  const prefixes = autocompleteMix(catalog, 1_000);
  say(`autocomplete: ${prefixes.length} prefixes`);
  const autocomplete = strip(await measure('autocomplete', prefixes, (p) => library.suggest(p, ['episode', 'guest'], 25), autocompleteMix(catalog, 1_000, 98)));
  const ids = recommendMix(catalog, Math.min(1_000, Math.max(200, library.size)));
  say(`recommend: ${ids.length} episodes`);
  const recommend = strip(await measure('recommend', ids, (id) => library.similarTo(id, 3), recommendMix(catalog, 100, 97)));
  say('naive scan: indexing nothing, reading every episode per query…');
  const naive = new NaiveScan(catalog);
  const t = performance.now();
  naive.search(queries[0]!.text);
  const perQuery = Math.max(0.01, performance.now() - t);
  const count = Math.max(20, Math.min(queries.length, Math.floor(naiveBudgetMs / perQuery)));
  const step = queries.length / count;
  const sample = Array.from({ length: count }, (_, i) => queries[Math.floor(i * step)]!.text);
  const scanned = await measure('naive scan', sample, (q) => naive.search(q, 5));
  const skipped = { n: 0, p50: NaN, p99: NaN, mean: NaN, max: NaN };
  const baseline = withBaseline
    ? await measureBaseline(library, catalog, queries.map((q) => q.text), say)
    : { naive: skipped, ours: skipped, queries: 0, buildMs: NaN, ratioP99: NaN, sameFirst: 0, bothFound: 0 };
  const ingest = await measureIngest(library, ids, say);
  return { search, autocomplete, recommend, ingest, naive: { ...strip(scanned), queries: sample.length, budgetMs: naiveBudgetMs }, baseline };
}

/** `upsert` of one episode at a time, each an edited copy of one of `ids` (last, as it changes the library). */
async function measureIngest(library: Library, ids: readonly string[], say: (line: string) => void): Promise<Summary> {
  const edits = ids.slice(0, 200).map((id) => library.get(id)).filter((e) => e !== undefined).map((e, i) => ({ ...e, title: `${e.title} (edited ${i})` }));
  say(`ingest: ${edits.length} single-episode upserts`);
  return strip(await measure('ingest', edits, (e) => library.upsert([e])));
}

/** Naive minisearch and this engine on the same queries (as many as fit in `budgetMs` of naive minisearch). */
async function measureBaseline(library: Library, catalog: Catalog, queries: readonly string[], say: (line: string) => void, budgetMs = 60_000): Promise<WorkloadFigures['baseline']> {
  say('baseline: building naive minisearch (all fields, transcripts included)…');
  let t = performance.now();
  const naive = new NaiveMiniSearch(catalog);
  const buildMs = performance.now() - t;
  t = performance.now();
  for (const q of queries.slice(0, 5)) naive.search(q);
  const perQuery = Math.max(0.01, (performance.now() - t) / 5);
  const count = Math.max(50, Math.min(queries.length, Math.floor(budgetMs / 2 / perQuery)));
  const step = queries.length / count;
  const sample = Array.from({ length: count }, (_, i) => queries[Math.floor(i * step)]!);
  const warm = Array.from({ length: Math.min(count, 50) }, (_, i) => queries[(Math.floor(i * step) + 1) % queries.length]!);
  say(`baseline: ${count} queries, naive minisearch and this engine`);
  const n = strip(await measure('naive minisearch', sample, (q) => naive.search(q, 5), warm));
  const ours = strip(await measure('this engine (same queries)', sample, (q) => library.search(q, 0, 5), warm));
  // How far the two agree: of the queries both answer, how many put the same episode first.
  let bothFound = 0;
  let sameFirst = 0;
  for (const q of sample) {
    const theirs = naive.search(q, 1)[0];
    const mine = (await library.search(q, 0, 1)).hits[0]?.episodeId;
    if (theirs === undefined || mine === undefined) continue;
    bothFound++;
    if (theirs === mine) sameFirst++;
  }
  return { naive: n, ours, queries: count, buildMs, ratioP99: n.p99 / Math.max(ours.p99, 1e-6), sameFirst, bothFound };
}
