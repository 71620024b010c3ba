/**
 * A throwaway PostgreSQL cluster on loopback, for tests and benchmarks: found
 * through `pg_config --bindir` (else the newest `/usr/lib/postgresql/N/bin`),
 * created with `initdb` in a temporary directory and started with `pg_ctl`, as
 * the `postgres` user when this process runs as root (the server refuses to run
 * as root), as the current user otherwise. A detached watchdog stops and
 * removes it if this process dies without stopping it (kill -9, Ctrl-C).
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
}

/** Options of {@link startCluster}. */
export interface ClusterOptions {
  /** Keep fsync, synchronous_commit and full_page_writes on (benchmarks of ingestion); off by default (tests). */
  durable?: boolean;
  /** Extra `-c name=value` server settings. */
  settings?: Record<string, string | number>;
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
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  return dir;
}

function initdb(bin: string, data: string): void {
  const base = ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'];
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

/** Creates and starts a throwaway cluster on a free loopback port; throws with the server's log when it cannot. */
export async function startCluster(binaries: { bin: string; version: string }, options: ClusterOptions = {}): Promise<Cluster> {
  const dir = makeDirectory();
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const pgCtl = join(binaries.bin, 'pg_ctl');
  try {
    initdb(binaries.bin, data);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
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
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`${(err as Error).message}\n${serverLog}`);
    }
    const dog = watchdog(pgCtl, data, dir);
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      try {
        run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
        if (dog) tryKill(dog);
      }
    };
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, version: binaries.version, stop };
  }
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
