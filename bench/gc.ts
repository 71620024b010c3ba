/** A full garbage collection, with or without --expose-gc (npm run bench starts node without it). */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null = null;

/** Collects garbage fully (twice, so finalised objects go too). */
export function fullGc(): void {
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) collect = exposed;
    else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  collect();
  collect();
}

/** Memory of this process after a full collection, in MB. */
export function memoryAfterGc(): { heapUsedMB: number; arrayBuffersMB: number; rssMB: number } {
  fullGc();
  const m = process.memoryUsage();
  const mb = (x: number) => Math.round((x / 1e6) * 10) / 10;
  return { heapUsedMB: mb(m.heapUsed), arrayBuffersMB: mb(m.arrayBuffers), rssMB: mb(m.rss) };
}
