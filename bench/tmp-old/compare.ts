import { loadCatalogFile } from '../../src/catalog-file.ts';
import { SearchIndex as Old } from './search-index.ts';
import { SearchIndex as New } from '../../src/core/search-index.ts';
import { newestFirst } from '../../src/core/episode-order.ts';
import { searchMix } from '../query-mix.ts';
const n = Number(process.argv[2] ?? 300);
const c = loadCatalogFile('/tmp/cat-1000.json'); if (!c.ok) throw 1;
const eps = newestFirst(c.value.episodes).slice(0, n);
const order = eps.map((e) => e.id);
let t = performance.now(); const a = new Old(); a.upsert(eps, order); console.log('old build', performance.now() - t);
t = performance.now(); const b = new New(); b.upsert(eps, order); console.log('new build', performance.now() - t);
const qs = searchMix({ ...c.value, episodes: eps }, 1000);
let diffOrder = 0, diffExplain = 0, maxRel = 0;
for (const q of qs) {
  const ra = a.search(q.text, { offset: 0, limit: 50 }); const rb = b.search(q.text, { offset: 0, limit: 50 });
  const ia = ra.hits.map((h) => h.episodeId).join(','), ib = rb.hits.map((h) => h.episodeId).join(',');
  if (ia !== ib || ra.total !== rb.total) { diffOrder++; if (diffOrder < 4) console.log('ORDER', q.text, ra.total, rb.total, '\n ', ia.slice(0, 200), '\n ', ib.slice(0, 200)); continue; }
  ra.hits.forEach((h, i) => {
    const g = rb.hits[i]!; maxRel = Math.max(maxRel, Math.abs(h.score - g.score) / h.score);
    const norm = (x: any) => JSON.stringify({ ...x, score: 0, snippet: x.snippet && { ...x.snippet, text: x.snippet.text.replace(/\s+/g, ' ') } });
    if (norm(h) !== norm(g)) { diffExplain++; if (diffExplain < 4) console.log('EXPLAIN', q.text, '\n ', norm(h), '\n ', norm(g)); }
  });
}
console.log({ diffOrder, diffExplain, maxRel });
// upserts: replace 20 episodes with edited copies, add 10 new
const edited = eps.slice(10, 30).map((e, i) => ({ ...e, title: `${e.title} remastered ${i}`, transcriptExcerpt: i % 2 ? null : e.transcriptExcerpt }));
const added = newestFirst(c.value.episodes).slice(n, n + 10);
const order2 = newestFirst([...added, ...eps]).map((e) => e.id);
for (const x of [a, b]) { x.upsert(edited, order); x.upsert(added, order2); }
let d2 = 0;
for (const q of [...qs.slice(0, 300), { text: 'remastered' }, { text: 'remastered 3' }]) {
  const ia = a.search(q.text, { offset: 0, limit: 50 }).hits.map((h) => h.episodeId).join(','), ib = b.search(q.text, { offset: 0, limit: 50 }).hits.map((h) => h.episodeId).join(',');
  if (ia !== ib) { d2++; if (d2 < 3) console.log('UPSERT ORDER', q.text, '\n ', ia.slice(0, 150), '\n ', ib.slice(0, 150)); }
}
console.log('after upserts diff', d2);
const finalEps = newestFirst([...added, ...eps.map((e) => edited.find((x) => x.id === e.id) ?? e)]);
const fresh = new Old(); fresh.upsert(finalEps, finalEps.map((e) => e.id));
let d3 = 0;
for (const q of [...qs.slice(0, 300), { text: 'remastered' }, { text: 'remastered 3' }]) {
  const ia = fresh.search(q.text, { offset: 0, limit: 50 }).hits.map((h) => h.episodeId).join(','), ib = b.search(q.text, { offset: 0, limit: 50 }).hits.map((h) => h.episodeId).join(',');
  if (ia !== ib) { d3++; if (d3 < 3) console.log('FRESH ORDER', q.text, '\n ', ia.slice(0, 150), '\n ', ib.slice(0, 150)); }
}
console.log('new-after-upserts vs old-fresh diff', d3);
for (const q of qs.slice(0, 300)) {
  const ra = fresh.search(q.text, { offset: 0, limit: 50 }).hits, rb = b.search(q.text, { offset: 0, limit: 50 }).hits;
  const i = ra.findIndex((h, k) => h.episodeId !== rb[k]?.episodeId);
  if (i >= 0) { console.log(q.text, i, ra.slice(i, i + 2).map((h) => [h.episodeId, h.score, h.matchedTerms]), rb.slice(i, i + 2).map((h) => [h.episodeId, h.score, h.matchedTerms])); break; }
}
