import type pg from 'pg';
import type { Repositories, Transaction } from '../store.ts';
import type { AtomicConnection, Values } from './connection.ts';
import { pgRepositories } from './repositories.ts';

/** Its repositories, assigned from one object in the constructor. */
export interface PgTransaction extends Repositories {}

/**
 * The repositories inside one open PostgreSQL transaction: every call runs on
 * the one client the transaction checked out. Nested transactions are
 * savepoints. Once the transaction is over, calls through it fail.
 */
export class PgTransaction implements Transaction {
  private depth = 0;
  private ended = false;

  constructor(private readonly client: pg.ClientBase) {
    const repos = pgRepositories(this.connection());
    Object.assign(this, repos);
  }

  /** A savepoint: `work` is kept, or undone alone when it throws (the error is passed on). */
  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    this.refuseEnded();
    const name = `nested_${++this.depth}`;
    await this.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await work(this);
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      throw err;
    } finally {
      this.depth--;
    }
  }

  /** Marks the transaction over (committed or rolled back). */
  end(): void {
    this.ended = true;
  }

  private refuseEnded(): void {
    if (this.ended) throw new Error('the transaction is over: its tx can no longer be used');
  }

  private connection(): AtomicConnection {
    const c: AtomicConnection = {
      client: this.client,
      query: <R extends pg.QueryResultRow>(text: string | pg.QueryConfig, values?: Values) => {
        try {
          this.refuseEnded();
        } catch (err) {
          return Promise.reject(err);
        }
        return this.client.query<R>(text as string, values as unknown[]);
      },
      // Already one transaction: its statements are part of it.
      atomic: async (work) => {
        this.refuseEnded();
        return work(c);
      },
      run: async (work) => {
        this.refuseEnded();
        return work(this.client);
      },
    };
    return c;
  }
}
