import { createHash } from 'node:crypto';

/**
 * The key of the show a feed URL stands for: `show-` + 10 hex characters of
 * sha256(the URL, trimmed). A pure function of the setting, so a feed that
 * renames itself, or is removed and added back, is the same show.
 */
export function showKeyOf(feedUrl: string): string {
  return `show-${createHash('sha256').update(feedUrl.trim(), 'utf8').digest('hex').slice(0, 10)}`;
}

/** An episode id made unique to one show, for an item whose guid another show already uses. */
export function showScopedId(showKey: string, id: string): string {
  return `ep-${createHash('sha256').update(`${showKey}|${id}`, 'utf8').digest('hex').slice(0, 16)}`;
}
