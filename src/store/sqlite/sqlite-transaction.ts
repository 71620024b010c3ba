import type { Repositories, Transaction } from '../store.ts';
import { runNow, type SqliteConnection } from './connection.ts';
import type { Db } from './database.ts';
import { sqliteRepositories } from './repositories.ts';
import type { TranscriptOwners } from './transcript-owners.ts';

/** Its repositories, assigned from one object in the constructor. */
export interface SqliteTransaction extends Repositories {}

/**
 * The repositories inside one open SQLite transaction: their calls run at
 * once on the connection the transaction holds. Nested transactions are
 * savepoints. Once the transaction is over, calls through it fail.
 */
export class SqliteTransaction implements Transaction {
  private depth = 0;
  private ended = false;

  constructor(
    private readonly db: Db,
    private readonly owners: TranscriptOwners,
  ) {
    const connection: SqliteConnection = {
      run: (work) => (this.ended ? Promise.reject(new Error('the transaction is over: its tx can no longer be used')) : runNow(db, work)),
    };
    const repos = sqliteRepositories(connection, owners);
    Object.assign(this, repos);
  }

  /** Whether the transaction is still open. */
  get open(): boolean {
    return !this.ended;
  }

  /** A savepoint: `work` is kept, or undone alone when it throws (the error is passed on). */
  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    if (this.ended) throw new Error('the transaction is over: its tx can no longer be used');
    const name = `nested_${++this.depth}`;
    this.db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(this);
      this.db.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      this.db.exec(`ROLLBACK TO ${name}`);
      this.db.exec(`RELEASE ${name}`);
      this.owners.forget();
      throw err;
    } finally {
      this.depth--;
    }
  }

  /** Marks the transaction over (committed or rolled back). */
  end(): void {
    this.ended = true;
  }
}
