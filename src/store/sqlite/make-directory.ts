import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fail, ok, type Result } from '../../core/model/result.ts';

/** Most missing parent directories created for one path; a deeper miss is refused, not looped on. */
const MAX_DEPTH = 64;

function errorCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

/** The missing directories from `dir` up to its first existing ancestor, outermost first. */
function missingChain(dir: string): Result<string[]> {
  const missing: string[] = [];
  for (let at = dir; missing.length <= MAX_DEPTH; at = dirname(at)) {
    try {
      return statSync(at).isDirectory() ? ok(missing.reverse()) : fail(`${at} is not a directory`);
    } catch (err) {
      if (!['ENOENT', 'ENOTDIR'].includes(errorCode(err)) || dirname(at) === at) return fail(`cannot look at ${at} (${errorCode(err)})`);
      missing.push(at);
    }
  }
  return fail(`more than ${MAX_DEPTH} directories would have to be created`);
}

/**
 * Creates directory `dir` and its missing parents, one `mkdir` each. Unlike
 * `mkdirSync(dir, { recursive: true })` this cannot loop: on /proc, mkdir
 * answers ENOENT for a directory whose parent exists, and Node's recursive
 * mkdir then retries the parent and the child forever (at 100% CPU).
 * A failure is a sentence for a person ("cannot create /sys/nope (EPERM)").
 */
export function makeDirectory(dir: string): Result<void> {
  const chain = missingChain(dir);
  if (!chain.ok) return chain;
  for (const path of chain.value) {
    try {
      mkdirSync(path);
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') return fail(`cannot create the directory ${path} (${errorCode(err)})`);
    }
  }
  return ok(undefined);
}
