import Database from 'better-sqlite3';
import type { LivenessLock } from '../ports/liveness-lock.ts';

/**
 * An exclusive lock that the operating system drops the moment its process
 * dies, even by `kill -9` or the OOM killer: SQLite's own file lock on a small
 * side file (`<database>-announcer.lock`), taken with `BEGIN EXCLUSIVE` and
 * held until released. Whoever can take it knows that the previous holder is
 * gone. Like the database itself, it needs a local disk (every process on one
 * host); where the file cannot be opened the lock is simply unavailable.
 */
export class ProcessLock implements LivenessLock {
  private db: Database.Database | null = null;
  private held = false;
  readonly problem: string | null;

  constructor(readonly path: string) {
    try {
      this.db = new Database(path, { timeout: 0 });
      this.problem = null;
    } catch (err) {
      this.problem = (err as Error).message;
    }
  }

  async tryLock(): Promise<boolean> {
    if (this.held || !this.db) return this.held;
    try {
      this.db.exec('BEGIN EXCLUSIVE');
      this.held = true;
    } catch {
      this.held = false;
    }
    return this.held;
  }

  get locked(): boolean {
    return this.held;
  }

  async unlock(): Promise<void> {
    if (!this.held || !this.db) return;
    this.db.exec('ROLLBACK');
    this.held = false;
  }

  async close(): Promise<void> {
    await this.unlock();
    this.db?.close();
    this.db = null;
  }
}
