import type { RecordedCall } from './types.ts';

interface Waiter {
  match: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_TIMEOUT_MS = 2_000;

/** Keeps the list of received calls and resolves waits on them. */
export class CallRecorder {
  /** Mutated in place so references handed out stay live. */
  readonly calls: RecordedCall[] = [];
  private readonly waiters = new Set<Waiter>();

  record(call: RecordedCall): void {
    this.calls.push(call);
    for (const waiter of this.waiters) {
      if (!waiter.match(call)) continue;
      this.settle(waiter);
      waiter.resolve(call);
    }
  }

  waitFor(match: (call: RecordedCall) => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RecordedCall> {
    const existing = this.calls.find(match);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.settle(waiter);
          reject(new Error(`Slack double: timed out after ${timeoutMs}ms waiting for ${what}. ${this.describe()}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  clear(): void {
    this.calls.length = 0;
  }

  rejectAll(reason: string): void {
    for (const waiter of this.waiters) {
      this.settle(waiter);
      waiter.reject(new Error(`Slack double: ${reason}. ${this.describe()}`));
    }
  }

  /** Human-readable list of everything received, for failure messages. */
  describe(): string {
    if (this.calls.length === 0) return 'Received nothing.';
    const lines = this.calls.map((c, i) => {
      const name = c.responseId === undefined ? c.method : `${c.method}(${c.responseId})`;
      const body = JSON.stringify(c.body);
      const shortBody = body.length > 200 ? `${body.slice(0, 200)}…` : body;
      return `  ${i + 1}. ${name} -> ${c.status} ${shortBody}`;
    });
    return `Received ${this.calls.length}:\n${lines.join('\n')}`;
  }

  private settle(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
  }
}
