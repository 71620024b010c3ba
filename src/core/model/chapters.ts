import type { Chapter } from './catalog-schema.ts';

const TIME = String.raw`(\d{1,2}:\d{2}(?::\d{2})?)`;
const BULLET = String.raw`^[•*·\-\s]*`;
/** `00:04:25 - Title`, `[04:25] Title`, `04:25 Title` (dash, colon, bar or a space after the time). */
const TIME_FIRST = new RegExp(String.raw`${BULLET}[\[(]?${TIME}[\])]?(?:\s*[-–—:|]\s*|\s+)(.+?)\s*$`);
/** `Title: 00:01:27` or `Title - 00:01:27` (space after the separator optional). */
const TIME_AFTER_COLON = new RegExp(String.raw`${BULLET}(.+?)\s*[:\-–—]\s*${TIME}\s*$`);
/** `Title (1:41)` or `Title [1:41]`. */
const TIME_IN_PARENS = new RegExp(String.raw`${BULLET}(.+?)\s*[(\[]${TIME}[)\]]\s*$`);

/**
 * Parses a timestamp of the forms `H:MM:SS`, `HH:MM:SS`, `M:SS` or `MM:SS`
 * into seconds; null when it is not one (or a field is out of range).
 */
export function parseTimestamp(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const nums = [m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
  const [a, b, c] = nums as [number, number, number | undefined];
  if (c === undefined) return b < 60 ? a * 60 + b : null;
  return b < 60 && c < 60 ? a * 3600 + b * 60 + c : null;
}

/** Parses one show-notes line in any of the three chapter styles; null when it is not a chapter line. */
export function parseChapterLine(line: string): Chapter | null {
  const text = line.trim();
  const first = TIME_FIRST.exec(text);
  if (first) return chapter(first[2]!, first[1]!);
  const colon = TIME_AFTER_COLON.exec(text);
  if (colon) return chapter(colon[1]!, colon[2]!);
  const parens = TIME_IN_PARENS.exec(text);
  if (parens) return chapter(parens[1]!, parens[2]!);
  return null;
}

function chapter(title: string, time: string): Chapter | null {
  const startSeconds = parseTimestamp(time);
  const clean = title.trim().replace(/^[-–—:|]\s*/, '').trim();
  return startSeconds === null || clean.length === 0 ? null : { title: clean, startSeconds };
}

/**
 * Finds the chapter lines in show notes (one chapter per line, in any of the
 * styles above) and returns them in order of start time, duplicates dropped.
 */
export function parseChapters(showNotes: string): Chapter[] {
  const found: Chapter[] = [];
  const seen = new Set<string>();
  for (const line of showNotes.split(/\r?\n/)) {
    if (line.length > 300) continue;
    const c = parseChapterLine(line);
    if (!c || seen.has(`${c.startSeconds}|${c.title}`)) continue;
    seen.add(`${c.startSeconds}|${c.title}`);
    found.push(c);
  }
  return found.sort((x, y) => x.startSeconds - y.startSeconds);
}

/** Formats seconds as a chapter timestamp: `16:06`, or `1:02:03` past an hour. */
export function formatTimestamp(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
