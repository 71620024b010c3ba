import type { Chapter } from '../core/catalog-schema.ts';
import { parseTimestamp } from './duration.ts';

const STAMP = String.raw`\d{1,2}(?::\d{2}){1,2}`;
const BULLET = String.raw`(?:[-*•·]\s*)?`;

/** "00:04:25 - Title", "[04:25] Title", "04:25 Title". */
const STAMP_FIRST = new RegExp(String.raw`^${BULLET}[\[(]?(${STAMP})[\])]?(?:\s*[-–—:|]\s*|\s+)(.+)$`);
/** "Title (1:41)" or "Title [1:41]". */
const STAMP_IN_BRACKETS = new RegExp(String.raw`^${BULLET}(.+?)\s*[(\[](${STAMP})[)\]]$`);
/** "Title: 00:01:27" or "Title - 00:01:27". */
const STAMP_LAST = new RegExp(String.raw`^${BULLET}(.+?)\s*[:\-–—]\s*(${STAMP})$`);

/** Fewest timestamped lines that make a chapter list (one alone is likely just a mention). */
const MIN_CHAPTERS = 2;

function chapterOf(stamp: string, title: string): Chapter | null {
  const startSeconds = parseTimestamp(stamp);
  const cleanTitle = title.trim().replace(/^[-–—:|]\s*/, '').trim();
  if (startSeconds === null || cleanTitle === '') return null;
  return { title: cleanTitle, startSeconds };
}

/** Reads one line in any of the three styles; null when it is not a chapter line. */
function parseLine(line: string): Chapter | null {
  const first = STAMP_FIRST.exec(line);
  if (first) return chapterOf(first[1]!, first[2]!);
  const bracketed = STAMP_IN_BRACKETS.exec(line);
  if (bracketed) return chapterOf(bracketed[2]!, bracketed[1]!);
  const last = STAMP_LAST.exec(line);
  if (last) return chapterOf(last[2]!, last[1]!);
  return null;
}

/**
 * Finds chapters written in plain-text show notes, one per line, in the styles
 * `00:04:25 - Title`, `Title: 00:01:27` and `Title (1:41)`. Returns them in
 * ascending start order (stable for equal starts, duplicates dropped), or an
 * empty list when fewer than two are found.
 */
export function chaptersFromText(text: string): Chapter[] {
  const found: Chapter[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.length > 300) continue;
    const chapter = parseLine(trimmed);
    if (chapter !== null) found.push(chapter);
  }
  if (found.length < MIN_CHAPTERS) return [];
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.startSeconds - b.startSeconds)
    .filter((c) => {
      const key = `${c.startSeconds}|${c.title}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
