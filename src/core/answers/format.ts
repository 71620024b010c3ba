import type { AnswerEpisode } from './answer.ts';
import { formatTimestamp } from '../model/chapters.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Oct 5, 2021" from an ISO date or date-time (read as UTC); null stays null. */
export function formatDate(iso: string | null): string | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  if (!m) return null;
  return `${MONTHS[Number(m[2]) - 1]} ${Number(m[3])}, ${m[1]}`;
}

/** "21 min", "1 h 05 min"; null when unknown. */
export function formatDuration(seconds: number | null): string | null {
  if (seconds === null || seconds <= 0) return null;
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** "Ana Medina and Jason", "A, B and C". */
function andList(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Who is on the episode, without repeating names the title already says:
 * "Founding Engineer, Tetrate" for the episode titled "Zack Butcher",
 * "with Brian Holt (Principal Program Manager, Microsoft), …" otherwise.
 */
function guestsPart(ep: AnswerEpisode): string | null {
  if (ep.guests.length === 0) return null;
  const title = ep.title.toLowerCase();
  const named = ep.guests.every((g) => title.includes(g.toLowerCase()));
  const about = (i: number) => ep.guestAbout?.[i] ?? null;
  if (named && ep.guests.length === 1) return about(0);
  const people = ep.guests.map((g, i) => (about(i) ? `${g} (${about(i)})` : g));
  if (!named) return `with ${people.join(', ')}`;
  const described = people.filter((_, i) => about(i));
  return described.length > 0 ? described.join(', ') : null;
}

/** The facts line of an episode: "Founding Engineer, Tetrate · hosted by Jason · Aug 10, 2021 · 18 min" (led by its show when several are followed). */
export function episodeFacts(ep: AnswerEpisode): string {
  const parts = [
    ep.show ? ep.show : null,
    guestsPart(ep),
    ep.hosts.length > 0 ? `hosted by ${andList(ep.hosts)}` : null,
    formatDate(ep.publishedAt),
    formatDuration(ep.durationSeconds),
  ];
  return parts.filter((p): p is string => p !== null).join(' · ');
}

/** "Multilayered Kubernetes lasagna — 16:06". */
export function chapterLine(chapter: { title: string; startSeconds: number }): string {
  return `${chapter.title} — ${formatTimestamp(chapter.startSeconds)}`;
}
