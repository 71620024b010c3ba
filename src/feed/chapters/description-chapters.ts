import type { Chapter } from '../../core/model/catalog-schema.ts';
import { parseChapters } from '../../core/model/chapters.ts';

/** Fewest timestamped lines that make a chapter list (one alone is likely just a mention). */
const MIN_CHAPTERS = 2;

/**
 * Finds chapters written in plain-text show notes, one per line, in the styles
 * `00:04:25 - Title`, `Title: 00:01:27` and `Title (1:41)` (see core's
 * `parseChapters`). Returns them in ascending start order, or an empty list
 * when fewer than two are found.
 */
export function chaptersFromText(text: string): Chapter[] {
  const found = parseChapters(text);
  return found.length < MIN_CHAPTERS ? [] : found;
}
