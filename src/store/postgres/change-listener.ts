import pg from 'pg';
import { DEFAULT_POSTGRES_OPTIONS, type PostgresOptions } from './connect.ts';
import type { PostgresUrl } from './database-url.ts';

/** The channel the store's triggers notify at every change (see migration 4). */
export const CHANGES_CHANNEL = 'episode_bot_changes';

/** How long the listener waits before connecting again after its connection was lost: doubling from 0.5 s to 5 s. */
const RETRY_MS = [500, 1_000, 2_000, 5_000];

/**
 * LISTEN on {@link CHANGES_CHANNEL} on a connection of its own (a pooled one
 * would be handed to other work), calling `nudge` on every notification and
 * whenever it (re)connects, since notifications sent while it was away are
 * lost: they are a nudge, never the record. A lost connection is opened again
 * (after a pause that grows to 5 s) until {@link stop}.
 */
export class ChangeListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: PostgresUrl,
    private readonly nudge: () => void,
    private readonly options: Partial<PostgresOptions> = {},
  ) {}

  /** Connects and listens (in the background: a failure is retried, never thrown). */
  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const o = { ...DEFAULT_POSTGRES_OPTIONS, ...this.options };
    const client = new pg.Client({
      connectionString: this.url.connectionString,
      application_name: `${o.applicationName} (change listener)`,
      keepAlive: true,
      keepAliveInitialDelayMillis: o.keepAliveInitialDelayMs,
      connectionTimeoutMillis: o.connectTimeoutMs,
    });
    client.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL) this.nudge();
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch {
      this.lost(client);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.failures = 0;
    this.nudge(); // what changed while not listening
  }

  /** Forgets a connection that failed or ended, and connects again after a pause. */
  private lost(client: pg.Client): void {
    if (this.client === client) this.client = null;
    else if (this.client !== null) return;
    void client.end().catch(() => {});
    if (this.stopped || this.retry) return;
    const wait = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]!;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, wait);
    this.retry.unref?.();
  }
}
