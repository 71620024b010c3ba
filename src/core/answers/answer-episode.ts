import type { Episode } from '../model/catalog-schema.ts';
import type { AnswerEpisode } from './answer.ts';
import { truncate } from '../model/text.ts';

/** Longest summary an answer carries; renderers may cut further. */
export const SUMMARY_LENGTH = 300;

/** A transcript or data file (WebVTT, SubRip, JSON, plain text…): something to read by program, not a page to open. */
const TRANSCRIPT_FILE = /\.(?:vtt|srt|sbv|json|txt|ttml|dfxp|xml|csv|tsv)$/i;

/** Whether a URL opens a page or a player, not a raw transcript file. */
function isOpenable(url: string | null): url is string {
  if (!url) return false;
  try {
    return !TRANSCRIPT_FILE.test(decodeURIComponent(new URL(url).pathname));
  } catch {
    return false;
  }
}

/**
 * The link an answer gives an episode: its web page, else its audio, else
 * its transcript's when that is a page (as on the demo's gremlin.com); else, from its show notes, a guest's own profile (LinkedIn,
 * Twitter), the site of a guest's organisation, or the first link (with its
 * label); null when it has none. Never a transcript file (.vtt, .srt, .json).
 */
export function bestLink(ep: Episode): { url: string; label?: string } | null {
  const own = [ep.episodeUrl, ep.audioUrl, ep.transcriptUrl].find(isOpenable);
  if (own) return { url: own };
  const handles = ep.guests.map((g) => g.handle?.replace(/^@/, '').toLowerCase()).filter(Boolean);
  const orgs = ep.guests.map((g) => g.org?.toLowerCase()).filter(Boolean);
  const profile = ep.links.find((l) => /linkedin\.com\/in\//i.test(l.url) || handles.some((h) => l.url.toLowerCase().endsWith(`/${h}`)));
  const org = ep.links.find((l) => orgs.includes(l.label.toLowerCase()));
  const link = [profile, org, ...ep.links].find((l) => l && isOpenable(l.url));
  return link ? { url: link.url, label: link.label } : null;
}

/** Turns an episode into what an answer shows, with optional match details. */
export function toAnswerEpisode(
  ep: Episode,
  rank: number,
  extra: Partial<Pick<AnswerEpisode, 'chapter' | 'snippet' | 'reason'>> = {},
): AnswerEpisode {
  const link = bestLink(ep);
  return {
    id: ep.id,
    title: ep.title,
    url: link?.url ?? null,
    ...(link?.label ? { urlLabel: link.label } : {}),
    audioUrl: ep.audioUrl,
    guests: ep.guests.map((g) => g.name),
    guestAbout: ep.guests.map((g) => [g.role, g.org].filter(Boolean).join(', ') || null),
    hosts: ep.hosts.map((h) => h.name),
    publishedAt: ep.publishedAt,
    durationSeconds: ep.durationSeconds,
    summary: truncate(ep.description.replace(/\s+/g, ' ').trim(), SUMMARY_LENGTH),
    chapter: extra.chapter ?? null,
    snippet: extra.snippet ?? null,
    reason: extra.reason ?? null,
    rank,
    chapters: [],
    ...(ep.imageUrl ? { imageUrl: ep.imageUrl } : {}),
  };
}
