import pg from 'pg';
import { hidePassword, type PostgresUrl } from './database-url.ts';

/**
 * How the bot talks to PostgreSQL; every field has a default
 * ({@link DEFAULT_POSTGRES_OPTIONS}). Times in milliseconds.
 */
export interface PostgresOptions {
  /** Shown in `pg_stat_activity`, so an operator sees which connections are the bot's (a URL's `application_name` wins). */
  applicationName: string;
  /** Connections in the pool. */
  maxConnections: number;
  /** TCP keepalive's first probe after this much silence (the interval and count of probes are the OS's). */
  keepAliveInitialDelayMs: number;
  /** The server cancels a statement running longer (its error names the timeout). */
  statementTimeoutMs: number;
  /** The client gives up on a query whose answer does not come (a dead connection the server cannot cancel on). */
  queryTimeoutMs: number;
  /** The server cancels a statement waiting longer for a lock. */
  lockTimeoutMs: number;
  /** The server ends a session idle inside a transaction this long (a frozen process), releasing its locks. */
  idleInTransactionTimeoutMs: number;
  /** One connection attempt (TCP, TLS, start-up), or a wait for a free pooled connection, fails after this. */
  connectTimeoutMs: number;
  /** A pooled connection unused this long is closed. */
  idleTimeoutMs: number;
  /** At start, an unreachable server is tried again for this long before the start fails. */
  startupRetryMs: number;
}

/** The defaults, and why: answers need milliseconds, so a statement taking seconds is a fault to report, not to wait for. */
export const DEFAULT_POSTGRES_OPTIONS: Readonly<PostgresOptions> = Object.freeze({
  applicationName: 'episode-bot',
  maxConnections: 10,
  keepAliveInitialDelayMs: 10_000,
  statementTimeoutMs: 15_000,
  // Longer than statementTimeoutMs, so that the server's cancel (a clear error, the connection kept) normally comes first.
  queryTimeoutMs: 20_000,
  lockTimeoutMs: 10_000,
  idleInTransactionTimeoutMs: 15_000,
  connectTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  startupRetryMs: 30_000,
});

/** The server could not be reached (or refused the connection) at start; the message names host, port and database, never the password. */
export class PostgresConnectError extends Error {
  override readonly name = 'PostgresConnectError';
}

/**
 * A pool with the bot's client options. An idle pooled connection that fails
 * (server restart, network loss) is reported to `onIdleError` and replaced on
 * next use: the `error` listener means it never crashes the process.
 */
export function createPool(url: PostgresUrl, options: Partial<PostgresOptions> = {}, onIdleError: (err: Error) => void = () => {}): pg.Pool {
  const o = { ...DEFAULT_POSTGRES_OPTIONS, ...options };
  const pool = new pg.Pool({
    connectionString: url.connectionString,
    application_name: o.applicationName,
    max: o.maxConnections,
    keepAlive: true,
    keepAliveInitialDelayMillis: o.keepAliveInitialDelayMs,
    statement_timeout: o.statementTimeoutMs,
    query_timeout: o.queryTimeoutMs,
    lock_timeout: o.lockTimeoutMs,
    idle_in_transaction_session_timeout: o.idleInTransactionTimeoutMs,
    connectionTimeoutMillis: o.connectTimeoutMs,
    idleTimeoutMillis: o.idleTimeoutMs,
  });
  pool.on('error', (err) => onIdleError(err));
  return pool;
}

/**
 * Opens the pool and checks the server answers. A server that cannot be
 * reached yet (refused, timed out, starting up, too many connections) is
 * tried again, waits doubling from 250 ms to 2 s, for `startupRetryMs`;
 * then, or at once for an error that waiting cannot fix (authentication, no
 * such database, TLS refused), the pool is closed and a
 * {@link PostgresConnectError} names where it tried and why.
 */
export async function connectPostgres(
  url: PostgresUrl,
  options: Partial<PostgresOptions> = {},
  onIdleError: (err: Error) => void = () => {},
): Promise<pg.Pool> {
  const o = { ...DEFAULT_POSTGRES_OPTIONS, ...options };
  const pool = createPool(url, o, onIdleError);
  const started = Date.now();
  let attempts = 0;
  for (let wait = 250; ; wait = Math.min(wait * 2, 2_000)) {
    attempts++;
    try {
      await pool.query('SELECT 1');
      return pool;
    } catch (err) {
      const elapsed = Date.now() - started;
      const remaining = o.startupRetryMs - elapsed;
      if (!transient(err) || remaining <= 0) {
        await pool.end().catch(() => {});
        const tried = attempts === 1 ? '' : `, after ${attempts} attempts in ${(elapsed / 1000).toFixed(1)} s`;
        throw new PostgresConnectError(
          `cannot connect to PostgreSQL at ${url.where} (DATABASE_URL): ${describe(err, url)}${tried}; check DATABASE_URL and that the server is running and reachable`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, remaining)));
    }
  }
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE']);

/** Whether waiting may help: the server not (yet) reachable or accepting connections. */
function transient(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (e.code && TRANSIENT_CODES.has(e.code)) return true;
  // 57P03: starting up or shutting down; 53300: too many connections; 08xxx: connection exceptions.
  if (e.code === '57P03' || e.code === '53300' || e.code?.startsWith('08')) return true;
  return /timeout|terminated unexpectedly|Connection terminated/i.test(e.message ?? '');
}

/** The cause in words, without the password (node-postgres's messages hold none, but a URL could be echoed). */
function describe(err: unknown, url: PostgresUrl): string {
  const e = err as { code?: string; message?: string; errors?: Array<{ message: string }> };
  let text = e.errors?.length ? e.errors.map((x) => x.message).join('; ') : (e.message ?? String(err));
  if (e.code === 'ECONNREFUSED') text = 'connection refused (ECONNREFUSED)';
  else if (e.code && !text.includes(e.code)) text += ` (${e.code})`;
  return hidePassword(text, url.connectionString);
}
