/** Who holds a lease, and until when (milliseconds since the epoch). */
export interface LeaseHolder {
  owner: string;
  expiresAt: number;
}

/**
 * Proof of holding a lease, as {@link Lease.acquire} grants it. `epoch` is a
 * fencing token: it grows whenever the lease changes hands, so a write made
 * on behalf of an older holder can be refused ({@link LeaseRepository.holds}).
 * SQLite's single-host lease grants epoch 0 and fences by owner alone;
 * PostgreSQL numbers them from a sequence.
 */
export interface LeaseGrant extends LeaseHolder {
  epoch: number;
}

/**
 * A named lease held by one owner (this process): only its holder does the
 * work (polling and announcing), so several processes sharing one store never
 * announce twice. Times are milliseconds since the epoch; an engine with a
 * clock of its own may time leases by it instead of `nowMs`.
 */
export interface Lease {
  readonly name: string;
  readonly owner: string;
  readonly ttlMs: number;
  /** Takes or renews the lease; the grant when this owner holds it now, else null. */
  acquire(nowMs: number): Promise<LeaseGrant | null>;
  /** Takes the lease from `previousOwner`, expired or not (the caller knows it is dead); null if someone else holds it now. */
  takeOver(previousOwner: string, nowMs: number): Promise<LeaseGrant | null>;
  /** Gives the lease up (at shutdown), so another process can take over at once. */
  release(): Promise<void>;
  /** Who holds the lease and until when, if anyone. */
  holder(): Promise<LeaseHolder | undefined>;
  /** Notes that this owner also holds the lease's liveness lock (`true`), or not; see {@link lockHolder}. */
  noteLock(held: boolean): Promise<void>;
  /** The last owner noted as holding the liveness lock, if any. */
  lockHolder(): Promise<string | undefined>;
}

/** What a write on behalf of a lease holder is checked against: the lease, its holder and the epoch it was granted. */
export interface LeaseFence {
  name: string;
  owner: string;
  epoch: number;
}

/** The store's leases. */
export interface LeaseRepository {
  /** The lease `name` as held (or wanted) by `owner`, lasting `ttlMs` without renewal. */
  lease(name: string, owner: string, ttlMs: number): Lease;
  /**
   * Whether `fence` is still the lease's current grant (its holder has not
   * changed since). Called through a transaction's `leases`, the answer holds
   * until the transaction ends: the lease cannot change hands meanwhile
   * (PostgreSQL locks its row; SQLite's write lock is held). Used to refuse
   * the ledger writes of a former holder that was frozen while another took over.
   * SQLite grants epoch 0 and checks the owner alone; PostgreSQL checks the epoch too.
   */
  holds(fence: LeaseFence): Promise<boolean>;
}
