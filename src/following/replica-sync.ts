import type { Logger } from 'pino';
import type { Library } from '../core/search/library.ts';
import type { ChangeVersions, WatchOptions } from '../store/ports/changes.ts';
import type { Store } from '../store/store.ts';
import { EpisodeCursor } from './episode-cursor.ts';

/** What a replica keeps current from the store. */
export interface ReplicaSyncDeps {
  store: Store;
  library: Pick<Library, 'upsert' | 'transcriptsChanged'>;
  /** Whether this process leads (its own transcript queue already taught its library the words it stores). */
  leading: () => boolean;
  /** Shows were followed, removed or renamed (by any process): read the followed feeds again. */
  showsChanged: () => Promise<unknown>;
  /** A lease was given up (its holder is stopping): try to take it now rather than at the next heartbeat. */
  leaseReleased?: () => Promise<unknown>;
  log: Logger;
}

/**
 * Keeps this process's library in step with what other processes store:
 * episodes (read by change version, so a row that commits late is never
 * skipped), transcripts (the vocabulary read again) and shows followed or
 * removed. Driven by the store's watch: a notification where the engine has
 * them, a periodic read of the versions in any case.
 */
export class ReplicaSync {
  private at: ChangeVersions;
  /** The episodes caught up with (shared with the feed services, which catch up on their own schedule too). */
  readonly cursor: EpisodeCursor;
  private stopWatch: (() => void) | null = null;
  private wasLeading = false;

  /** `loaded`: the versions read before the library was loaded from the store (what it holds already). */
  constructor(private readonly deps: ReplicaSyncDeps, loaded: ChangeVersions) {
    this.at = { ...loaded };
    this.cursor = new EpisodeCursor(deps.store.episodes, deps.library, loaded.episodes);
  }

  /** The versions this process has caught up with. */
  get versions(): ChangeVersions {
    return { ...this.at };
  }

  /** Starts watching the store. */
  start(options: WatchOptions = {}): void {
    this.stopWatch ??= this.deps.store.watch((versions) => this.apply(versions), options);
  }

  stop(): void {
    this.stopWatch?.();
    this.stopWatch = null;
  }

  /** Catches up with `versions` (failures are logged; the next change or read tries again). */
  async apply(versions: ChangeVersions): Promise<void> {
    try {
      if (versions.leases !== this.at.leases) {
        this.at.leases = versions.leases;
        await this.deps.leaseReleased?.();
      }
      if (versions.episodes !== this.at.episodes) {
        await this.cursor.catchUp();
        this.at.episodes = this.cursor.at;
      }
      const leading = this.deps.leading();
      if (versions.transcripts !== this.at.transcripts) {
        // A process that has led since the last read wrote these itself (its vocabulary learned them as it did).
        if (!(leading && this.wasLeading)) await this.deps.library.transcriptsChanged();
        this.at.transcripts = versions.transcripts;
      }
      this.wasLeading = leading;
      if (versions.shows !== this.at.shows) {
        await this.deps.showsChanged();
        this.at.shows = versions.shows;
      }
    } catch (err) {
      this.deps.log.error({ err }, 'could not read what another process stored');
    }
  }
}
