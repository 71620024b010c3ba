import type { Logger } from 'pino';

/** At most one warning in this long while the database stays unreachable. */
const QUIET_MS = 60_000;

/**
 * Logs "the database is unreachable" once per outage rather than once per
 * failed command: a failure within a minute of the last one is the same outage.
 */
export function outageLog(log: Logger, now: () => number = Date.now): (err: unknown) => void {
  let last = -Infinity;
  return (err) => {
    const t = now();
    if (t - last > QUIET_MS) log.warn({ error: (err as Error).message }, 'the database is unreachable: answering from memory, commands that need it are refused until it is back');
    last = t;
  };
}
