import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF_POLICY, backoffCeiling, failureDelayCap, nextPollDelay } from '../../../src/following/backoff.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const INTERVAL = 15 * MINUTE;
const highest = () => 1;
const lowest = () => 0;

const delayAfter = (consecutiveFailures: number, random: () => number, extra: { intervalMs?: number; retryAfterMs?: number } = {}) =>
  nextPollDelay({ intervalMs: extra.intervalMs ?? INTERVAL, consecutiveFailures, random, retryAfterMs: extra.retryAfterMs });

describe('nextPollDelay', () => {
  it('waits exactly one interval after a success, whatever the random source says', () => {
    expect(delayAfter(0, highest)).toBe(INTERVAL);
    expect(delayAfter(0, lowest)).toBe(INTERVAL);
  });

  it('doubles the upper bound with each consecutive failure, starting at 30 s', () => {
    const ceilings = [1, 2, 3, 4, 5].map((failures) => delayAfter(failures, highest));
    expect(ceilings).toEqual([30 * SECOND, 60 * SECOND, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE]);
  });

  it('caps failure delays at 8 intervals, at 6 hours for long intervals, and never below one interval', () => {
    expect(delayAfter(50, highest)).toBe(8 * INTERVAL);
    expect(delayAfter(1000, highest, { intervalMs: 2 * HOUR })).toBe(6 * HOUR);
    expect(delayAfter(1000, highest, { intervalMs: 24 * HOUR })).toBe(24 * HOUR);
    expect(failureDelayCap(INTERVAL)).toBe(2 * HOUR);
  });

  it('jitters uniformly between the 10 s floor and the ceiling (full jitter)', () => {
    expect(delayAfter(4, lowest)).toBe(DEFAULT_BACKOFF_POLICY.floorMs);
    expect(delayAfter(4, () => 0.5)).toBe(Math.round(10 * SECOND + 0.5 * (4 * MINUTE - 10 * SECOND)));
    for (let i = 0; i < 200; i++) {
      const delay = delayAfter(6, Math.random);
      expect(delay).toBeGreaterThanOrEqual(10 * SECOND);
      expect(delay).toBeLessThanOrEqual(backoffCeiling(INTERVAL, 6));
    }
  });

  it('honours a Retry-After longer than the backoff, but not one shorter', () => {
    expect(delayAfter(1, highest, { retryAfterMs: 10 * MINUTE })).toBe(10 * MINUTE);
    expect(delayAfter(3, highest, { retryAfterMs: 5 * SECOND })).toBe(2 * MINUTE);
    expect(delayAfter(0, highest, { retryAfterMs: HOUR })).toBe(HOUR);
  });

  it('limits a Retry-After to 24 hours so a broken header cannot silence a feed', () => {
    expect(delayAfter(1, lowest, { retryAfterMs: 90 * 24 * HOUR })).toBe(24 * HOUR);
  });

  it('starts over at the interval after a success that follows failures', () => {
    expect(delayAfter(7, highest)).toBe(64 * 30 * SECOND);
    expect(delayAfter(0, highest)).toBe(INTERVAL);
    expect(delayAfter(1, highest)).toBe(30 * SECOND);
  });

  it('keeps a short configured interval after success, and never backs off below the floor', () => {
    expect(delayAfter(0, highest, { intervalMs: SECOND })).toBe(SECOND);
    expect(delayAfter(1, highest, { intervalMs: SECOND })).toBeGreaterThanOrEqual(10 * SECOND);
    expect(delayAfter(1, () => -5)).toBe(10 * SECOND);
    expect(delayAfter(2, () => Number.NaN)).toBe(60 * SECOND);
    expect(delayAfter(2, () => 7)).toBe(60 * SECOND);
  });
});
