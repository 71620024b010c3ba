import type { Chapter } from '../../core/model/catalog-schema.ts';
import { parseTimestamp } from '../xml/duration.ts';
import { attrOf, child, children } from '../xml/xml-node.ts';
import type { XmlValue } from '../xml/xml-node.ts';

/** A Podlove start time: "0", "01" (seconds), "01:02", "01:02:03", "01:02:03.400". */
function startOf(raw: string | null): number | null {
  if (raw === null) return null;
  if (/^\d+(?:\.\d+)?$/.test(raw)) return Math.floor(Number(raw));
  return parseTimestamp(raw);
}

/**
 * Chapters from Podlove Simple Chapters (`<psc:chapters><psc:chapter start title/>`)
 * in ascending start order; entries without a title or a readable start are skipped.
 */
export function podloveChapters(item: XmlValue): Chapter[] {
  const chapters: Chapter[] = [];
  for (const entry of children(child(item, 'psc:chapters'), 'psc:chapter')) {
    const startSeconds = startOf(attrOf(entry, 'start'));
    const title = attrOf(entry, 'title');
    if (startSeconds !== null && title !== null) chapters.push({ title, startSeconds });
  }
  return chapters.sort((a, b) => a.startSeconds - b.startSeconds);
}
