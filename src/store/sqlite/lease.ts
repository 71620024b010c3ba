import type { Db } from './database.ts';

/**
 * A named lease in the database: only its holder does the work (polling and
 * announcing), so several processes sharing one database never announce
 * twice. The holder renews it well before it expires; when a holder dies, its
 * lease expires and another process takes over (see announcer/leadership.ts
 * for the heartbeat and the faster takeover from a holder known to be dead).
 */
export class Lease {
  constructor(
    private readonly db: Db,
    readonly name: string,
    readonly owner: string,
    readonly ttlMs: number,
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

  /** Takes the lease from `previousOwner`, expired or not (the caller knows it is dead); false if someone else holds it now. */
  takeOver(previousOwner: string, nowMs: number): boolean {
    return this.db.prepare('UPDATE leases SET owner = ?, expires_at = ? WHERE name = ? AND owner = ?').run(this.owner, nowMs + this.ttlMs, this.name, previousOwner).changes === 1;
  }

  /** Gives the lease up (at shutdown), so another process can take over at once. */
  release(): void {
    this.db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?').run(this.name, this.owner);
    this.db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?').run(lockNote(this.name), this.owner);
  }

  /** Who holds the lease and until when, if anyone. */
  holder(): { owner: string; expiresAt: number } | undefined {
    return this.row(this.name);
  }

  /** Notes that this holder also holds the process lock (`true`), or not; see `lockHolder`. */
  noteLock(held: boolean): void {
    if (held) this.db.prepare('INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, 0) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner').run(lockNote(this.name), this.owner);
    else this.db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?').run(lockNote(this.name), this.owner);
  }

  /** The last holder noted as holding the process lock, if any. */
  lockHolder(): string | undefined {
    return this.row(lockNote(this.name))?.owner;
  }

  private row(name: string): { owner: string; expiresAt: number } | undefined {
    const row = this.db.prepare<[string], { owner: string; expires_at: number }>('SELECT owner, expires_at FROM leases WHERE name = ?').get(name);
    return row ? { owner: row.owner, expiresAt: row.expires_at } : undefined;
  }
}

/** The row (in the same table, so no schema change) naming the holder that holds the process lock too. */
const lockNote = (name: string) => `${name}#process-lock`;
