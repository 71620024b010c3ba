import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/**
 * The team's material beside the repository (`../shared/`: seeds, feeds, relevance queries). A clone
 * alone does not have it: tests reading it are skipped there, with the reason in their name, and the
 * project's own fixtures (tests/fixtures/) cover the same behaviours. CI sets
 * EPISODE_BOT_REQUIRE_SHARED=1, where a missing `../shared` fails the run instead of skipping.
 * Runtime code never reads it.
 */
export const SHARED_DIR = resolve(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared');

/** The variable that turns a skip for missing `../shared` material into a failure (set by .ci/run). */
export const REQUIRE_SHARED = 'EPISODE_BOT_REQUIRE_SHARED';

/** Why a test of `relPath` is skipped on this checkout. */
export const skipReason = (relPath: string): string => `skipped: ../shared/${relPath} is not beside this clone`;

/**
 * The path of `../shared/<relPath>`, or null when it is absent (a clone alone).
 * Throws when it is absent and EPISODE_BOT_REQUIRE_SHARED=1: there, a skipped shared test is a failure.
 */
export function sharedMaterial(relPath: string): string | null {
  const path = join(SHARED_DIR, relPath);
  if (existsSync(path)) return path;
  if (process.env[REQUIRE_SHARED] === '1') {
    throw new Error(`../shared/${relPath} is missing (looked for ${path}) and ${REQUIRE_SHARED}=1 requires it: the tests reading it would be skipped`);
  }
  return null;
}

/**
 * A describe block over `../shared/<relPath>`: `body` gets its path. Without it, one skipped test
 * whose name gives the reason stands in for the block, and the reason is printed (in CI, see
 * sharedMaterial, the file fails instead).
 */
export function describeShared(name: string, relPath: string, body: (path: string) => void): void {
  const path = sharedMaterial(relPath);
  if (path !== null) {
    describe(name, () => body(path));
    return;
  }
  // The reporter shows a skipped test's name only in verbose mode: say it on stderr too.
  console.warn(`${name}: ${skipReason(relPath)}`);
  describe(name, () => {
    it.skip(skipReason(relPath), () => {});
  });
}
