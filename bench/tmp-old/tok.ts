import { loadCatalogFile } from '../../src/catalog-file.ts';
import { fastTokenize, fastTokenizeWithOffsets } from '../../src/core/fast-text.ts';
const c = loadCatalogFile('/tmp/cat-1000.json'); if (!c.ok) throw 1;
const texts = c.value.episodes.map((e) => e.transcriptExcerpt!);
for (let r = 0; r < 2; r++) {
let t = performance.now(); let n = 0;
for (const text of texts) n += fastTokenize(text).length;
console.log('fastTokenize', (performance.now() - t).toFixed(0), n);
t = performance.now(); n = 0;
for (const text of texts) n += fastTokenizeWithOffsets(text).length;
console.log('withOffsets', (performance.now() - t).toFixed(0), n);
}
