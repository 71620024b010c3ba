/**
 * Spaces the calls of one rate-limited Web API method: each call starts at
 * least `intervalMs` after the previous one finished (finished, not started:
 * Slack counts a call when it arrives, so spacing the starts alone could land
 * two calls closer than the interval), one at a time, in call order.
 * Slack counts its limits per method, per workspace, per app: one budget per
 * bot token (the bot is installed in one workspace). Other processes with the
 * same token share Slack's count but not this budget; their calls show as a
 * 429 with `Retry-After`, which the Web API client waits out and retries.
 */
export class CallBudget {
  private next = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `call` when its turn comes; the next call's turn is `intervalMs` after this one settles. */
  run<T>(call: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(async () => {
      const wait = this.next - this.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        return await call();
      } finally {
        this.next = this.now() + this.intervalMs;
      }
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}
