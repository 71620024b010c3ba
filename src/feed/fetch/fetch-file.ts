import { readFile as fsReadFile, stat as fsStat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { decodeFeedBytes } from './decode-feed-bytes.ts';
import { failure } from './fetch-types.ts';
import type { FeedValidators, FetchDeps, FetchOutcome, FileStat } from './fetch-types.ts';
import { formatBytes } from './fetch-wording.ts';

/** What a file fetch needs. */
export interface FileFetchContext {
  validators: FeedValidators;
  maxBytes: number;
  deps: FetchDeps;
}

const FILE_PROBLEMS: Readonly<Record<string, { problem: string; retryable: boolean }>> = {
  ENOENT: { problem: 'does not exist', retryable: true },
  ENOTDIR: { problem: 'does not exist (a parent is not a folder)', retryable: true },
  EACCES: { problem: 'cannot be read (permission denied)', retryable: false },
  EPERM: { problem: 'cannot be read (permission denied)', retryable: false },
  EISDIR: { problem: 'is a folder, not a file', retryable: false },
};

function fileError(path: string, error: unknown): FetchOutcome {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  const known = FILE_PROBLEMS[code];
  if (known !== undefined) return failure(`Feed file "${path}" ${known.problem}.`, known.retryable);
  const detail = error instanceof Error ? error.message : String(error);
  return failure(`Feed file "${path}" could not be read: ${detail}.`, true);
}

/**
 * File validator: size and mtime (milliseconds with their fraction) in `etag`, so a rewrite
 * within the same second is still noticed; `lastModified` is the mtime as an HTTP date, for display.
 */
export function fileValidators(stat: FileStat): FeedValidators {
  return { etag: `file:${stat.size}:${stat.mtimeMs}`, lastModified: new Date(stat.mtimeMs).toUTCString() };
}

async function statFile(path: string, deps: FetchDeps): Promise<FileStat | FetchOutcome> {
  try {
    return await (deps.stat ?? fsStat)(path);
  } catch (error) {
    return fileError(path, error);
  }
}

async function readBytes(path: string, deps: FetchDeps): Promise<Uint8Array | FetchOutcome> {
  try {
    return await (deps.readFile ?? fsReadFile)(path);
  } catch (error) {
    return fileError(path, error);
  }
}

function tooLarge(path: string, size: number, maxBytes: number): FetchOutcome {
  return failure(`Feed file "${path}" is larger than ${formatBytes(maxBytes)} (${formatBytes(size)}).`, false);
}

/**
 * Reads a local feed file (stat first, so an over-size file is refused unread, and an unchanged
 * one — same size and mtime as `validators.etag` — is 'not-modified'). Decoded like an HTTP body.
 */
export async function fetchFileFeed(path: string, context: FileFetchContext): Promise<FetchOutcome> {
  const stat = await statFile(path, context.deps);
  if ('kind' in stat) return stat;
  if (!stat.isFile()) return failure(`Feed file "${path}" is not a regular file.`, false);
  if (stat.size > context.maxBytes) return tooLarge(path, stat.size, context.maxBytes);
  const validators = fileValidators(stat);
  if (context.validators.etag === validators.etag) return { kind: 'not-modified', validators };
  const bytes = await readBytes(path, context.deps);
  if ('kind' in bytes) return bytes;
  if (bytes.byteLength > context.maxBytes) return tooLarge(path, bytes.byteLength, context.maxBytes);
  const body = decodeFeedBytes(bytes, null);
  return { kind: 'fetched', body, validators, finalUrl: pathToFileURL(path).href, status: 200 };
}
