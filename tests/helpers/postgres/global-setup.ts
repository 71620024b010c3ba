/**
 * Vitest global set-up: one throwaway PostgreSQL cluster for the whole run
 * (see cluster.ts), with a template database holding the extensions the
 * store needs; test files get their own database from it (database.ts).
 * Without PostgreSQL's binaries the PostgreSQL suites skip, saying why,
 * unless the run requires PostgreSQL (`CI=true` or
 * `EPISODE_BOT_REQUIRE_POSTGRES=1`, set by .ci/run): then the run fails.
 * `EPISODE_BOT_POSTGRES=skip` skips them without looking (a quicker run of
 * other tests); `EPISODE_BOT_POSTGRES_VERBOSE=1` prints the cluster's port and start-up time.
 */
import type { TestProject } from 'vitest/node';
import { createExtensionsTemplate, findPostgres, startCluster, type Cluster } from './cluster.ts';

/** What test files learn about the run's PostgreSQL (through `inject('postgres')`). */
export type ProvidedPostgres = { url: string; template: string; version: string } | { url: null; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

/** The template every test database is copied from. */
export const TEMPLATE = 'episode_bot_template';

/** Whether this run must have PostgreSQL (CI): then a missing or broken PostgreSQL fails it instead of skipping suites. */
export function postgresRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.EPISODE_BOT_REQUIRE_POSTGRES === '1';
}

export default async function setup(project: TestProject): Promise<() => void> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  if (process.env.EPISODE_BOT_POSTGRES === 'skip') return skip(project, 'EPISODE_BOT_POSTGRES=skip', say);
  const found = findPostgres();
  if (!found.ok) return skip(project, found.reason, say);
  const started = performance.now();
  let cluster: Cluster;
  try {
    // Copied from a data directory made once with the template in it (initdb alone takes a second or more).
    cluster = await startCluster(found, { seed: { key: `${TEMPLATE} with unaccent, 1 MB WAL segments, v2`, prepare: (url) => createExtensionsTemplate(url, TEMPLATE) } });
  } catch (err) {
    return skip(project, `the throwaway PostgreSQL cluster did not start: ${(err as Error).message}`, say);
  }
  const stopOnExit = () => cluster.stop();
  // Ctrl-C makes vitest call process.exit() without running teardowns; `exit` handlers still run (synchronously).
  process.once('exit', stopOnExit);
  const ms = Math.round(performance.now() - started);
  if (process.env.EPISODE_BOT_POSTGRES_VERBOSE === '1') say(`PostgreSQL ${cluster.version} for the tests on port ${cluster.port} (${ms} ms)`);
  project.provide('postgres', { url: cluster.url, template: TEMPLATE, version: cluster.version });
  return () => {
    process.off('exit', stopOnExit);
    cluster.stop();
  };
}

function skip(project: TestProject, reason: string, say: (line: string) => void): () => void {
  if (postgresRequired()) {
    throw new Error(`PostgreSQL is required in this run (CI=true or EPISODE_BOT_REQUIRE_POSTGRES=1) but ${reason}`);
  }
  say(`PostgreSQL suites skipped: ${reason}`);
  project.provide('postgres', { url: null, reason });
  return () => {};
}
