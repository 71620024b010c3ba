import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { connectPostgres, PostgresConnectError } from '../../../../src/store/postgres/connect.ts';
import { parseDatabaseUrl } from '../../../../src/store/postgres/database-url.ts';
import { inTransaction } from '../../../../src/store/postgres/transaction.ts';
import { freePort } from '../../../helpers/postgres/cluster.ts';
import { describePostgres, useTestDatabase, withDatabase } from '../../../helpers/postgres/database.ts';

/** A TCP proxy to `target` that starts listening on `port` only after `delayMs` (a server still starting). */
function lateProxy(port: number, target: number, delayMs: number): { close(): void } {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const timer = setTimeout(() => {
    server = createServer((client) => {
      const upstream = tcpConnect(target, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => s.destroy());
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
    }).listen(port, '127.0.0.1');
  }, delayMs);
  return {
    close() {
      clearTimeout(timer);
      for (const s of sockets) s.destroy();
      server?.close();
    },
  };
}

describePostgres('PostgreSQL connection', () => {
  const database = useTestDatabase();
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  const settings = async (pool: pg.Pool) =>
    (
      await pool.query<Record<string, string>>(
        `SELECT current_setting('application_name') AS app, current_setting('statement_timeout') AS statement,
           current_setting('lock_timeout') AS lock, current_setting('idle_in_transaction_session_timeout') AS idle`,
      )
    ).rows[0];

  it('opens a pool with the bot\'s name and server-side timeouts', async () => {
    const pool = await connectPostgres(parseDatabaseUrl(database.url));
    cleanup.push(() => pool.end());
    expect(await settings(pool)).toEqual({ app: 'episode-bot', statement: '15s', lock: '10s', idle: '15s' });
    const timedOut = await pool.query({ text: 'SET statement_timeout = 50; SELECT pg_sleep(1)' }).catch((e: Error) => e);
    expect((timedOut as Error).message).toBe('canceling statement due to statement timeout');
  });

  it('an idle pooled connection killed by the server is reported, never crashes the process, and is replaced', async () => {
    const errors: Error[] = [];
    const pool = await connectPostgres(parseDatabaseUrl(database.url), {}, (err) => errors.push(err));
    cleanup.push(() => pool.end());
    const pid = (await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    cleanup.push(() => admin.end());
    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect.poll(() => errors.length, { timeout: 5_000 }).toBe(1);
    expect(errors[0]!.message).toMatch(/terminat/);
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
  });

  it('a connection killed inside a transaction fails that transaction only, and the pool goes on', async () => {
    const pool = await connectPostgres(parseDatabaseUrl(database.url), { maxConnections: 1 });
    cleanup.push(() => pool.end());
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    cleanup.push(() => admin.end());
    const failed = await inTransaction(pool, async (tx) => {
      const pid = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((resolve) => setTimeout(resolve, 200)); // the error event arrives while the transaction holds the connection
      await tx.query('SELECT 1');
    }).catch((e: Error) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(await inTransaction(pool, async (tx) => (await tx.query<{ n: number }>('SELECT 2 AS n')).rows[0]!.n)).toBe(2);
  });

  it('retries a server that is not listening yet, and connects once it is', async () => {
    const port = await freePort();
    const proxy = lateProxy(port, new URL(database.url).port ? Number(new URL(database.url).port) : 5432, 900);
    cleanup.push(() => proxy.close());
    const url = new URL(database.url);
    url.port = String(port);
    const started = Date.now();
    const pool = await connectPostgres(parseDatabaseUrl(url.toString()), { startupRetryMs: 10_000 });
    cleanup.push(() => pool.end());
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
  });

  it('gives up on a closed port after the retry window, naming host and port, never the password', async () => {
    const port = await freePort();
    const started = Date.now();
    const error = await connectPostgres(parseDatabaseUrl(`postgres://bot:hunter2@127.0.0.1:${port}/episodes`), { startupRetryMs: 1_500 }).catch((e: Error) => e);
    const took = Date.now() - started;
    expect(error).toBeInstanceOf(PostgresConnectError);
    expect((error as Error).message).toMatch(
      new RegExp(`^cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/episodes \\(DATABASE_URL\\): connection refused \\(ECONNREFUSED\\), after [4-9] attempts in 1\\.\\d s; check DATABASE_URL`),
    );
    expect((error as Error).message).not.toContain('hunter2');
    expect(took).toBeGreaterThanOrEqual(1_000);
    expect(took).toBeLessThan(3_000);
  });

  it('does not wait on an error that waiting cannot fix (no such database)', async () => {
    const started = Date.now();
    const error = await connectPostgres(parseDatabaseUrl(withDatabase(database.url, 'no_such_database')), { startupRetryMs: 20_000 }).catch((e: Error) => e);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((error as Error).message).toMatch(/^cannot connect to PostgreSQL at 127\.0\.0\.1:\d+\/no_such_database \(DATABASE_URL\): database "no_such_database" does not exist \(3D000\); check/);
  });
});
