/**
 * A first-come, first-served lock for asynchronous work in one process.
 * `acquire` resolves when the caller holds it; `release` hands it to the
 * next waiter, if any.
 */
export class AsyncMutex {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  /** Whether someone holds the lock (or is about to, being next). */
  get locked(): boolean {
    return this.held;
  }

  /** Waits until the caller holds the lock. */
  acquire(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Lets the lock go: the next waiter holds it now, or nobody. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}
