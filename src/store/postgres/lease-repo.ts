import type { Lease, LeaseFence, LeaseGrant, LeaseHolder, LeaseRepository } from '../ports/lease.ts';
import { firstRow, type PgConnection } from './connection.ts';

/** A lease row as read: its owner, epoch, and expiry in milliseconds of the database's clock. */
type Row = { owner: string; epoch: string; expires_ms: number };

const RETURNING = 'RETURNING owner, epoch, (extract(epoch FROM expires_at) * 1000)::float8 AS expires_ms';

/** Leases in PostgreSQL (table `leases`), timed by the database's clock; see {@link PgLease}. */
export class PgLeaseRepository implements LeaseRepository {
  constructor(private readonly c: PgConnection) {}

  lease(name: string, owner: string, ttlMs: number): Lease {
    return new PgLease(this.c, name, owner, ttlMs);
  }

  /** The row still has the fence's owner and epoch; locked (FOR SHARE) so that no takeover commits before the caller's transaction ends. */
  async holds(fence: LeaseFence): Promise<boolean> {
    const row = await firstRow(this.c, 'SELECT 1 FROM leases WHERE name = $1 AND owner = $2 AND epoch = $3 FOR SHARE', [fence.name, fence.owner, fence.epoch]);
    return row !== undefined;
  }
}

/**
 * A named lease shared by every process on the database: a row naming its
 * owner, its epoch and when it expires by the database's clock (`now()`), so
 * the processes' clocks never matter (`nowMs` is not used). Every change of
 * owner takes a new epoch from the sequence `lease_epochs`, so epochs only
 * grow, even across a release (the row is deleted): a fencing token that
 * {@link PgLeaseRepository.holds} checks.
 */
export class PgLease implements Lease {
  constructor(
    private readonly c: PgConnection,
    readonly name: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {}

  async acquire(): Promise<LeaseGrant | null> {
    const row = await firstRow<Row>(
      this.c,
      `INSERT INTO leases AS l (name, owner, epoch, expires_at) VALUES ($1, $2, nextval('lease_epochs'), now() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at,
         epoch = CASE WHEN l.owner = excluded.owner THEN l.epoch ELSE excluded.epoch END
       WHERE l.owner = excluded.owner OR l.expires_at < now()
       ${RETURNING}`,
      [this.name, this.owner, this.ttlMs],
    );
    return row ? grant(row) : null;
  }

  async takeOver(previousOwner: string): Promise<LeaseGrant | null> {
    const row = await firstRow<Row>(
      this.c,
      `UPDATE leases SET owner = $1, epoch = nextval('lease_epochs'), expires_at = now() + $2 * interval '1 millisecond'
       WHERE name = $3 AND owner = $4 ${RETURNING}`,
      [this.owner, this.ttlMs, this.name, previousOwner],
    );
    return row ? grant(row) : null;
  }

  async release(): Promise<void> {
    await this.c.query('DELETE FROM leases WHERE name = ANY($1::text[]) AND owner = $2', [[this.name, lockNote(this.name)], this.owner]);
  }

  async holder(): Promise<LeaseHolder | undefined> {
    const row = await firstRow<Row>(this.c, 'SELECT owner, epoch, (extract(epoch FROM expires_at) * 1000)::float8 AS expires_ms FROM leases WHERE name = $1', [this.name]);
    return row ? { owner: row.owner, expiresAt: row.expires_ms } : undefined;
  }

  async noteLock(held: boolean): Promise<void> {
    if (held) {
      await this.c.query(
        `INSERT INTO leases (name, owner, epoch, expires_at) VALUES ($1, $2, 0, '-infinity') ON CONFLICT (name) DO UPDATE SET owner = excluded.owner`,
        [lockNote(this.name), this.owner],
      );
    } else await this.c.query('DELETE FROM leases WHERE name = $1 AND owner = $2', [lockNote(this.name), this.owner]);
  }

  async lockHolder(): Promise<string | undefined> {
    return (await firstRow<{ owner: string }>(this.c, 'SELECT owner FROM leases WHERE name = $1', [lockNote(this.name)]))?.owner;
  }
}

const grant = (r: Row): LeaseGrant => ({ owner: r.owner, expiresAt: r.expires_ms, epoch: Number(r.epoch) });

/** The row naming the holder that holds the liveness lock too (as SQLite's). */
const lockNote = (name: string) => `${name}#process-lock`;
