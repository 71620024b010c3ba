import type { Library } from '../core/search/library.ts';
import type { EpisodeRepository } from '../store/ports/episodes.ts';

/**
 * Where a process stands in the stored episodes: the change version its
 * library has caught up with. Catching up reads the episodes changed after
 * it (versions follow commit order: a row that commits late, whatever its
 * timestamps, has a version above the cursor) into the library. Catch-ups
 * run one at a time.
 */
export class EpisodeCursor {
  private last: Promise<unknown> = Promise.resolve();

  /** `version`: what the library holds already (0: nothing from the store). */
  constructor(
    private readonly episodes: Pick<EpisodeRepository, 'changedAfter'>,
    private readonly library: Pick<Library, 'upsert'>,
    private version = 0,
  ) {}

  /** The change version caught up with. */
  get at(): number {
    return this.version;
  }

  /** Reads the episodes changed since the last catch-up into the library (upserting one already there changes nothing). */
  catchUp(): Promise<void> {
    const run = this.last.then(async () => {
      const { episodes, version } = await this.episodes.changedAfter(this.version);
      if (episodes.length > 0) await this.library.upsert(episodes);
      this.version = version;
    });
    this.last = run.catch(() => undefined);
    return run;
  }
}
