/**
 * The throwaway PostgreSQL cluster `npm run bench` measures on
 * (tests/helpers/postgres/cluster.ts): fsync on (ingestion measured durably,
 * as a real server), pg_stat_statements preloaded (where the time goes). Stopped
 * by `stop()`, and on the process's exit should the bench fail first (the
 * helper's watchdog covers kill -9).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findPostgres, startCluster } from '../tests/helpers/postgres/cluster.ts';

/** A started cluster, or why PostgreSQL is skipped. */
export type BenchCluster = { ok: true; url: string; server: string; stop(): void } | { ok: false; reason: string };

/** Starts the cluster, or says why not (no binaries, or a start that failed). */
export async function startBenchCluster(): Promise<BenchCluster> {
  const found = findPostgres();
  if (!found.ok) return { ok: false, reason: found.reason };
  const t = performance.now();
  try {
    // pg_stat_statements comes with postgresql-contrib; without it, start plain.
    const preload = existsSync(join(found.bin, '..', 'lib', 'pg_stat_statements.so')) ? { shared_preload_libraries: 'pg_stat_statements' } : undefined;
    const cluster = await startCluster(found, { durable: true, settings: preload });
    const stop = () => cluster.stop();
    process.once('exit', stop);
    return {
      ok: true,
      url: cluster.url,
      server: `throwaway PostgreSQL ${found.version} on loopback, fsync on, started in ${Math.round(performance.now() - t)} ms`,
      stop: () => {
        process.off('exit', stop);
        stop();
      },
    };
  } catch (err) {
    return { ok: false, reason: `the throwaway cluster did not start: ${(err as Error).message.split('\n')[0]}` };
  }
}
