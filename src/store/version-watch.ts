import type { ChangeVersions } from './ports/changes.ts';

/** A running watch of the change versions. */
export interface VersionWatch {
  /** Reads the versions now (a notification came), after the read in progress if any. */
  nudge(): void;
  stop(): void;
}

const same = (a: ChangeVersions, b: ChangeVersions) => a.episodes === b.episodes && a.transcripts === b.transcripts && a.shows === b.shows && a.leases === b.leases;

/**
 * Reads the versions at once, then every `intervalMs` and whenever nudged,
 * and calls `onChange` when they differ from the last ones it was called
 * with (the first read counts). Reads and calls never overlap; a nudge
 * during one leads to one more read after it. A failed read or call is
 * tried again on the next tick (the versions are not taken as seen).
 */
export function watchVersions(
  read: () => Promise<ChangeVersions>,
  onChange: (versions: ChangeVersions) => void | Promise<void>,
  intervalMs: number,
  onError: (err: unknown) => void = () => {},
): VersionWatch {
  let seen: ChangeVersions | null = null;
  let busy = false;
  let again = false;
  let stopped = false;
  const check = async (): Promise<void> => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const now = await read();
      if (!stopped && (seen === null || !same(seen, now))) {
        await onChange(now);
        seen = now;
      }
    } catch (err) {
      onError(err);
    } finally {
      busy = false;
    }
    if (again) {
      again = false;
      void check();
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref?.();
  void check();
  return {
    nudge: () => void check(),
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
