import type pg from 'pg';
import { StoreError } from '../store-error.ts';
import type { Repositories, Store, Transaction } from '../store.ts';
import { connectPostgres, PostgresConnectError, type PostgresOptions } from './connect.ts';
import type { AtomicConnection, PgConnection, Values } from './connection.ts';
import { parseDatabaseUrl, type PostgresUrl } from './database-url.ts';
import { PgLivenessLock } from './liveness-lock.ts';
import type { ChangeVersions, StopWatching, WatchOptions } from '../ports/changes.ts';
import { watchVersions } from '../version-watch.ts';
import { ChangeListener } from './change-listener.ts';
import { migrate, SchemaError } from './migrate.ts';
import { PgTransaction } from './postgres-transaction.ts';
import { pgRepositories } from './repositories.ts';
import { storeFailure } from './store-failure.ts';
import { inTransaction } from './transaction.ts';

/** How to open a {@link PostgresStore}: client options, and where to report a pooled connection that failed while idle. */
export interface PostgresStoreOptions extends Partial<PostgresOptions> {
  onIdleError?: (err: Error) => void;
}

/** Its repositories, assigned from one object in the constructor. */
export interface PostgresStore extends Repositories {}

/**
 * The store in a PostgreSQL database (node-postgres pool). Calls outside a
 * transaction take any pooled connection; a transaction checks one out for
 * its whole work (nested transactions are savepoints), so calls beside it run
 * on other connections and never wait for it. A connection lost while running
 * never crashes the process: the pool's `error` listener reports it, calls
 * fail with a {@link StoreError} while the server is out of reach, and the
 * pool connects again on the next call.
 */
export class PostgresStore implements Store {
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;
  private readonly watches = new Set<() => Promise<void>>();

  constructor(
    readonly pool: pg.Pool,
    readonly url: PostgresUrl,
    private readonly options: Partial<PostgresOptions> = {},
  ) {
    const repos = pgRepositories(this.connection());
    Object.assign(this, repos);
  }

  /**
   * Connects (retrying an unreachable server for a bounded time) and brings
   * the schema up to date. Fails with a {@link StoreError} naming host, port
   * and database (never the password): `location` when the server cannot be
   * reached or the URL is malformed, `content` when its schema is unusable.
   */
  static async open(databaseUrl: string | PostgresUrl, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const { onIdleError, ...clientOptions } = options;
    let url: PostgresUrl;
    try {
      url = typeof databaseUrl === 'string' ? parseDatabaseUrl(databaseUrl) : databaseUrl;
    } catch (err) {
      throw new StoreError((err as Error).message, 'location');
    }
    let pool: pg.Pool;
    try {
      pool = await connectPostgres(url, clientOptions, onIdleError);
    } catch (err) {
      if (err instanceof PostgresConnectError) throw new StoreError(err.message, 'location');
      throw err;
    }
    try {
      await migrate(pool);
    } catch (err) {
      await pool.end().catch(() => {});
      if (err instanceof SchemaError) throw new StoreError(`${url.where}: ${err.message}`, 'content');
      throw new StoreError(`${url.where}: cannot prepare the database (${(err as Error).message})`, 'content');
    }
    return new PostgresStore(pool, url, clientOptions);
  }

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.track(() =>
      inTransaction(this.pool, async (client) => {
        const tx = new PgTransaction(client);
        try {
          return await work(tx);
        } finally {
          tx.end();
        }
      }),
    );
  }

  /** Resolves when the database answers (`/readyz` asks it: a process that lost the database reports not ready). */
  async ping(): Promise<void> {
    await this.track(() => this.pool.query('SELECT 1'));
  }

  /** A session advisory lock on a connection of its own (see {@link PgLivenessLock}). */
  livenessLock(name: string): PgLivenessLock {
    return new PgLivenessLock(this.url, name, this.options);
  }

  /**
   * LISTEN/NOTIFY as the nudge (a connection of its own, connected again when
   * lost), a read of the versions every `intervalMs` (default 2 s) as the
   * backstop: notifications are not durable.
   */
  watch(onChange: (versions: ChangeVersions) => void | Promise<void>, options: WatchOptions = {}): StopWatching {
    const watch = watchVersions(() => this.changes.versions(), onChange, options.intervalMs ?? 2_000);
    const listener = new ChangeListener(this.url, () => watch.nudge(), this.options);
    listener.start();
    const stop = () => {
      this.watches.delete(stop);
      watch.stop();
      return listener.stop();
    };
    this.watches.add(stop);
    return () => void stop();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.watches].map((stop) => stop()));
    await Promise.allSettled([...this.inFlight]);
    await this.pool.end();
  }

  /** Runs `call` unless the store is closed, counted as in progress until it settles; a lost server becomes a StoreError. */
  private track<T>(call: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreError(`the store (${this.url.where}) is closed, not open for calls`));
    const running = call().catch((err: unknown) => {
      throw storeFailure(err, this.url.where);
    });
    this.inFlight.add(running);
    const forget = () => this.inFlight.delete(running);
    running.then(forget, forget);
    return running;
  }

  /** Top-level calls: each statement on any pooled connection; `atomic` work in a transaction of its own. */
  private connection(): PgConnection {
    return {
      query: <R extends pg.QueryResultRow>(text: string | pg.QueryConfig, values?: Values) =>
        this.track(() => this.pool.query<R>(text as string, values as unknown[])),
      atomic: <T>(work: (c: AtomicConnection) => Promise<T>) =>
        this.track(() => inTransaction(this.pool, (client) => work(clientConnection(client)))),
      run: <T>(work: (db: pg.Pool | pg.ClientBase) => Promise<T>) => this.track(() => work(this.pool)),
    };
  }
}

/** Statements on one checked-out client, inside the transaction `atomic` opened. */
function clientConnection(client: pg.PoolClient): AtomicConnection {
  const c: AtomicConnection = {
    client,
    query: <R extends pg.QueryResultRow>(text: string | pg.QueryConfig, values?: Values) => client.query<R>(text as string, values as unknown[]),
    atomic: (work) => work(c),
    run: (work) => work(client),
  };
  return c;
}
