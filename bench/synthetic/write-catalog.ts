/** Writes a synthetic catalog file episode by episode, with progress on stderr. */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { CATALOG_TAIL, catalogHead, syntheticEpisodes } from './catalog.ts';

/** Where the catalog went and how big it is. */
export interface WrittenCatalog {
  path: string;
  episodes: number;
  bytes: number;
  ms: number;
}

/** Generates `episodes` synthetic episodes into `path` (catalog format 1). */
export function writeSyntheticCatalog(path: string, episodes: number, progress: (line: string) => void): WrittenCatalog {
  const started = performance.now();
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, catalogHead());
    let buffer: string[] = [];
    let i = 0;
    const step = Math.max(1_000, Math.ceil(episodes / 10));
    for (const ep of syntheticEpisodes(episodes)) {
      buffer.push((i > 0 ? ',\n' : '') + JSON.stringify(ep));
      i++;
      if (buffer.length >= 200) {
        writeSync(fd, buffer.join(''));
        buffer = [];
      }
      if (i % step === 0 || i === episodes) progress(`generating ${episodes} episodes: ${i}/${episodes}`);
    }
    writeSync(fd, buffer.join('') + CATALOG_TAIL);
  } finally {
    closeSync(fd);
  }
  return { path, episodes, bytes: statSync(path).size, ms: performance.now() - started };
}
