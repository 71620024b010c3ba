import type { AnswerEpisode } from './answer.ts';
import { formatTimestamp } from './chapters.ts';

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

/** The facts line of an episode: "with Zack Butcher · Aug 10, 2021 · 18 min" (led by its show when several are followed). */
export function episodeFacts(ep: AnswerEpisode): string {
  const parts = [
    ep.show ? ep.show : null,
    ep.guests.length > 0 ? `with ${ep.guests.join(', ')}` : null,
    formatDate(ep.publishedAt),
    formatDuration(ep.durationSeconds),
  ];
  return parts.filter((p): p is string => p !== null).join(' · ');
}

/** "Multilayered Kubernetes lasagna — 16:06". */
export function chapterLine(chapter: { title: string; startSeconds: number }): string {
  return `${chapter.title} — ${formatTimestamp(chapter.startSeconds)}`;
}
