/**
 * A throwaway PostgreSQL cluster on loopback, for tests and benchmarks: found
 * through `pg_config --bindir` (else the newest `/usr/lib/postgresql/N/bin`),
 * created with `initdb` in a temporary directory and started with `pg_ctl`, as
 * the `postgres` user when this process runs as root (the server refuses to run
 * as root), as the current user otherwise. A detached watchdog stops and
 * removes it if this process dies without stopping it (kill -9, Ctrl-C).
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where PostgreSQL's server binaries are, or why none were found. */
export type PostgresBinaries = { ok: true; bin: string; version: string } | { ok: false; reason: string };

/** A running throwaway cluster. */
export interface Cluster {
  /** `postgres://postgres@127.0.0.1:port/postgres` (trust authentication, superuser). */
  url: string;
  port: number;
  dir: string;
  version: string;
  /** Stops the server and removes its directory (idempotent, synchronous so it can run in an `exit` handler). */
  stop(): void;
  /** Shuts the server down cleanly and keeps its directory. */
  stopCleanly(): void;
}

/** A data directory prepared once and copied for each cluster (see {@link startCluster}). */
export interface ClusterSeed {
  /** Names what `prepare` makes: change it when `prepare` changes. */
  key: string;
  /** Prepares the new cluster at `url` (superuser), e.g. creates template databases. */
  prepare(url: string): Promise<void>;
}

/** Options of {@link startCluster}. */
export interface ClusterOptions {
  /** Keep fsync, synchronous_commit and full_page_writes on (benchmarks of ingestion); off by default (tests). */
  durable?: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
  /** More initdb arguments. */
  initdbArgs?: string[];
  /** Start from a copy of this prepared data directory instead of running initdb. */
  seed?: ClusterSeed;
}

const BINARIES = ['initdb', 'pg_ctl', 'postgres'];

/** Finds PostgreSQL's server binaries: `pg_config --bindir`, else the newest /usr/lib/postgresql/N/bin. */
export function findPostgres(): PostgresBinaries {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // No pg_config on PATH: look where Debian and Ubuntu install the server.
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(root, v, 'bin')));
  }
  for (const bin of candidates) {
    if (!BINARIES.every((b) => existsSync(join(bin, b)))) continue;
    const version = execFileSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim().replace(/^postgres \(PostgreSQL\) /, '');
    return { ok: true, bin, version };
  }
  return {
    ok: false,
    reason: `no PostgreSQL server binaries (initdb, pg_ctl, postgres) in ${candidates.length ? candidates.join(', ') : '`pg_config --bindir` (not on PATH) or /usr/lib/postgresql/*/bin'}; install postgresql-15 and postgresql-contrib`,
  };
}

/** Runs a server binary as the cluster's owner: `runuser -u postgres --` when root, directly otherwise. */
function asOwner(file: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

function run(file: string, args: string[]): string {
  const [cmd, argv] = asOwner(file, args);
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: tmpdir() });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${[cmd, ...argv].join(' ')} failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function makeDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'episode-bot-pg-'));
  if (process.getuid?.() === 0) {
    let ids: number[];
    try {
      ids = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })));
    } catch {
      rmSync(dir, { recursive: true, force: true });
      throw new Error('running as root, the server must run as the postgres user (runuser -u postgres), and there is none');
    }
    chownSync(dir, ids[0]!, ids[1]!);
  }
  return dir;
}

function initdb(bin: string, data: string, extra: readonly string[] = []): void {
  const base = ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions', ...extra];
  try {
    // C.UTF-8: byte order collation, Unicode character classes (lower(), the text search parser).
    run(join(bin, 'initdb'), [...base, '--locale=C.UTF-8']);
  } catch {
    rmSync(data, { recursive: true, force: true });
    run(join(bin, 'initdb'), base);
  }
}

