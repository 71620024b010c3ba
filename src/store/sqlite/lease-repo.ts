import type { Lease, LeaseFence, LeaseGrant, LeaseHolder, LeaseRepository } from '../ports/lease.ts';
import type { SqliteConnection } from './connection.ts';
import type { Db } from './database.ts';

/** Leases in SQLite (table `leases`), timed by the callers' clock; see {@link SqliteLease}. */
export class SqliteLeaseRepository implements LeaseRepository {
  constructor(private readonly c: SqliteConnection) {}

  lease(name: string, owner: string, ttlMs: number): Lease {
    return new SqliteLease(this.c, name, owner, ttlMs);
  }

  /** The lease row still names the fence's owner (epochs are all 0 here). */
  holds(fence: LeaseFence): Promise<boolean> {
    return this.c.run((db) => rowOf(db, fence.name)?.owner === fence.owner);
  }
}

/**
 * A named lease in one SQLite database, shared by the processes of one host:
 * a row naming its owner and when it expires. The holder renews it well
 * before it expires; when a holder dies, its lease expires and another process
 * takes over (see src/following/leadership.ts for the heartbeat and the
 * faster takeover from a holder known to be dead). Grants carry epoch 0: the
 * processes share the host and its disk, and no write checks a fencing token.
 */
export class SqliteLease implements Lease {
  constructor(
    private readonly c: SqliteConnection,
    readonly name: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {}

  acquire(nowMs: number): Promise<LeaseGrant | null> {
    return this.c.run((db) => {
      const result = db
        .prepare(
          `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
           WHERE leases.owner = excluded.owner OR leases.expires_at < ?`,
        )
        .run(this.name, this.owner, nowMs + this.ttlMs, nowMs);
      return result.changes === 1 ? this.grant(nowMs) : null;
    });
  }

  takeOver(previousOwner: string, nowMs: number): Promise<LeaseGrant | null> {
    return this.c.run((db) => {
      const changes = db.prepare('UPDATE leases SET owner = ?, expires_at = ? WHERE name = ? AND owner = ?').run(this.owner, nowMs + this.ttlMs, this.name, previousOwner).changes;
      return changes === 1 ? this.grant(nowMs) : null;
    });
  }

  release(): Promise<void> {
    return this.c.run((db) => {
      db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?').run(this.name, this.owner);
      db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?').run(lockNote(this.name), this.owner);
    });
  }

  holder(): Promise<LeaseHolder | undefined> {
    return this.c.run((db) => rowOf(db, this.name));
  }

  noteLock(held: boolean): Promise<void> {
    return this.c.run((db) => {
      if (held) db.prepare('INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, 0) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner').run(lockNote(this.name), this.owner);
      else db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?').run(lockNote(this.name), this.owner);
    });
  }

  lockHolder(): Promise<string | undefined> {
    return this.c.run((db) => rowOf(db, lockNote(this.name))?.owner);
  }

  private grant(nowMs: number): LeaseGrant {
    return { owner: this.owner, expiresAt: nowMs + this.ttlMs, epoch: 0 };
  }
}

function rowOf(db: Db, name: string): LeaseHolder | undefined {
  const row = db.prepare<[string], { owner: string; expires_at: number }>('SELECT owner, expires_at FROM leases WHERE name = ?').get(name);
  return row ? { owner: row.owner, expiresAt: row.expires_at } : undefined;
}

/** The row (in the same table, so no schema change) naming the holder that holds the liveness lock too. */
const lockNote = (name: string) => `${name}#process-lock`;
