import type { AnswerEpisode } from './answer.ts';
import { formatTimestamp } from '../model/chapters.ts';
import type { Snippet } from '../model/snippet.ts';

/** What leads a transcript quote: when it was said ("23:14") and by whom, where known. */
export interface QuoteLead {
  seconds: number | null;
  stamp: string | null;
  speaker: string | null;
}

/** The time and speaker of a transcript snippet; null for a description snippet or a quote with neither. */
export function quoteLead(snippet: Snippet): QuoteLead | null {
  if (snippet.source !== 'transcript') return null;
  const seconds = typeof snippet.startSeconds === 'number' && Number.isFinite(snippet.startSeconds) && snippet.startSeconds >= 0 ? snippet.startSeconds : null;
  const speaker = snippet.speaker?.replace(/\s+/g, ' ').trim().slice(0, 60) || null;
  if (seconds === null && speaker === null) return null;
  return { seconds, stamp: seconds === null ? null : formatTimestamp(seconds), speaker };
}

/** The plain-text lead: "▶ 23:14 — Jason: ", "▶ 23:14 — ", "Jason: ". */
export function quoteLeadText(lead: QuoteLead): string {
  const time = lead.stamp ? `▶ ${lead.stamp} — ` : '';
  return `${time}${lead.speaker ? `${lead.speaker}: ` : ''}`;
}

const YOUTUBE = /^https?:\/\/(?:www\.|m\.)?(?:youtube\.com\/watch\?|youtu\.be\/)/i;
const OVERCAST = /^https?:\/\/(?:www\.)?overcast\.fm\/\+[A-Za-z0-9_-]+\/?$/i;
const AUDIO = /\.(?:mp3|m4a|mp4|aac|ogg|oga|opus|wav)(?:[?#]|$)/i;

/**
 * A link that opens the episode at `seconds`, where its page or player
 * supports it: a YouTube page (`t=`), an Overcast episode (`/+id/mm:ss`), or
 * the audio file itself (a Media Fragment, `#t=`, which browsers' players
 * honour). Null for other pages (the plain link is shown instead).
 */
export function timedEpisodeUrl(ep: Pick<AnswerEpisode, 'url' | 'audioUrl'>, seconds: number): string | null {
  const at = Math.max(0, Math.floor(seconds));
  const url = ep.url ?? '';
  if (YOUTUBE.test(url)) return `${url.replace(/[?&]t=\d+s?/, '')}${url.includes('?') ? '&' : '?'}t=${at}s`;
  if (OVERCAST.test(url)) return `${url.replace(/\/$/, '')}/${formatTimestamp(at)}`;
  const audio = ep.audioUrl ?? (AUDIO.test(url) ? url : null);
  if (audio && /^https?:\/\//i.test(audio)) return `${audio.split('#')[0]}#t=${at}`;
  return null;
}
