import { chapterSchema, type Chapter } from '../../core/model/catalog-schema.ts';

/**
 * Reads a Podcasting 2.0 JSON chapters file (`{"version": "1.2.0", "chapters":
 * [{"startTime": 0, "title": "Intro"}, ...]}`) into chapters in start order;
 * chapters without a title or a start are skipped; not JSON → null.
 */
export function parseJsonChapters(text: string): Chapter[] | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const list = (json as { chapters?: unknown })?.chapters;
  if (!Array.isArray(list)) return null;
  const chapters: Chapter[] = [];
  for (const item of list.slice(0, 500)) {
    const c = item as { startTime?: unknown; title?: unknown; toc?: unknown };
    if (c.toc === false) continue;
    const parsed = chapterSchema.safeParse({
      title: typeof c.title === 'string' ? c.title.trim().slice(0, 200) : '',
      startSeconds: typeof c.startTime === 'number' ? Math.floor(c.startTime) : -1,
    });
    if (parsed.success) chapters.push(parsed.data);
  }
  return chapters.sort((a, b) => a.startSeconds - b.startSeconds);
}