/** Starts the detached watchdog: when process `pid` is gone, stop the server and remove `dir`. */
function watchdog(pgCtl: string, data: string, dir: string): number | undefined {
  const [cmd, argv] = asOwner(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
  const stop = [cmd, ...argv].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `while kill -0 ${process.pid} 2>/dev/null && [ -d '${data}' ]; do sleep 0.5; done; [ -d '${data}' ] && { ${stop} >/dev/null 2>&1; rm -rf '${dir}'; }`;
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid;
}

/**
 * Creates and starts a throwaway cluster on a free loopback port; throws with
 * the server's log when it cannot. With `options.seed`, the cluster starts
 * from a copy of a data directory made once (initdb, then `seed.prepare`)
 * and kept in the temporary directory, named by the server's version and
 * `seed.key`: a copy starts in a fraction of initdb's time.
 */
export async function startCluster(binaries: { bin: string; version: string }, options: ClusterOptions = {}): Promise<Cluster> {
  try {
    return await startOnce(binaries, options);
  } catch (err) {
    if (!options.seed) throw err;
    // A damaged copy kept from an earlier run: make it again, once.
    rmSync(seedDirectory(binaries, options.seed), { recursive: true, force: true });
    return startOnce(binaries, options);
  }
}

async function startOnce(binaries: { bin: string; version: string }, options: ClusterOptions): Promise<Cluster> {
  const dir = makeDirectory();
  try {
    if (options.seed) run('cp', ['-a', await seededData(binaries, options.seed), join(dir, 'data')]);
    else initdb(binaries.bin, join(dir, 'data'), options.initdbArgs);
    return await launch(binaries, dir, options);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function launch(binaries: { bin: string; version: string }, dir: string, options: ClusterOptions): Promise<Cluster> {
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const pgCtl = join(binaries.bin, 'pg_ctl');
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    max_connections: 200,
    ...(options.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.settings,
  };
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const flags = [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
    try {
      run(pgCtl, ['-D', data, '-l', log, '-w', '-t', '30', '-o', flags, 'start']);
    } catch (err) {
      // Another process may have taken the port between freePort() and the server's bind: try another.
      if (attempt < 3) continue;
      throw new Error(`${(err as Error).message}\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : ''}`);
    }
    const dog = watchdog(pgCtl, data, dir);
    let stopped = false;
    const stop = (mode: 'immediate' | 'fast' = 'immediate', keep = false) => {
      if (stopped) return;
      stopped = true;
      try {
        run(pgCtl, ['-D', data, '-m', mode, '-w', 'stop']);
      } finally {
        if (!keep) rmSync(dir, { recursive: true, force: true });
        if (dog) tryKill(dog);
      }
    };
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, version: binaries.version, stop: () => stop(), stopCleanly: () => stop('fast', true) };
  }
}

function seedDirectory(binaries: { version: string }, seed: ClusterSeed): string {
  const id = createHash('sha1').update(`${binaries.version}\n${seed.key}\n${process.getuid?.() ?? ''}`).digest('hex').slice(0, 12);
  return join(tmpdir(), `episode-bot-pg-seed-${id}`);
}

/** The seeded data directory: kept from an earlier run, or made now (initdb, start, `prepare`, clean stop) and kept. */
async function seededData(binaries: { bin: string; version: string }, seed: ClusterSeed): Promise<string> {
  const kept = seedDirectory(binaries, seed);
  if (existsSync(join(kept, 'data', 'PG_VERSION')) && !existsSync(join(kept, 'data', 'postmaster.pid'))) return join(kept, 'data');
  // 1 MB WAL segments instead of 16: less to copy at each start.
  const fresh = await startCluster(binaries, { initdbArgs: ['--wal-segsize=1'] });
  try {
    await seed.prepare(fresh.url);
  } catch (err) {
    fresh.stop();
    throw err;
  }
  fresh.stopCleanly();
  rmSync(join(fresh.dir, 'server.log'), { force: true });
  try {
    renameSync(fresh.dir, kept);
  } catch {
    // Another run kept one first: use that.
    rmSync(fresh.dir, { recursive: true, force: true });
  }
  return join(kept, 'data');
}

function tryKill(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // Already gone: it leaves by itself once the directory is removed.
  }
}

/** Creates database `name` in the cluster at `url` with the extensions the store's migrations need (a template for test databases). */
export async function createExtensionsTemplate(url: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const db = new pg.Client({ connectionString: url.replace(/\/postgres$/, `/${name}`) });
  await db.connect();
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS unaccent');
  } finally {
    await db.end();
  }
}
