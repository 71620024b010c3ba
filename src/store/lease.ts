import type { Db } from './database.ts';

/**
 * A named lease in the database: only its holder does the work (polling and
 * announcing), so several processes sharing one database never announce
 * twice. The holder renews it; when a holder dies, its lease expires and
 * another process takes over.
 */
export class Lease {
  constructor(
    private readonly db: Db,
    readonly name: string,
    readonly owner: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes or renews the lease; true when this process holds it now. */
  acquire(nowMs: number): boolean {
    const result = this.db
      .prepare(
        `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE leases.owner = excluded.owner OR leases.expires_at < ?`,
      )
      .run(this.name, this.owner, nowMs + this.ttlMs, nowMs);
    return result.changes === 1;
  }

  /** Gives the lease up (at shutdown), so another process can take over at once. */
  release(): void {
    this.db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?').run(this.name, this.owner);
  }

  /** Who holds the lease and until when, if anyone. */
  holder(): { owner: string; expiresAt: number } | undefined {
    const row = this.db.prepare<[string], { owner: string; expires_at: number }>('SELECT owner, expires_at FROM leases WHERE name = ?').get(this.name);
    return row ? { owner: row.owner, expiresAt: row.expires_at } : undefined;
  }
}
