/** Cold start of the transcript search benchmark: open the store, build the Library, answer a transcript query. */
import { openStore } from '../src/app/open-store.ts';
import type { Catalog } from '../src/core/model/catalog-schema.ts';
import { Library } from '../src/core/search/library.ts';
import type { StoreOptions } from '../src/store/store.ts';
import { summarize, type Summary } from './stats.ts';

/** Cold starts: open the store (migrations checked), build the Library over the catalog, answer a transcript query (ms). */
export interface ColdStart {
  runs: number;
  open: Summary;
  library: Summary;
  firstQuery: Summary;
  ready: Summary;
}

/** `runs` times: open the store, build the Library over `catalog`, answer `query`; each timed. */
export async function measureColdStarts(options: StoreOptions, catalog: Catalog, query: string, runs: number): Promise<ColdStart> {
  const open: number[] = [];
  const library: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const store = await openStore(options);
    const t1 = performance.now();
    const lib = await Library.create(catalog, { transcripts: store.transcriptSegments });
    const t2 = performance.now();
    await lib.search(query, 0, 5);
    const t3 = performance.now();
    await store.close();
    open.push(t1 - t0);
    library.push(t2 - t1);
    first.push(t3 - t2);
  }
  const ready = open.map((o, i) => o + library[i]! + first[i]!);
  return { runs, open: summarize(open), library: summarize(library), firstQuery: summarize(first), ready: summarize(ready) };
}
