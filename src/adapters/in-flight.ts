/**
 * The answers an adapter is still working on, so that a shutdown lets them
 * finish: `track` each one, then `drain` before closing.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** How many answers are in progress. */
  get size(): number {
    return this.pending.size;
  }

  /** Counts `work` as in flight until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    const entry = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(entry);
    void entry.then(() => this.pending.delete(entry));
    return work;
  }

  /** Resolves once nothing is in flight (work started meanwhile included), or after `timeoutMs`; says whether all finished. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      });
      await Promise.race([Promise.all(this.pending), timeout]);
      clearTimeout(timer);
    }
    return true;
  }
}
