import type { Episode } from '../../src/core/catalog-schema.ts';

/** A stretch of an episode's transcript, indexed on its own so matches can be located. */
export interface Segment {
  id: string;
  episodeId: string;
  text: string;
}

/**
 * Splits an episode's transcript into segments of about `words` words,
 * cutting at paragraph ends where possible.
 */
export function splitTranscript(ep: Episode, words: number): Segment[] {
  if (!ep.transcriptExcerpt) return [];
  const paragraphs = ep.transcriptExcerpt.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const segments: Segment[] = [];
  let current: string[] = [];
  let count = 0;
  const flush = () => {
    if (current.length === 0) return;
    segments.push({ id: `${ep.id}#${segments.length}`, episodeId: ep.id, text: current.join('\n\n') });
    current = [];
    count = 0;
  };
  for (const para of paragraphs) {
    for (const piece of splitLong(para, words * 2)) {
      const n = piece.split(/\s+/).length;
      if (count > 0 && count + n > words) flush();
      current.push(piece);
      count += n;
    }
  }
  flush();
  return segments;
}

function splitLong(paragraph: string, maxWords: number): string[] {
  const w = paragraph.split(/\s+/);
  if (w.length <= maxWords) return [paragraph];
  const out: string[] = [];
  for (let i = 0; i < w.length; i += maxWords) out.push(w.slice(i, i + maxWords).join(' '));
  return out;
}
