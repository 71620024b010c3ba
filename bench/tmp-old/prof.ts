import { loadCatalogFile } from '../../src/catalog-file.ts';
import { SearchIndex } from '../../src/core/search-index.ts';
import { newestFirst } from '../../src/core/episode-order.ts';
import { searchMix } from '../query-mix.ts';
const c = loadCatalogFile(process.argv[2] ?? '/tmp/cat-1000.json'); if (!c.ok) throw 1;
const eps = newestFirst(c.value.episodes);
let t = performance.now(); const b = new SearchIndex(); b.upsert(eps, eps.map((e) => e.id)); console.log('build', performance.now() - t);
const qs = searchMix(c.value, 1000);
for (const q of qs) b.search(q.text);
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2); };
for (let rep = 0; rep < Number(process.env.REPS ?? 3); rep++) {
  const by = new Map<string, number[]>(); const slow: [number, string][] = [];
  for (const q of qs) { const t0 = performance.now(); b.search(q.text); const d = performance.now() - t0; (by.get(q.kind) ?? by.set(q.kind, []).get(q.kind)!).push(d); slow.push([d, q.text]); }
  console.log([...by].map(([k, xs]) => `${k} p50 ${pct(xs, .5)} p99 ${pct(xs, .99)}`).join(' | '));
  if (rep === Number(process.env.REPS ?? 3) - 1) console.log(slow.sort((x, y) => y[0] - x[0]).slice(0, 6));
}
