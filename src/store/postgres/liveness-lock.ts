import pg from 'pg';
import type { LivenessLock } from '../ports/liveness-lock.ts';
import { DEFAULT_POSTGRES_OPTIONS, type PostgresOptions } from './connect.ts';
import type { PostgresUrl } from './database-url.ts';

/** The first key of every liveness lock (two-key advisory locks, apart from the one-key locks of migrate.ts): "epis" in ASCII. */
const LOCK_SPACE = 0x6570_6973;

/**
 * A liveness lock in PostgreSQL: a session advisory lock
 * (`pg_try_advisory_lock(LOCK_SPACE, hashtext(name))`) held on a connection
 * of its own, outside the pool's rotation, kept open while this process holds
 * the lock. The server drops the lock when the session ends: when the process
 * dies (even by `kill -9`, the socket closes) or its connection is lost (TCP
 * keepalive finds a silent peer). A lost connection is reported as not
 * locked; the next {@link tryLock} connects again.
 */
export class PgLivenessLock implements LivenessLock {
  readonly problem: string | null = null;
  private client: pg.Client | null = null;
  private held = false;

  constructor(
    private readonly url: PostgresUrl,
    readonly name: string,
    private readonly options: Partial<PostgresOptions> = {},
  ) {}

  get locked(): boolean {
    return this.held;
  }

  async tryLock(): Promise<boolean> {
    if (this.held) return true;
    try {
      const client = await this.connected();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [LOCK_SPACE, this.name]);
      this.held = rows[0]!.locked;
    } catch {
      this.drop();
    }
    return this.held;
  }

  async unlock(): Promise<void> {
    if (!this.held || !this.client) return;
    this.held = false;
    await this.client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACE, this.name]).catch(() => this.drop());
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held = false;
    await client?.end().catch(() => {});
  }

  /** The lock's own connection: opened when first needed, again after it was lost. */
  private async connected(): Promise<pg.Client> {
    if (this.client) return this.client;
    const o = { ...DEFAULT_POSTGRES_OPTIONS, ...this.options };
    const client = new pg.Client({
      connectionString: this.url.connectionString,
      application_name: `${o.applicationName} (liveness lock)`,
      keepAlive: true,
      keepAliveInitialDelayMillis: o.keepAliveInitialDelayMs,
      connectionTimeoutMillis: o.connectTimeoutMs,
      statement_timeout: o.statementTimeoutMs,
      query_timeout: o.queryTimeoutMs,
    });
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    await client.connect();
    this.client = client;
    return client;
  }

  /** Forgets a connection that failed or ended: its session, and the lock with it, is gone. */
  private drop(client: pg.Client | null = this.client): void {
    if (client !== this.client) return;
    this.held = false;
    this.client = null;
    client?.end().catch(() => {});
  }
}
