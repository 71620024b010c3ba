import { AsyncLocalStorage } from 'node:async_hooks';
import type { Repositories, Store, Transaction } from '../store.ts';
import type { ChangeVersions, StopWatching, WatchOptions } from '../ports/changes.ts';
import { watchVersions } from '../version-watch.ts';
import { AsyncMutex } from './async-mutex.ts';
import { runNow, type SqliteConnection } from './connection.ts';
import { openDatabase, type Db } from './database.ts';
import { SqliteLeaseRepository } from './lease-repo.ts';
import { ProcessLock } from './process-lock.ts';
import { sqliteRepositories } from './repositories.ts';
import { SqliteTransaction } from './sqlite-transaction.ts';
import { TranscriptOwners } from './transcript-owners.ts';

/** Its repositories, assigned from one object in the constructor. */
export interface SqliteStore extends Omit<Repositories, 'leases'> {}

/**
 * The store in one SQLite database (better-sqlite3, synchronous). Calls from
 * anywhere in the process take turns on the one connection: a call runs at
 * once when nothing else holds it; while a transaction is open (its work
 * may wait on other things), calls from outside it wait in line (an
 * {@link AsyncMutex}), so they are neither part of the transaction nor lost
 * when it is rolled back. Calls through the transaction's `tx` run at once.
 */
export class SqliteStore implements Store {
  readonly leases: SqliteLeaseRepository;
  private readonly mutex = new AsyncMutex();
  /** The transaction the current asynchronous context runs in, if any (to refuse calls that would wait for it forever). */
  private readonly inside = new AsyncLocalStorage<SqliteTransaction>();
  private readonly owners = new TranscriptOwners();

  constructor(readonly db: Db) {
    const connection = this.connection();
    const repos = sqliteRepositories(connection, this.owners);
    Object.assign(this, repos);
    this.leases = repos.leases;
  }

  /** Opens the database file (":memory:" for one of this process only), migrating it. */
  static open(path: string): SqliteStore {
    return new SqliteStore(openDatabase(path));
  }

  /** BEGIN IMMEDIATE (the write lock at once, so the work never fails half-way on a busy database) … COMMIT, or ROLLBACK when `work` throws. */
  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    this.refuseInside();
    await this.mutex.acquire();
    const tx = new SqliteTransaction(this.db, this.owners);
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.inside.run(tx, () => work(tx));
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        this.owners.forget();
        throw err;
      }
    } finally {
      tx.end();
      this.mutex.release();
    }
  }

  /** The process lock on `<database>-<name>.lock` beside the file; none for an in-memory database. */
  livenessLock(name: string): ProcessLock | null {
    return this.db.memory ? null : new ProcessLock(`${this.db.name}-${name}.lock`);
  }

  /** Reads the change versions every `intervalMs` (default 1 s): SQLite has no notifications between processes. */
  watch(onChange: (versions: ChangeVersions) => void | Promise<void>, options: WatchOptions = {}): StopWatching {
    return watchVersions(() => this.changes.versions(), onChange, options.intervalMs ?? 1_000).stop;
  }

  async close(): Promise<void> {
    this.refuseInside();
    await this.mutex.acquire();
    try {
      if (this.db.open) this.db.close();
    } finally {
      this.mutex.release();
    }
  }

  /** Top-level calls: at once when the connection is free, else in line behind the transaction holding it. */
  private connection(): SqliteConnection {
    return {
      run: <T>(work: (db: Db) => T): Promise<T> => {
        try {
          this.refuseInside();
        } catch (err) {
          return Promise.reject(err);
        }
        if (!this.mutex.locked) return runNow(this.db, work);
        return this.mutex.acquire().then(() => {
          try {
            return work(this.db);
          } finally {
            this.mutex.release();
          }
        });
      },
    };
  }

  /** A call on the store itself from inside its own open transaction would wait for that transaction forever: say so instead. */
  private refuseInside(): void {
    if (this.inside.getStore()?.open) {
      throw new Error('a store call inside a transaction must go through the transaction (tx), not the store: it would wait for the transaction forever');
    }
  }
}
