/** Printed at most every this many ms while work goes on; the final line always. */
export const PROGRESS_EVERY_MS = 3000;

/**
 * A gate for progress lines: lets through the first line, then at most one
 * every `everyMs`, and always the line that says the work is done.
 */
export function progressThrottle(everyMs = PROGRESS_EVERY_MS, now: () => number = Date.now): (done: boolean) => boolean {
  let last = -Infinity;
  return (done) => {
    if (!done && now() - last < everyMs) return false;
    last = now();
    return true;
  };
}
