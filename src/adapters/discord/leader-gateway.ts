import { REST } from 'discord.js';
import type { Logger } from 'pino';
import type { AnnouncementTarget } from '../../announcing/announcement-target.ts';
import type { ChatAdapter } from '../adapter.ts';
import { discordAnnouncementTarget } from './announcement-target.ts';
import type { DiscordAdapter } from './discord-adapter.ts';

/** How often the gateway checks whether this process leads. */
const CHECK_MS = 250;

/** What a leader-only gateway needs. */
export interface LeaderGatewayOptions {
  /** A fresh gateway adapter (a new discord.js client for every term as leader). */
  create: () => DiscordAdapter;
  /** Bot token and REST base, for announcements over REST whether or not the gateway is connected. */
  token: string;
  apiUrl?: string;
  log: Logger;
}

/**
 * Discord's gateway held only by the process that leads: Discord allows one
 * session per shard, so with several processes in gateway mode (no
 * `DISCORD_PUBLIC_KEY`) the gateway is not replicated but follows the
 * announcer lease. `start()` connects nothing; {@link followLeadership}
 * connects when this process becomes the leader and disconnects when it stops
 * leading (interactions then reach the new leader's session). Announcements
 * go over REST and need no gateway.
 */
export class LeaderGateway implements ChatAdapter {
  readonly name = 'discord';
  readonly mode = 'gateway';
  readonly announcementTarget: AnnouncementTarget;
  private current: DiscordAdapter | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Connections and disconnections, one at a time. */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LeaderGatewayOptions) {
    this.announcementTarget = discordAnnouncementTarget(new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token));
  }

  /** Whether the gateway is connected (this process leads). */
  get connected(): boolean {
    return this.current !== null;
  }

  /** Nothing to do before leadership is known: see {@link followLeadership}. */
  async start(): Promise<void> {}

  /**
   * Connects while `leading()` says this process leads, disconnects when it
   * no longer does, checking every 250 ms. `onFailure` hears of a connection
   * that failed (bad token, network): the caller decides whether to stop.
   */
  followLeadership(leading: () => boolean, onFailure: (err: unknown) => void): void {
    if (this.timer) return;
    const check = () => {
      this.turn = this.turn.then(() => this.align(leading(), onFailure));
    };
    this.timer = setInterval(check, CHECK_MS);
    this.timer.unref?.();
    check();
  }

  drain(timeoutMs: number): Promise<boolean> {
    return this.current?.drain?.(timeoutMs) ?? Promise.resolve(true);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.turn;
    await this.disconnect();
  }

  private async align(leading: boolean, onFailure: (err: unknown) => void): Promise<void> {
    if (leading && !this.current) {
      const adapter = this.options.create();
      try {
        await adapter.start();
      } catch (err) {
        await adapter.stop().catch(() => {});
        onFailure(err);
        return;
      }
      this.current = adapter;
      this.options.log.info('this process leads: connected to the Discord gateway');
    } else if (!leading && this.current) {
      this.options.log.info('this process no longer leads: leaving the Discord gateway to the leader');
      await this.disconnect();
    }
  }

  private async disconnect(): Promise<void> {
    const adapter = this.current;
    this.current = null;
    if (!adapter) return;
    await adapter.drain?.(2_000).catch(() => false);
    await adapter.stop().catch((err: unknown) => this.options.log.warn({ err }, 'the Discord gateway did not close cleanly'));
  }
}
